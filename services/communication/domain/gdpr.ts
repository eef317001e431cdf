/**
 * What an e-mail to a therapist said about one patient (the block under "Patienten-ID <id>" of an inquiry or
 * reminder), for the patient's export (Art. 15) and for erasing it (Art. 17) while the rest of the e-mail,
 * about other patients, stays.
 */
const REDACTED = "[Angaben nach DSGVO-Löschung entfernt]";

/** The "- Feld: Wert" lines of the patient's block in the plain-text part. */
export function patientLines(text: string, patientId: number): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === `Patienten-ID ${patientId}`);
  if (start < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === "" && out.length === 0) continue;
    if (!l.startsWith("- ")) break;
    out.push(l.slice(2));
  }
  return out;
}

/** Both parts of an e-mail with the patient's block replaced by a note; other patients' blocks are kept. */
export function redactPatient(html: string, text: string, patientId: number): { html: string; text: string } {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === `Patienten-ID ${patientId}`);
  let redactedText = text;
  if (start >= 0) {
    let end = start + 1;
    while (end < lines.length && lines[end].trim() === "") end++;
    const first = end;
    while (end < lines.length && lines[end].startsWith("- ")) end++;
    redactedText = [...lines.slice(0, first), REDACTED, ...lines.slice(end)].join("\n");
  }
  const heading = new RegExp(`(<h3>Patienten-ID ${patientId}</h3>)\\s*<ul>[\\s\\S]*?</ul>`);
  return { html: html.replace(heading, `$1\n<p>${REDACTED}</p>`), text: redactedText };
}
