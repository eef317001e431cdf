/** What happened, day by day: the figures and the rule checks are computed from this log alone. */
export type SimEvent =
  | { day: number; type: "arrival"; patient: number }
  | { day: number; type: "dropout"; patient: number }
  | { day: number; type: "inquiry_created"; inquiry: number; therapist: number; patients: number[] }
  | { day: number; type: "inquiry_sent"; inquiry: number; therapist: number; channel: "email" | "phone_call" }
  | { day: number; type: "email"; inquiry: number; therapist: number; kind: "anfrage" | "reminder" }
  | { day: number; type: "call"; inquiry: number; therapist: number; reached: boolean }
  | {
      day: number;
      type: "response";
      inquiry: number;
      therapist: number;
      outcomes: [patient: number, outcome: string][];
      via: "email" | "phone";
      antworttyp: string;
    }
  | { day: number; type: "placed"; patient: number; therapist: number; inquiry: number }
  | { day: number; type: "conflict"; patient: number; therapist: number; inquiry: number }
  | { day: number; type: "inquiry_cancelled"; inquiry: number; therapist: number; reason: string }
  | { day: number; type: "staff"; minutes: number; task: string }
  | { day: number; type: "budget_top_up"; patient: number; contacts: number };
