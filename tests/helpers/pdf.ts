import { PDFDocument, StandardFonts } from "pdf-lib";

/** A real one-page PDF made for the test (pdf-lib), with a line of text: what a practice's form looks like. */
export async function minimalPdf(text = "Anamnesebogen der Praxis"): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}
