import {
  answerForm,
  readAnswerForm,
  refusalFor,
  refusalPage,
} from "../../../services/communication/domain/answer-page";

const state = { exists: true, sent: true, answered: false, cancelled: false, foreignPatient: false };

describe("one-click answer page (decisions.md 15)", () => {
  it("asks for one outcome per patient, prefilled from the clicked link, without names", () => {
    const html = answerForm(
      42,
      [
        { patient_id: 7, description: "weiblich, 34 Jahre" },
        { patient_id: 9, description: "männlich, 51 Jahre" },
      ],
      { patient_id: 9, outcome: "abgelehnt_Kapazitaet" },
    );
    expect(html).toContain("Ihre Antwort zur Anfrage A42");
    expect(html).toContain('lang="de"');
    expect(html).toContain('name="outcome_7" value="angenommen" required>');
    expect(html).toContain('name="outcome_9" value="abgelehnt_Kapazitaet" required checked>');
    expect(html.match(/checked/g)).toHaveLength(1);
    expect(html).toContain('<form method="post">');
  });

  it("escapes every value it shows", () => {
    const html = answerForm(1, [{ patient_id: 1, description: '<script>alert("x")</script>' }], {
      patient_id: null,
      outcome: null,
    });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("reads a complete form and refuses missing or not offered outcomes", () => {
    expect(readAnswerForm({ outcome_7: "angenommen", outcome_9: "abgelehnt_sonstiges" }, [7, 9])).toEqual({
      "7": "angenommen",
      "9": "abgelehnt_sonstiges",
    });
    expect(readAnswerForm({ outcome_7: "angenommen" }, [7, 9])).toBeNull();
    // Session outcomes are recorded by staff later, never through a link.
    expect(readAnswerForm({ outcome_7: "in_Sitzungen" }, [7])).toBeNull();
  });

  it("refuses links of unknown, answered, cancelled or unsent inquiries and of patients not in them", () => {
    expect(refusalFor(state)).toBeNull();
    expect(refusalFor({ ...state, exists: false })).toBe("unknown");
    expect(refusalFor({ ...state, answered: true, cancelled: true })).toBe("answered");
    expect(refusalFor({ ...state, cancelled: true })).toBe("closed");
    expect(refusalFor({ ...state, sent: false })).toBe("closed");
    expect(refusalFor({ ...state, foreignPatient: true })).toBe("invalid");
  });

  it("explains a refusal in German", () => {
    expect(refusalPage("expired")).toContain("Link abgelaufen");
    expect(refusalPage("answered")).toContain("bereits beantwortet");
  });
});
