import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../../mixins/audit";
import { badRequest, notFound } from "../../../mixins/errors";
import { writeEvent } from "../../../mixins/outbox";
import { paginated, parsePagination } from "../../../mixins/pagination";
import { parseId } from "../../../mixins/params";
import { SUCCESS_TEMPLATE_TYPES, SUCHSTATUS, isOneOf } from "../../shared/enums";
import { searchPrerequisiteError } from "../domain/search-validation";
import { searchUpdateError } from "../domain/transitions";
import { authorOf, clock, type Row } from "./context";
import { appendSealed, openNote } from "../persistence/sealed-notes";

type Ctx = Context<Record<string, any>, any>;
const S = "matching_service";

/** Platzsuchen (domain.md 2.6, 3.3, 3.16, 4.4). */
/** Orders of the searches list (`sort`, "-" for descending); ties by id so pages never overlap. */
const SEARCH_ORDER = {
  created_at: "ps.created_at, ps.id",
  "-created_at": "ps.created_at DESC, ps.id DESC",
  status: "ps.status, ps.id",
  "-status": "ps.status DESC, ps.id DESC",
  id: "ps.id",
  "-id": "ps.id DESC",
  gesamt_anfragen: `(SELECT count(*) FROM ${S}.therapeut_anfrage_patient x WHERE x.platzsuche_id = ps.id), ps.id`,
  "-gesamt_anfragen": `(SELECT count(*) FROM ${S}.therapeut_anfrage_patient x WHERE x.platzsuche_id = ps.id) DESC, ps.id DESC`,
} as const;
const SEARCH_SORTS = Object.keys(SEARCH_ORDER) as (keyof typeof SEARCH_ORDER)[];

