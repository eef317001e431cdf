import * as path from "node:path";
import type { AppConfig } from "./index";

export interface SharedFolder {
  env: string;
  dir: string;
  /** The service group that reads or writes it: a node checks only the folders of its own groups. */
  service: string;
}

/** Folders every node of a cluster must see alike (a file written on one node is read on another). */
export function sharedFolders(cfg: AppConfig): SharedFolder[] {
  const data = (...p: string[]) => path.resolve(cfg.core.dataDir, ...p);
  const out: SharedFolder[] = [
    { env: "PDF_DIR", dir: cfg.therapist.pdfDir ?? data("pdfs"), service: "therapist" },
    {
      env: "THERAPIST_IMPORT_FOLDER_PATH",
      dir: cfg.therapist.importFolderPath ?? data("therapist-import"),
      service: "therapist",
    },
    {
      env: "PATIENT_IMPORT_DIR",
      dir: cfg.patient.importDir ?? data("imports", "patients"),
      service: "patient",
    },
  ];
  if (!cfg.communication.smtpUrl)
    out.push({
      env: "MAIL_SINK_DIR",
      dir: cfg.communication.mailSinkDir ?? data("mail"),
      service: "communication",
    });
  return out.map((f) => ({ ...f, dir: path.resolve(f.dir) }));
}
