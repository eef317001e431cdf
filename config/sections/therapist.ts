import { int, key, optionalStr } from "../define";

/** Keys of the therapist service. */
export const therapist = {
  pdfDir: key("PDF_DIR", optionalStr(), "Folder for therapist PDF forms (default DATA_DIR/pdfs)"),
  pdfMaxBytes: key("PDF_MAX_BYTES", int(10 * 1024 * 1024, 1024, 100 * 1024 * 1024), "Largest PDF accepted"),
};
