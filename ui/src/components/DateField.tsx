import { DateInput, type DateInputProps } from "@mantine/dates";

/** "31.12.2024" -> "2024-12-31"; anything else is not a date. */
export function parseGermanDate(input: string): string | null {
  const m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(input);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A date as TT.MM.JJJJ (typed or picked); the value stays the API's YYYY-MM-DD string, "" when empty. */
export function DateField({
  value,
  onChange,
  ...rest
}: Omit<DateInputProps, "value" | "onChange"> & { value: string; onChange(v: string): void }) {
  return (
    <DateInput
      {...rest}
      value={value || null}
      onChange={(v) => onChange(v ? String(v).slice(0, 10) : "")}
      valueFormat="DD.MM.YYYY"
      placeholder="TT.MM.JJJJ"
      dateParser={(s) => parseGermanDate(s)}
      clearable
      clearButtonProps={{ "aria-label": "Datum leeren" }}
      allowDeselect
    />
  );
}
