import {
  checkEmailChanges,
  checkNewEmail,
  recipientLocked,
} from "../../../services/communication/domain/email-input";

const valid = {
  therapist_id: 4,
  betreff: "Hallo",
  empfaenger_email: "praxis@example.org",
  empfaenger_name: "Praxis",
  inhalt_markdown: "Text",
};
const error = (p: Record<string, unknown>) => checkNewEmail(p).error;

describe("a new e-mail (domain.md 4.5)", () => {
  it("needs exactly one recipient type, with the contract's messages", () => {
    expect(error({ ...valid, therapist_id: undefined })).toBe(
      "Either therapist_id or patient_id is required",
    );
    expect(error({ ...valid, patient_id: 3 })).toBe("Cannot specify both therapist_id and patient_id");
    expect(error({ ...valid, therapist_id: "abc" })).toBe("Invalid therapist_id 'abc'");
    expect(checkNewEmail({ ...valid, therapist_id: null, patient_id: "12" }).value?.recipient).toEqual({
      therapist_id: null,
      patient_id: 12,
    });
  });

  it("needs a subject, recipient address and name, and some content", () => {
    expect(error({ ...valid, betreff: "  " })).toBe("Betreff is required");
    expect(error({ ...valid, betreff: "x".repeat(256) })).toBe("Betreff must be at most 255 characters");
    expect(error({ ...valid, empfaenger_email: undefined })).toBe("empfaenger_email is required");
    expect(error({ ...valid, empfaenger_email: "kein-at" })).toBe("Invalid empfaenger_email 'kein-at'");
    expect(error({ ...valid, empfaenger_name: "" })).toBe("empfaenger_name is required");
    expect(error({ ...valid, inhalt_markdown: undefined })).toBe(
      "Either inhalt_html, inhalt_text, or inhalt_markdown is required",
    );
    expect(error({ ...valid, inhalt_markdown: undefined, inhalt_text: "t" })).toBeUndefined();
  });

  it("takes only ids that fit the database and keeps text as given, minus NUL characters", () => {
    expect(error({ ...valid, therapist_id: "99999999999" })).toBe("Invalid therapist_id '99999999999'");
    expect(error({ ...valid, therapist_id: 2 ** 31 })).toBe(`Invalid therapist_id '${2 ** 31}'`);
    const v = checkNewEmail({
      ...valid,
      betreff: "  Termin\u0000 <b>'; DROP TABLE x;--  ",
      empfaenger_name: " {{ 7*7 }} ",
    }).value!;
    expect(v.betreff).toBe("  Termin <b>'; DROP TABLE x;--  ");
    expect(v.empfaenger_name).toBe(" {{ 7*7 }} ");
  });

  it("checks the recipient before the subject (first failure wins)", () => {
    expect(error({ betreff: "" })).toBe("Either therapist_id or patient_id is required");
  });

  it("is a draft by default, may be queued, but never created as sent", () => {
    expect(checkNewEmail(valid).value?.status).toBe("Entwurf");
    expect(checkNewEmail({ ...valid, status: "In_Warteschlange" }).value?.status).toBe("In_Warteschlange");
    expect(error({ ...valid, status: "Gesendet" })).toBe(
      "A new email must have status Entwurf or In_Warteschlange",
    );
    expect(error({ ...valid, status: "SENT" })).toBe(
      "Invalid status 'SENT'. Valid values: Entwurf, In_Warteschlange, Wird_gesendet, Gesendet, Fehlgeschlagen",
    );
  });

  it("adds the legal footer unless told not to, and takes attachments as a list of paths", () => {
    expect(checkNewEmail(valid).value?.add_legal_footer).toBe(true);
    expect(checkNewEmail({ ...valid, add_legal_footer: false }).value?.add_legal_footer).toBe(false);
    expect(error({ ...valid, add_legal_footer: "no" })).toBe("add_legal_footer must be true or false");
    expect(error({ ...valid, attachments: "a.pdf" })).toBe("attachments must be a list of file paths");
    expect(checkNewEmail({ ...valid, attachments: ["/x/a.pdf"] }).value?.attachments).toEqual(["/x/a.pdf"]);
  });
});

describe("changing an e-mail (PUT /emails/{id})", () => {
  it("validates the status with the contract's message", () => {
    expect(checkEmailChanges({ status: "sent" }).error).toBe(
      "Invalid status 'sent'. Valid values: Entwurf, In_Warteschlange, Wird_gesendet, Gesendet, Fehlgeschlagen",
    );
    expect(checkEmailChanges({ status: "Gesendet" }).value).toEqual({ status: "Gesendet" });
  });

  it("takes the answer fields and ignores anything else", () => {
    expect(
      checkEmailChanges({
        id: "3",
        antwort_erhalten: true,
        antwortdatum: "2026-11-20T10:00:00Z",
        antwortinhalt: "Ja",
        betreff: "x",
      }).value,
    ).toEqual({ antwort_erhalten: true, antwortdatum: "2026-11-20T10:00:00Z", antwortinhalt: "Ja" });
    expect(checkEmailChanges({ antwort_erhalten: "ja" }).error).toBe(
      "antwort_erhalten must be true or false",
    );
    expect(checkEmailChanges({ antwortdatum: "gestern" }).error).toBe(
      "Invalid antwortdatum format. Use ISO-8601",
    );
  });

  it("corrects the recipient only of drafts and failed e-mails", () => {
    const c = checkEmailChanges({ empfaenger_email: " neu@example.org " }).value!;
    expect(c).toEqual({ empfaenger_email: "neu@example.org" });
    expect(recipientLocked("Fehlgeschlagen", c)).toBe(false);
    expect(recipientLocked("Entwurf", c)).toBe(false);
    expect(recipientLocked("Gesendet", c)).toBe(true);
    expect(recipientLocked("In_Warteschlange", c)).toBe(true);
    expect(recipientLocked("Gesendet", { status: "Gesendet" })).toBe(false);
    expect(checkEmailChanges({ empfaenger_email: "kaputt" }).error).toBe("Invalid empfaenger_email 'kaputt'");
  });
});