export const SearchActions: Partial<ServiceSchema> = {
  actions: {
    listSearches: {
      rest: "GET /platzsuchen",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const where: string[] = [];
        const repl: Row = { limit: p.limit, offset: p.offset };
        if (ctx.params.status !== undefined && ctx.params.status !== "") {
          if (!isOneOf(SUCHSTATUS, ctx.params.status)) {
            throw badRequest(`Invalid status '${ctx.params.status}'. Valid values: ${SUCHSTATUS.join(", ")}`);
          }
          where.push("ps.status = :status");
          repl.status = ctx.params.status;
        }
        if (ctx.params.patient_id !== undefined && ctx.params.patient_id !== "") {
          const pid = parseId(ctx.params.patient_id);
          if (!pid) throw badRequest("Invalid patient_id");
          where.push("ps.patient_id = :pid");
          repl.pid = pid;
        }
        for (const [param, op] of [
          ["min_anfragen", ">="],
          ["max_anfragen", "<="],
        ] as const) {
          if (ctx.params[param] === undefined || ctx.params[param] === "") continue;
          const n = Number(ctx.params[param]);
          if (!Number.isInteger(n) || n < 0) throw badRequest(`Invalid ${param}`);
          where.push(
            `(SELECT count(*) FROM ${S}.therapeut_anfrage_patient x WHERE x.platzsuche_id = ps.id) ${op} :${param}`,
          );
          repl[param] = n;
        }
        const sort = ctx.params.sort ?? "-created_at";
        if (!isOneOf(SEARCH_SORTS, sort)) {
          throw badRequest(`Invalid sort '${sort}'. Valid values: ${SEARCH_SORTS.join(", ")}`);
        }
        const name = typeof ctx.params.search === "string" ? ctx.params.search.trim() : "";
        if (name) {
          // Names live in the patient service: it answers with the matching ids (newest first, bounded).
          const ids: number[] = await ctx.call("patient.idsByName", { search: name, limit: 5000 });
          where.push("ps.patient_id = ANY(:nameIds::int[])");
          repl.nameIds = `{${ids.join(",")}}`;
        }
        const w = where.length ? `WHERE ${where.join(" AND ")}` : "";
        const rows = await this.repo.q(
          `SELECT ps.* FROM ${S}.platzsuche ps ${w} ORDER BY ${SEARCH_ORDER[sort]} LIMIT :limit OFFSET :offset`,
          repl,
        );
        const [{ n }] = await this.repo.q(`SELECT count(*)::int AS n FROM ${S}.platzsuche ps ${w}`, repl);
        const counts = await this.repo.inquiryCounts(rows.map((r: Row) => r.id));
        const patients = await this.patientsById(
          ctx,
          rows.map((r: Row) => r.patient_id),
        );
        const data = rows.map((r: Row) => {
          const pt = patients.get(r.patient_id);
          return {
            id: r.id,
            patient_id: r.patient_id,
            patienten_name: pt ? `${pt.vorname} ${pt.nachname}` : null,
            status: r.status,
            created_at: r.created_at.toISOString(),
            updated_at: r.updated_at.toISOString(),
            aktive_anfragen: counts.get(r.id)?.aktive ?? 0,
            gesamt_anfragen: counts.get(r.id)?.gesamt ?? 0,
            offen_fuer_gruppentherapie: pt?.offen_fuer_gruppentherapie ?? null,
            vermittelter_therapeut_id: r.vermittelter_therapeut_id,
          };
        });
        return paginated(data, n, p);
      },
    },

    getSearch: {
      rest: ["GET /platzsuchen/:id", "GET /v2/patient-searches/:id"],
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const s = await this.loadSearch(ctx.params.id);
        const [patient] = await ctx.call<Row[], any>("patient.getMany", { ids: [s.patient_id] });
        const history = await this.repo.q(
          `SELECT tap.*, a.therapist_id, a.gesendet_datum, a.antwort_datum FROM ${S}.therapeut_anfrage_patient tap
             JOIN ${S}.therapeutenanfrage a ON a.id = tap.therapeutenanfrage_id
            WHERE tap.platzsuche_id = :id ORDER BY a.erstellt_datum, a.id`,
          { id: s.id },
        );
        const therapists = await this.therapistsById(
          ctx,
          history.map((h: Row) => h.therapist_id),
        );
        const counts = (await this.repo.inquiryCounts([s.id])).get(s.id);
        await audit(ctx, this.db, { action: "read", entity: "platzsuche", entity_id: s.id });
        return {
          id: s.id,
          patient_id: s.patient_id,
          patient: patient ?? null,
          status: s.status,
          created_at: s.created_at.toISOString(),
          updated_at: s.updated_at.toISOString(),
          ausgeschlossene_therapeuten: s.ausgeschlossene_therapeuten ?? [],
          erfolgreiche_vermittlung_datum: s.erfolgreiche_vermittlung_datum?.toISOString() ?? null,
          vermittelter_therapeut_id: s.vermittelter_therapeut_id,
          notizen: openNote(this.config, s.notizen),
          gesamt_angeforderte_kontakte: s.gesamt_angeforderte_kontakte,
          verbleibende_kontakte: Math.max(0, s.gesamt_angeforderte_kontakte - s.verbrauchte_kontakte),
          aktive_anfragen: counts?.aktive ?? 0,
          gesamt_anfragen: counts?.gesamt ?? 0,
          anfrage_verlauf: history.map((h: Row) => {
            const t = therapists.get(h.therapist_id);
            return {
              anfrage_id: h.therapeutenanfrage_id,
              therapist_id: h.therapist_id,
              therapeuten_name: t ? `${t.titel ? `${t.titel} ` : ""}${t.vorname} ${t.nachname}` : null,
              position: h.position_in_anfrage,
              status: h.status,
              outcome: h.antwortergebnis,
              sent_date: h.gesendet_datum?.toISOString() ?? null,
              response_date: h.antwort_datum?.toISOString() ?? null,
            };
          }),
        };
      },
    },

    createSearch: {
      rest: ["POST /platzsuchen", "POST /v2/patient-searches"],
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const patientId = ctx.params.patient_id;
        if (patientId === undefined || patientId === null || patientId === "")
          throw badRequest("patient_id is required");
        const pid = parseId(patientId);
        if (!pid) throw badRequest("patient_id must be a positive integer");
        const [patient] = await ctx.call<Row[], any>("patient.getMany", { ids: [pid] });
        if (!patient) throw notFound(`Patient ${pid} not found`);
        const problem = searchPrerequisiteError(patient);
        if (problem) throw badRequest(problem, { patient_id: pid }, "PATIENT_INCOMPLETE");
        const warnungen: string[] = patient.vorqualifikation?.hinweise ?? [];
        if (warnungen.length && this.config.matching.enforcePrequalification) {
          throw badRequest(
            `Cannot create platzsuche: ${warnungen.join("; ")}`,
            { patient_id: pid },
            "PREQUALIFICATION_FAILED",
          );
        }
        const c = clock(this.config);
        const notes = ctx.params.notizen
          ? appendSealed(this.config, null, String(ctx.params.notizen), authorOf(ctx.meta), c)
          : null;
        const s = await this.db.transaction(async (t: any) => {
          const existing = await this.repo.activeSearchOf(pid, t);
          if (existing)
            throw badRequest(
              "Patient already has an active search",
              { search_id: existing.id },
              "SEARCH_ALREADY_ACTIVE",
            );
          const [row] = await this.repo
            .q(
              `INSERT INTO ${S}.platzsuche (patient_id, notizen, gesamt_angeforderte_kontakte)
               VALUES (:pid, :notes, :budget) RETURNING *`,
              { pid, notes, budget: this.config.matching.defaultContactBudget },
              t,
            )
            .catch((e: Error) => {
              // The partial unique index catches a concurrent create of the same patient's search.
              if (/platzsuche_one_active/.test(String((e as any).parent?.constraint ?? e.message))) {
                throw badRequest("Patient already has an active search", {}, "SEARCH_ALREADY_ACTIVE");
              }
              throw e;
            });
          await audit(ctx, this.db, { action: "create", entity: "platzsuche", entity_id: row.id }, t);
          await writeEvent(t, {
            eventType: "search.updated",
            producer: "matching",
            payload: { search_id: row.id, patient_id: pid, status: "aktiv" },
          });
          return row;
        });
        ctx.meta.$statusCode = 201;
        return {
          id: s.id,
          patient_id: pid,
          status: "aktiv",
          created_at: s.created_at.toISOString(),
          message: "Patient search created successfully",
          ...(warnungen.length ? { warnungen } : {}),
        };
      },
    },

    updateSearch: {
      rest: "PUT /platzsuchen/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const id = parseId(ctx.params.id);
        if (!id) throw notFound(`Patient search ${ctx.params.id} not found`);
        const p = ctx.params;
        if (p.status === null) throw badRequest("Field 'status' cannot be cleared");
        if (p.ausgeschlossene_therapeuten !== undefined && p.ausgeschlossene_therapeuten !== null) {
          const l = p.ausgeschlossene_therapeuten;
          if (!Array.isArray(l) || !l.every((x: unknown) => Number.isInteger(x) && (x as number) > 0)) {
            throw badRequest("Invalid therapist IDs in exclusion list");
          }
        }
        // An unknown template type falls back to email_contact, as the earlier system did (issue 12.6): the
        // placement is recorded either way, and a success e-mail is never lost over a client's typo.
        if (p.email_template_type != null && !isOneOf(SUCCESS_TEMPLATE_TYPES, p.email_template_type))
          p.email_template_type = "email_contact";
        const c = clock(this.config);
        const { before, after } = await this.db.transaction(async (t: any) => {
          const s = await this.repo.search(id, t, true);
          if (!s) throw notFound(`Patient search ${id} not found`);
          const error = searchUpdateError(s, p);
          if (error) throw badRequest(error, {}, "INVALID_SEARCH_UPDATE");
          const sets: string[] = ["updated_at = now()"];
          const repl: Row = { id };
          if (p.status !== undefined && p.status !== s.status) {
            sets.push("status = :status");
            repl.status = p.status;
            if (p.status === "erfolgreich") sets.push("erfolgreiche_vermittlung_datum = now()");
          }
          if (p.vermittelter_therapeut_id !== undefined) {
            sets.push("vermittelter_therapeut_id = :vt");
            repl.vt = p.vermittelter_therapeut_id;
          }
          // null clears (issue 12.9): no exclusions, no notes.
          if (p.ausgeschlossene_therapeuten !== undefined) {
            sets.push("ausgeschlossene_therapeuten = :ex");
            repl.ex = JSON.stringify(p.ausgeschlossene_therapeuten ?? []);
          }
          if (p.notizen === null) sets.push("notizen = NULL");
          else if (p.notizen) {
            sets.push("notizen = :notes");
            repl.notes = appendSealed(this.config, s.notizen, String(p.notizen), authorOf(ctx.meta), c);
          }
          const [row] = await this.repo.q(
            `UPDATE ${S}.platzsuche SET ${sets.join(", ")} WHERE id = :id RETURNING *`,
            repl,
            t,
          );
          await audit(
            ctx,
            this.db,
            {
              action: "update",
              entity: "platzsuche",
              entity_id: id,
              details: { fields: Object.keys(p).filter((k) => k !== "id") },
            },
            t,
          );
          await writeEvent(t, {
            eventType: "search.updated",
            producer: "matching",
            payload: { search_id: id, patient_id: s.patient_id, status: row.status },
          });
          return { before: s, after: row };
        });
        if (before.status !== "erfolgreich" && after.status === "erfolgreich")
          await this.onPlacementConfirmed(ctx, after, p);
        return { message: "Patient search updated successfully", id };
      },
    },

    deleteSearch: {
      rest: "DELETE /platzsuchen/:id",
      auth: "staff",
      async handler(this: any, ctx: Ctx) {
        const s = await this.loadSearch(ctx.params.id);
        await this.db.transaction(async (t: any) => {
          await this.repo.exec(`DELETE FROM ${S}.platzsuche WHERE id = :id`, { id: s.id }, t);
          await this.shrinkAfterRemoval(t, null);
          await audit(ctx, this.db, { action: "delete", entity: "platzsuche", entity_id: s.id }, t);
        });
        return { message: "Patient search deleted successfully" };
      },
    },
  },
};
