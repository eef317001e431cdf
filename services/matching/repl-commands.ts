/** Moleculer REPL commands for staff/ops (architecture.md, Operations). */
export default [
  {
    command: "bundles",
    description: "Run the automatic bundle run (options: --dry, --send, --plz <prefix>)",
    options: [
      { option: "--dry", description: "propose only, write nothing" },
      { option: "--send", description: "send the new bundles at once" },
      { option: "--plz <prefix>", description: "limit to therapists of a PLZ prefix" },
    ],
    async action(broker: any, args: any) {
      const r = await broker.call("matching.runBundlesInternal", {
        dry_run: !!args.options.dry,
        send: !!args.options.send,
        plz_prefix: args.options.plz,
      });
      console.log(`${r.message} in ${r.dauer_ms} ms; left out:`, r.ausgelassen);
    },
  },
  {
    command: "cooling",
    description: "List therapists currently in their cooling period",
    async action(broker: any) {
      const list = await broker.call("therapist.listForMatching", {});
      const today = new Date().toISOString().slice(0, 10);
      for (const t of list.filter(
        (x: any) => x.naechster_kontakt_moeglich && x.naechster_kontakt_moeglich > today,
      )) {
        console.log(`${t.id}\t${t.vorname} ${t.nachname}\tbis ${t.naechster_kontakt_moeglich}`);
      }
    },
  },
  {
    command: "queue",
    description: "Show the e-mail queue by status",
    async action(broker: any) {
      console.table(await broker.call("communication.queueStats"));
    },
  },
];
