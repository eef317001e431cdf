import { followUpChannel } from "../../../services/communication/domain/follow-up-schedule";
import { followUpDue } from "../../../services/matching/domain/follow-up";
import { acceptanceEffect } from "../../../services/matching/domain/response";

describe("first acceptance wins (decisions.md 9)", () => {
  it("places an active search without placement, records a conflict otherwise, ignores the same therapist", () => {
    expect(acceptanceEffect({ status: "aktiv", vermittelter_therapeut_id: null }, 4)).toBe("placed");
    expect(acceptanceEffect({ status: "aktiv", vermittelter_therapeut_id: 9 }, 4)).toBe("conflict");
    expect(acceptanceEffect({ status: "aktiv", vermittelter_therapeut_id: 4 }, 4)).toBe("unchanged");
    expect(acceptanceEffect({ status: "abgebrochen", vermittelter_therapeut_id: null }, 4)).toBe("conflict");
  });
});

describe("follow-up after 7 days (decisions.md 13)", () => {
  const sent = {
    gesendet_tag: "2027-01-04",
    beantwortet: false,
    abgebrochen: false,
    reminder_email_id: null,
    phone_call_id: null,
  };
  it("is due from the 7th calendar day on, once, only for open inquiries sent by e-mail", () => {
    expect(followUpDue(sent, "2027-01-10", 7)).toBe(false);
    expect(followUpDue(sent, "2027-01-11", 7)).toBe(true);
    expect(followUpDue({ ...sent, reminder_email_id: 3 }, "2027-01-20", 7)).toBe(false);
    expect(followUpDue({ ...sent, phone_call_id: 3 }, "2027-01-20", 7)).toBe(false);
    expect(followUpDue({ ...sent, beantwortet: true }, "2027-01-20", 7)).toBe(false);
    expect(followUpDue({ ...sent, abgebrochen: true }, "2027-01-20", 7)).toBe(false);
    expect(followUpDue({ ...sent, gesendet_tag: null }, "2027-01-20", 7)).toBe(false);
  });
  it("reminds by e-mail only an e-mailed inquiry to a therapist with an address, else calls", () => {
    expect(followUpChannel({ email_id: 5 }, { email: "a@b.de" })).toBe("reminder");
    expect(followUpChannel({ email_id: 5 }, { email: null })).toBe("call");
    expect(followUpChannel({ email_id: null }, { email: "a@b.de" })).toBe("call");
    expect(followUpChannel({ email_id: 5 }, undefined)).toBeNull();
  });
});
