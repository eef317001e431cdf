import { Text } from "@mantine/core";
import { WEEKDAYS, type Schedule } from "../../api/types";

const SHORT: Record<string, string> = {
  montag: "Mo",
  dienstag: "Di",
  mittwoch: "Mi",
  donnerstag: "Do",
  freitag: "Fr",
  samstag: "Sa",
  sonntag: "So",
};

/** "Mo 09:00–10:00, Mi 14:00–15:00" from the canonical phone-hours form (decisions.md 18). */
export function phoneHoursText(s: Schedule | null | undefined): string {
  if (!s) return "keine Telefonzeiten bekannt";
  const parts = WEEKDAYS.filter((d) => s[d]?.length).map(
    (d) => `${SHORT[d]} ${s[d]!.map((r) => r.replace("-", "–")).join(", ")}`,
  );
  return parts.length ? parts.join("; ") : "keine Telefonzeiten bekannt";
}

export function PhoneHours({ hours }: { hours: Schedule | null | undefined }) {
  return <Text size="sm">{phoneHoursText(hours)}</Text>;
}
