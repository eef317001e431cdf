import {
  INQUIRY_EMAIL_TYPES,
  missingVariables,
  QUEUEABLE_TEMPLATES,
  successTemplate,
  TEMPLATES,
} from "../../../services/communication/domain/templates";
import { SUCCESS_TEMPLATE_TYPES } from "../../../services/shared/enums";
import * as fs from "node:fs";
import * as path from "node:path";

describe("required template variables (decisions.md 17)", () => {
  it("names a required variable that is missing, null or empty", () => {
    for (const bad of [undefined, null, ""])
      expect(missingVariables("registration_confirmation", { zahlungsreferenz: bad })).toEqual([
        "zahlungsreferenz",
      ]);
    expect(missingVariables("registration_confirmation", {})).toEqual(["zahlungsreferenz"]);
  });

  it("accepts a variable that is set, even to 0 or false", () => {
    expect(missingVariables("payment_confirmation", { zahlungsreferenz: "AB12CD34" })).toEqual([]);
    expect(missingVariables("payment_confirmation", { zahlungsreferenz: 0 })).toEqual([]);
    expect(missingVariables("payment_confirmation", { zahlungsreferenz: false })).toEqual([]);
  });

  it("names only the missing ones of several", () => {
    expect(
      missingVariables("success_meeting_confirmation_phone", {
        termin_datum: "15. Februar 2025",
        termin_uhrzeit: "",
      }),
    ).toEqual(["termin_uhrzeit"]);
    expect(missingVariables("success_meeting_confirmation_email", {})).toEqual([
      "termin_datum",
      "termin_uhrzeit",
    ]);
  });

  it("requires nothing for templates without variables of their own", () => {
    for (const name of [
      "inquiry",
      "inquiry_reminder",
      "success_email_contact",
      "success_phone_contact",
    ] as const)
      expect(missingVariables(name, {})).toEqual([]);
  });
});

describe("the template catalogue", () => {
  it("has a template file for every entry", () => {
    const dir = path.join(__dirname, "../../../services/communication/templates");
    for (const t of Object.values(TEMPLATES))
      expect(fs.existsSync(path.join(dir, `${t.file}.md.njk`))).toBe(true);
  });

  it("maps every success type to a success template recorded as erfolg", () => {
    for (const type of SUCCESS_TEMPLATE_TYPES) expect(TEMPLATES[successTemplate(type)].typ).toBe("erfolg");
  });

  it("counts inquiries and reminders, and nothing else, as inquiry e-mails", () => {
    expect([...INQUIRY_EMAIL_TYPES]).toEqual(["anfrage", "erinnerung"]);
  });

  it("lets other services queue only the registration and payment confirmations", () => {
    expect([...QUEUEABLE_TEMPLATES]).toEqual(["registration_confirmation", "payment_confirmation"]);
    expect(TEMPLATES.registration_confirmation.typ).toBe("registrierung");
    expect(TEMPLATES.payment_confirmation.typ).toBe("zahlung");
  });
});
