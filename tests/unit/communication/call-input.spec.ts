import {
  checkCallFields,
  checkNewCall,
  defaultCallMinutes,
} from "../../../services/communication/domain/call-input";

describe("phone call fields (domain.md 2.10, 4.5)", () => {
  it("needs exactly one recipient", () => {
    expect(checkNewCall({}).error).toBe("Either therapist_id or patient_id is required");
    expect(checkNewCall({ therapist_id: 1, patient_id: 2 }).error).toBe(
      "Cannot specify both therapist_id and patient_id",
    );
  });

  it("validates status, dates, times and duration", () => {
    expect(checkCallFields({ status: "vielleicht" }).error).toBe(
      "Invalid status 'vielleicht'. Valid values: geplant, abgeschlossen, fehlgeschlagen, abgebrochen",
    );
    expect(checkCallFields({ geplantes_datum: "2026-02-30" }).error).toBe(
      "Invalid date format for geplantes_datum. Use YYYY-MM-DD",
    );
    expect(checkCallFields({ geplantes_datum: null }).error).toBe(
      "Invalid date format for geplantes_datum. Use YYYY-MM-DD",
    );
    expect(checkCallFields({ wiederholen_nach: null }).value).toEqual({ wiederholen_nach: null });
    expect(checkCallFields({ geplante_zeit: "8:00" }).error).toBe(
      "Invalid time format for geplante_zeit. Use HH:MM",
    );
    expect(checkCallFields({ dauer_minuten: 0 }).error).toBe(
      "dauer_minuten must be a whole number between 1 and 120",
    );
    expect(checkCallFields({ therapeutenanfrage_id: "A12" }).error).toBe(
      "Invalid therapeutenanfrage_id 'A12'",
    );
  });

  it("keeps the fields it was given", () => {
    expect(
      checkCallFields({
        geplantes_datum: "2026-11-24",
        geplante_zeit: "08:05",
        dauer_minuten: 10,
        status: "abgeschlossen",
        ergebnis: "Platz frei",
        therapeutenanfrage_id: "12",
      }).value,
    ).toEqual({
      geplantes_datum: "2026-11-24",
      geplante_zeit: "08:05",
      dauer_minuten: 10,
      status: "abgeschlossen",
      ergebnis: "Platz frei",
      therapeutenanfrage_id: 12,
    });
  });

  it("plans therapist calls as 5-minute slots and patient calls with 10 minutes", () => {
    expect(defaultCallMinutes({ therapist_id: 1, patient_id: null })).toBe(5);
    expect(defaultCallMinutes({ therapist_id: null, patient_id: 1 })).toBe(10);
  });
});
