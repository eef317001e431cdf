import { ActionIcon, Button, Group, Stack, Table, Text } from "@mantine/core";
import { TimeInput } from "@mantine/dates";
import { WEEKDAYS, type Schedule, type Weekday } from "../api/types";
import { WEEKDAY_LABELS } from "../i18n/de";

const split = (r: string): [string, string] => {
  const [a = "", b = ""] = r.split("-");
  return [a, b];
};

/** Hours per week of a schedule (for the live sum next to the editor). */
export function weeklyHours(s: Schedule): number {
  let minutes = 0;
  for (const day of WEEKDAYS)
    for (const r of s[day] ?? []) {
      const [a, b] = split(r).map((t) => {
        const m = /^(\d{1,2}):(\d{2})$/.exec(t);
        return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
      });
      if (b > a) minutes += b - a;
    }
  return Math.round((minutes / 60) * 100) / 100;
}

/** Weekday / time-range editor for `{"montag": ["09:00-12:00"], …}`: no JSON to type. */
export function ScheduleEditor({
  value,
  onChange,
  label,
  error,
}: {
  value: Schedule;
  onChange(s: Schedule): void;
  label: string;
  error?: string | null;
}) {
  const setDay = (day: Weekday, ranges: string[]) => onChange({ ...value, [day]: ranges });
  return (
    <Stack gap="xs" role="group" aria-label={label}>
      <Group justify="space-between">
        <Text fw={600}>{label}</Text>
        <Text size="sm" c="dimmed">
          {weeklyHours(value)} Std. pro Woche
        </Text>
      </Group>
      <Table withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {WEEKDAYS.map((day) => {
            const ranges = value[day] ?? [];
            return (
              <Table.Tr key={day}>
                <Table.Td w={110} valign="top" pt={10}>
                  {WEEKDAY_LABELS[day]}
                </Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    {ranges.map((r, i) => {
                      const [from, to] = split(r);
                      const bad = from && to && from >= to;
                      const update = (f: string, t: string) =>
                        setDay(
                          day,
                          ranges.map((x, j) => (j === i ? `${f}-${t}` : x)),
                        );
                      return (
                        <Group key={i} gap="xs" wrap="nowrap">
                          <TimeInput
                            aria-label={`${WEEKDAY_LABELS[day]} ${i + 1}. Zeitraum von`}
                            value={from}
                            onChange={(e) => update(e.currentTarget.value, to)}
                            w={110}
                            error={bad ? " " : undefined}
                          />
                          <Text size="sm">bis</Text>
                          <TimeInput
                            aria-label={`${WEEKDAY_LABELS[day]} ${i + 1}. Zeitraum bis`}
                            value={to}
                            onChange={(e) => update(from, e.currentTarget.value)}
                            w={110}
                            error={bad ? "Ende vor Beginn" : undefined}
                          />
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`${WEEKDAY_LABELS[day]} ${i + 1}. Zeitraum entfernen`}
                            onClick={() =>
                              setDay(
                                day,
                                ranges.filter((_, j) => j !== i),
                              )
                            }
                          >
                            ✕
                          </ActionIcon>
                        </Group>
                      );
                    })}
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      w="fit-content"
                      onClick={() => setDay(day, [...ranges, "09:00-12:00"])}
                      aria-label={`${WEEKDAY_LABELS[day]}: Zeitraum hinzufügen`}
                    >
                      + Zeitraum
                    </Button>
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {error && (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
