import { validatePatientInput } from "../../../services/patient/domain/input";

describe("updating a patient's required fields (domain.md 4.2)", () => {
  it("accepts a new value for each required field", () => {
    const change = { anrede: "Herr", geschlecht: "divers", vorname: "Kim", nachname: "Berger" };
    expect(validatePatientInput(change, "update")).toEqual({ ok: true, value: change });
    for (const [field, value] of Object.entries(change))
      expect(validatePatientInput({ [field]: value }, "update")).toEqual({
        ok: true,
        value: { [field]: value },
      });
  });

  it("refuses clearing any one required field while others change", () => {
    for (const field of ["anrede", "geschlecht", "vorname", "nachname"]) {
      const r = validatePatientInput({ ort: "Köln", [field]: null }, "update");
      expect(r).toEqual({ ok: false, error: `Field '${field}' is required`, field });
    }
  });

  it("leaves the zahlungsreferenz alone when an update does not name it", () => {
    expect(validatePatientInput({ vorname: "Kim" }, "update")).toEqual({
      ok: true,
      value: { vorname: "Kim" },
    });
  });

  it("keeps optional fields a client clears", () => {
    expect(validatePatientInput({ telefon: null, hausarzt: "" }, "update")).toMatchObject({ ok: true });
  });
});
