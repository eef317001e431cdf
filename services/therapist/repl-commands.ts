/** Moleculer REPL commands for the therapist import (architecture.md, Operations). */
export default [
  {
    command: "therapist-import",
    description:
      "Import the therapist folder now (newest <YYYYMMDD>/<PLZ>.json per PLZ, urgent folder first)",
    async action(broker: any) {
      const r = await broker.call("therapist.importFolderNow", {}, { timeout: 0 });
      for (const f of r.results ?? []) console.log(`${f.status}\t${f.file}${f.error ? `\t${f.error}` : ""}`);
      console.log(
        `${r.files} files: ${r.imported} imported, ${r.unchanged} unchanged, ${r.failed} failed, ` +
          `${r.failed_before} failed before (unchanged), ${r.superseded} older/superseded`,
      );
    },
  },
  {
    command: "therapist-import-status",
    description: "Show the therapist import status",
    async action(broker: any) {
      const s = await broker.call("therapist.importStatus");
      const { recent_imports: recent, ...rest } = s;
      console.log(rest);
      console.table(
        recent.map((r: any) => ({
          file: r.file ?? r.source,
          ok: r.success_count,
          failed: r.failed_count,
          time: r.time,
        })),
      );
    },
  },
];
