import * as fs from "node:fs";
import * as path from "node:path";
import { PATIENT_RULES } from "../../../services/patient/domain/fields";
import { THERAPIST_RULES } from "../../../services/therapist/domain/fields";
import { ROOT } from "../../helpers/markdown-docs";

/** The field names a record table of a guide documents (first column, several names per cell allowed). */
function documentedFields(file: string, heading: string): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const start = text.indexOf(`## ${heading}`);
  if (start < 0) throw new Error(`${file} has no section "${heading}"`);
  const end = text.indexOf("\n## ", start + 3);
  const section = text.slice(start, end < 0 ? undefined : end);
  const names = new Set<string>();
  for (const row of section.split("\n").filter((l) => l.startsWith("| `"))) {
    for (const m of row.split("|")[1].matchAll(/`([a-z_]+)`/g)) names.add(m[1]);
  }
  return names;
}

describe("the field lists of the guides name every field the API accepts", () => {
  it.each([
    ["docs/patients.md", "The patient record", PATIENT_RULES],
    ["docs/therapists.md", "The therapist record", THERAPIST_RULES],
  ])("%s", (file, heading, rules) => {
    const documented = documentedFields(file, heading);
    expect(Object.keys(rules).filter((f) => !documented.has(f))).toEqual([]);
  });
});
