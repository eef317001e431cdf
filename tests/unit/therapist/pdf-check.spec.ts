import { checkPdfStructure, hasPdfFrame } from "../../../services/therapist/pdf-check";
import { minimalPdf } from "../../helpers/pdf";

/** The PDF upload check (issue 11): structure parsed by pdf-lib in a worker thread with a time limit. */
describe("PDF structure check", () => {
  it("accepts a real PDF and refuses fakes that only look like one", async () => {
    const pdf = await minimalPdf();
    expect(await checkPdfStructure(pdf, 15_000)).toEqual({ ok: true });
    expect(hasPdfFrame(Buffer.from("%PDF-1.4 test"))).toBe(false);
    const frame = Buffer.from("%PDF-1.4\n% nur Rahmen\n%%EOF\n");
    expect(hasPdfFrame(frame)).toBe(true);
    expect((await checkPdfStructure(frame, 15_000)).ok).toBe(false);
    const noPages = Buffer.from(
      "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
    );
    expect(await checkPdfStructure(noPages, 15_000)).toMatchObject({ ok: false });
  });

  it("gives up on a crafted file after the time limit without blocking the event loop", async () => {
    let body = "%PDF-1.4\n";
    for (let i = 1; i < 100_000; i++) body += `${i} 0 obj<</A ${i}>>endobj\n`;
    const crafted = Buffer.from(body + "%%EOF\n");
    let ticks = 0;
    let worstGap = 0;
    let last = Date.now();
    const timer = setInterval(() => {
      ticks++;
      worstGap = Math.max(worstGap, Date.now() - last);
      last = Date.now();
    }, 10);
    const started = Date.now();
    const r = await checkPdfStructure(crafted, 400);
    clearInterval(timer);
    expect(r).toMatchObject({ ok: false, timedOut: true });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ticks).toBeGreaterThan(5);
    expect(worstGap).toBeLessThan(250);
  });
});
