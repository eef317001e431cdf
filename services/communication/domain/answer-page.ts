/**
 * The German pages behind the one-click links (decisions.md 15). Pure HTML rendering; every value is escaped.
 * A page shows only what the e-mail showed (patient ID, gender, age), never names.
 */
export const ANSWER_CHOICES = [
  "angenommen",
  "abgelehnt_Kapazitaet",
  "abgelehnt_nicht_geeignet",
  "abgelehnt_sonstiges",
] as const;
export type AnswerChoice = (typeof ANSWER_CHOICES)[number];

const LABELS: Record<AnswerChoice, string> = {
  angenommen: "Platz anbieten (Erstgespräch möglich)",
  abgelehnt_Kapazitaet: "Derzeit keine Kapazität",
  abgelehnt_nicht_geeignet: "Passt fachlich nicht",
  abgelehnt_sonstiges: "Anderer Grund",
};

export const escapeHtml = (s: unknown) =>
  String(s ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

export function htmlPage(title: string, body: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1d2733}
fieldset{margin:1rem 0;border:1px solid #ccd;border-radius:6px}legend{font-weight:600}.hint{color:#555}
button{font:inherit;padding:.5rem 1.2rem;background:#23476b;color:#fff;border:0;border-radius:4px}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

export interface AnswerPatient {
  patient_id: number;
  description: string; // "weiblich, 34 Jahre"
}

/**
 * The confirmation form: one outcome per patient of the inquiry (the response contract needs all of them),
 * prefilled from the clicked link. Opening the page records nothing; only the POST of this form does, so mail
 * scanners that follow links cannot answer for the therapist.
 */
export function answerForm(
  anfrageId: number,
  patients: readonly AnswerPatient[],
  prefill: { patient_id: number | null; outcome: string | null },
): string {
  const blocks = patients
    .map((p) => {
      const chosen = prefill.patient_id === p.patient_id ? prefill.outcome : null;
      const radios = ANSWER_CHOICES.map(
        (o) =>
          `<label><input type="radio" name="outcome_${p.patient_id}" value="${o}" required${chosen === o ? " checked" : ""}> ${escapeHtml(LABELS[o])}</label><br>`,
      ).join("");
      return `<fieldset><legend>Patienten-ID ${p.patient_id}</legend><p class="hint">${escapeHtml(p.description)}</p>${radios}</fieldset>`;
    })
    .join("");
  const intro =
    patients.length > 1
      ? "Bitte wählen Sie für jede Person dieser Anfrage eine Antwort und bestätigen Sie unten."
      : "Bitte prüfen Sie Ihre Antwort und bestätigen Sie unten.";
  return htmlPage(
    `Ihre Antwort zur Anfrage A${anfrageId}`,
    `<p>${intro}</p><form method="post">${blocks}
<p><label>Anmerkung für uns (optional)<br><textarea name="notizen" rows="3" cols="50" maxlength="2000"></textarea></label></p>
<button type="submit">Antwort senden</button></form>`,
  );
}

/** Reads one outcome per patient from the submitted form; null when any is missing or not offered. */
export function readAnswerForm(
  form: Record<string, unknown>,
  patientIds: readonly number[],
): Record<string, AnswerChoice> | null {
  const out: Record<string, AnswerChoice> = {};
  for (const id of patientIds) {
    const o = form[`outcome_${id}`];
    if (!(ANSWER_CHOICES as readonly unknown[]).includes(o)) return null;
    out[String(id)] = o as AnswerChoice;
  }
  return out;
}

/** Every refusal the pages can show, with its HTTP status and a German explanation. */
export const ANSWER_REFUSALS = {
  invalid: { status: 400, title: "Ungültiger Link", text: "Dieser Link ist ungültig." },
  expired: {
    status: 410,
    title: "Link abgelaufen",
    text: "Dieser Link ist abgelaufen. Bitte antworten Sie einfach auf unsere E-Mail oder rufen Sie uns an.",
  },
  unknown: { status: 404, title: "Anfrage nicht gefunden", text: "Diese Anfrage gibt es nicht mehr." },
  answered: {
    status: 409,
    title: "Bereits beantwortet",
    text: "Diese Anfrage wurde bereits beantwortet. Vielen Dank!",
  },
  closed: { status: 409, title: "Anfrage nicht mehr offen", text: "Diese Anfrage ist nicht mehr offen." },
  incomplete: {
    status: 400,
    title: "Antwort unvollständig",
    text: "Bitte wählen Sie für jede Person eine der angebotenen Antworten.",
  },
} as const;
export type AnswerRefusal = keyof typeof ANSWER_REFUSALS;

export const refusalPage = (r: AnswerRefusal) =>
  htmlPage(ANSWER_REFUSALS[r].title, `<p>${escapeHtml(ANSWER_REFUSALS[r].text)}</p>`);

export const thanksPage = () =>
  htmlPage(
    "Vielen Dank!",
    "<p>Ihre Antwort wurde gespeichert. Bei einer Zusage melden wir uns mit den Kontaktdaten bei Ihnen.</p>",
  );

export interface TokenState {
  exists: boolean;
  sent: boolean;
  answered: boolean;
  cancelled: boolean;
  /** The link names a patient who is not (or no longer) part of the inquiry. */
  foreignPatient: boolean;
}

/** Why a verified link may not be used (null = usable): answered beats everything, as a replay is the common case. */
export function refusalFor(s: TokenState): AnswerRefusal | null {
  if (!s.exists) return "unknown";
  if (s.answered) return "answered";
  if (s.cancelled || !s.sent) return "closed";
  if (s.foreignPatient) return "invalid";
  return null;
}
