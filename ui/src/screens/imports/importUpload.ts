/** The file types the therapist import reads (docs/therapists.md, "Upload"). */
const ACCEPTED = /\.(json|html?)$/i;
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface UploadValues {
  file: File | null;
  plz: string;
}

/** Problems of the upload form by field, checked before anything is sent (empty = ready to send). */
export function uploadProblems(v: UploadValues): Partial<Record<keyof UploadValues, string>> {
  const out: Partial<Record<keyof UploadValues, string>> = {};
  if (!v.file) out.file = "Bitte zuerst eine Datei auswählen.";
  else if (!ACCEPTED.test(v.file.name))
    out.file = "Nur .json- oder .html-Dateien von 116117 können importiert werden.";
  else if (v.file.size === 0) out.file = "Die Datei ist leer.";
  else if (v.file.size > MAX_IMPORT_BYTES) out.file = "Die Datei ist größer als 50 MB.";
  if (v.plz.trim() && !/^\d{5}$/.test(v.plz.trim())) out.plz = "PLZ muss 5 Ziffern haben";
  return out;
}
