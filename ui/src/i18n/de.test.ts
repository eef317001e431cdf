import { describe, expect, it } from "vitest";
import { PATIENTENERGEBNIS, PATIENTENSTATUS } from "../../../services/shared/enums";
import { ApiError } from "../api/client";
import { errorField, errorText, fieldProblem, OPTIONS } from "./de";

describe("German texts", () => {
  it("offers every backend enum value with a German label", () => {
    expect(OPTIONS.patientenstatus.map((o) => o.value)).toEqual([...PATIENTENSTATUS]);
    expect(OPTIONS.patientenergebnis.map((o) => o.value)).toEqual([...PATIENTENERGEBNIS]);
    expect(OPTIONS.patientenergebnis.find((o) => o.value === "abgelehnt_Kapazitaet")?.label).toBe(
      "Abgelehnt – keine Kapazität",
    );
  });

  it("chooses the error text by type, never showing the English message", () => {
    expect(errorText(new ApiError(401, "INVALID_CREDENTIALS", "Invalid email or password", {}))).toBe(
      "E-Mail oder Passwort ist falsch.",
    );
    expect(errorText(new ApiError(503, "SOMETHING_NEW", "Upstream broke", {}))).toMatch(/interner Fehler/);
    expect(errorText(new ApiError(400, "SOMETHING_NEW", "Bad thing", {}))).toBe("Die Eingabe ist ungültig.");
  });

  it("finds the field of a validation error by `field`, else by the contract's message", () => {
    expect(errorField({ field: "plz" }, "whatever")).toBe("plz");
    expect(errorField({}, "Field 'vorname' is required")).toBe("vorname");
    expect(errorField({}, "Invalid date format for geburtsdatum. Use YYYY-MM-DD")).toBe("geburtsdatum");
    expect(errorField({}, "Invalid PLZ '520'. Must be 5 digits")).toBe("plz");
    expect(errorField({}, "Something else")).toBeNull();
    expect(fieldProblem("Field 'vorname' must be at most 100 characters")).toBe("Höchstens 100 Zeichen");
  });
});
