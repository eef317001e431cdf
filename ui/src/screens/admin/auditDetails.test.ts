import { describe, expect, it } from "vitest";
import { auditDetailRows } from "./auditDetails";

describe("audit details", () => {
  it("shows keys and values in words, never JSON", () => {
    const rows = auditDetailRows({
      ids: [3, 4],
      fields: ["telefon", "plz"],
      filters: { status: "offen", search: true },
      from: "staff",
      vollstaendig: false,
    });
    expect(rows).toEqual([
      ["Datensätze", "3, 4"],
      ["Felder", "Telefon, PLZ"],
      ["Filter", "Status: offen; Suche: Ja"],
      ["Vorher", "Mitarbeiter"],
      ["Vollstaendig", "Nein"],
    ]);
    expect(rows.flat().join(" ")).not.toMatch(/[{}[\]"]/);
  });
});
