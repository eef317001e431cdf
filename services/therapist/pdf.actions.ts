import * as fs from "node:fs";
import type { Readable } from "node:stream";
import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../mixins/audit";
import { badRequest, notFound } from "../../mixins/errors";
import { multipartLimits, readMultipart } from "../../mixins/http/multipart";

type Ctx<P = Record<string, any>> = Context<P, any>;

/** PDF forms per therapist (domain.md 4.3): list, upload (PDF only, size limit, sanitised names), delete. */
export const PdfActions: Partial<ServiceSchema> = {
  actions: {
    listPdfs: {
      rest: "GET /therapists/:id/pdfs",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        // Names only (issue 11): `path` is the file's name inside the therapist's PDF store ("<id>/<name>"),
        // which POST /api/emails takes as an attachment; the server's folder layout stays private.
        const pdfs = this.pdfs.list(row.id).map((f: { filename: string; size: number }) => ({
          filename: f.filename,
          size: f.size,
          path: `${row.id}/${f.filename}`,
        }));
        return { therapist_id: row.id, pdf_count: pdfs.length, pdfs };
      },
    },

    /** One stored form as the PDF itself (the staff app downloads it with the token, so no public link exists). */
    downloadPdf: {
      rest: "GET /therapists/:id/pdfs/:filename",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        const name = String(ctx.params.filename ?? "");
        // Only a name the listing returned: never a path of the caller's choosing.
        const file = this.pdfs.list(row.id).find((f: { filename: string }) => f.filename === name);
        if (!file) throw notFound(`File '${name}' not found`);
        ctx.meta.$responseType = "application/pdf";
        ctx.meta.$responseHeaders = {
          "Content-Disposition": `attachment; filename="dokument.pdf"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        };
        return fs.readFileSync(file.path);
      },
    },

    uploadPdf: {
      // A stream alias read by the platform's one multipart reader (limits on file, field count and size).
      rest: { method: "POST", path: "/therapists/:id/pdfs", type: "stream" } as any,
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        if (!ctx.stream) throw badRequest("A PDF file is required in the form field 'file'");
        const upload = await readMultipart(
          ctx.stream as Readable,
          String(ctx.meta.$contentType ?? ""),
          multipartLimits(this.config.http, this.config.therapist.pdfMaxBytes),
          { missingFile: () => badRequest("A PDF file is required in the form field 'file'") },
        );
        const saved = await this.pdfs.save(row.id, upload.filename || "dokument.pdf", upload.data);
        await audit(ctx, this.db, {
          action: "update",
          entity: "therapist",
          entity_id: row.id,
          details: { pdf: saved.filename },
        });
        ctx.meta.$statusCode = 201;
        return {
          message: "PDF uploaded successfully",
          therapist_id: row.id,
          filename: saved.filename,
          size: saved.size,
        };
      },
    },

    deletePdfs: {
      rest: "DELETE /therapists/:id/pdfs",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const row = await this.load(ctx.params.id);
        const filename = typeof ctx.params.filename === "string" ? ctx.params.filename : undefined;
        const n = this.pdfs.remove(row.id, filename);
        if (filename && n === 0) throw notFound(`File '${filename}' not found`);
        return {
          message: filename ? "PDF deleted successfully" : "All PDFs deleted successfully",
          files_deleted: n,
        };
      },
    },

    pdfPaths: {
      handler(this: any, ctx: Ctx<{ id: number }>) {
        return this.pdfs.list(ctx.params.id).map((f: { path: string }) => f.path);
      },
    },
  },
};
