import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRef, useState } from "react";
import { ApiError, newIdempotencyKey } from "../../api/client";
import { DateField } from "../../components/DateField";
import { ScheduleEditor } from "../../components/ScheduleEditor";
import { useUnsavedWarning } from "../../components/useUnsavedWarning";
import { errorField, errorText, fieldLabel as L, fieldProblem, OPTIONS } from "../../i18n/de";
import { therapistPayload, type TherapistFormValues } from "./therapistForm";

/**
 * Create and edit form of a therapist. The submit button is disabled while the request runs and one
 * submission keeps one Idempotency-Key; an API error appears at its field.
 */
export function TherapistForm({
  initial,
  isNew,
  onSubmit,
  onCancel,
}: {
  initial: TherapistFormValues;
  isNew: boolean;
  onSubmit(body: Record<string, unknown>, idempotencyKey: string): Promise<void | (() => void)>;
  onCancel?: () => void;
}) {
  const form = useForm<TherapistFormValues>({ initialValues: initial });
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const busyRef = useRef(false);
  const release = useUnsavedWarning(form.isDirty());

  const submit = form.onSubmit(async (values) => {
    if (busyRef.current) return;
    const body = therapistPayload(values, isNew ? null : initial);
    busyRef.current = true;
    setBusy(true);
    setFormError(null);
    try {
      const then = await onSubmit(body, key.current);
      release();
      form.resetDirty(values);
      key.current = newIdempotencyKey();
      then?.();
    } catch (err) {
      const field = err instanceof ApiError ? errorField(err.body, err.message) : null;
      if (field && err instanceof ApiError && field in values) {
        form.setFieldError(field, fieldProblem(err.message));
        setFormError(`Bitte „${L(field)}“ prüfen.`);
      } else setFormError(errorText(err));
      if (err instanceof ApiError && err.status < 500) key.current = newIdempotencyKey();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  });

  const text = (f: keyof TherapistFormValues, extra: Record<string, unknown> = {}) => (
    <TextInput label={L(f)} {...form.getInputProps(f)} {...extra} />
  );
  const area = (f: keyof TherapistFormValues) => (
    <Textarea label={L(f)} autosize minRows={2} {...form.getInputProps(f)} />
  );
  const date = (f: keyof TherapistFormValues) => (
    <DateField
      label={L(f)}
      value={form.values[f] as string}
      onChange={(v) => form.setFieldValue(f, v as never)}
      error={form.errors[f]}
    />
  );
  const select = (
    f: keyof TherapistFormValues,
    data: { value: string; label: string }[],
    extra: Record<string, unknown> = {},
  ) => (
    <Select
      label={L(f)}
      data={data}
      clearButtonProps={{ "aria-label": `${L(f)} leeren` }}
      {...form.getInputProps(f)}
      value={(form.values[f] as string) || null}
      onChange={(v) => form.setFieldValue(f, (v ?? "") as never)}
      {...extra}
    />
  );
  const age = (f: "alter_min" | "alter_max") => (
    <NumberInput
      label={L(f)}
      min={0}
      max={120}
      allowDecimal={false}
      {...form.getInputProps(f)}
      value={form.values[f] === "" ? "" : Number(form.values[f])}
      onChange={(v) => form.setFieldValue(f, v === "" ? "" : String(v))}
    />
  );
  const flag = (f: keyof TherapistFormValues) => (
    <Checkbox label={L(f)} {...form.getInputProps(f, { type: "checkbox" })} />
  );

  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? "Neuer Therapeut" : "Therapeut bearbeiten"}>
      <Stack>
        <Fieldset legend="Stammdaten">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {select("anrede", OPTIONS.anrede, { required: true, allowDeselect: false })}
            {select("geschlecht", OPTIONS.geschlecht, { required: true, allowDeselect: false })}
            {text("titel", { maxLength: 20 })}
            {text("vorname", { required: true })}
            {text("nachname", { required: true })}
            {text("strasse")}
            {text("plz", { inputMode: "numeric", maxLength: 5 })}
            {text("ort")}
            {text("telefon", { type: "tel" })}
            {text("fax", { type: "tel" })}
            {text("email", { type: "email" })}
            {text("webseite")}
          </SimpleGrid>
          <Group mt="md">{flag("kassensitz")}</Group>
        </Fieldset>

        <Fieldset legend="Angebot und Präferenzen">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {select("psychotherapieverfahren", OPTIONS.therapieverfahren, {
              clearable: true,
              placeholder: "Nicht bekannt",
            })}
            {select("geschlechtspraeferenz", OPTIONS.geschlechtspraeferenz, { allowDeselect: false })}
            <TagsInput
              label={L("fremdsprachen")}
              description="Eingabe mit Enter übernehmen"
              {...form.getInputProps("fremdsprachen")}
            />
            {age("alter_min")}
            {age("alter_max")}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
            {area("zusatzqualifikationen")}
            {area("besondere_leistungsangebote")}
          </SimpleGrid>
          <Group mt="md">
            {flag("bevorzugt_gruppentherapie")}
            {flag("potenziell_verfuegbar")}
            {flag("ueber_curavani_informiert")}
          </Group>
          <Stack mt="sm">{area("potenziell_verfuegbar_notizen")}</Stack>
        </Fieldset>

        <Fieldset legend="Kontakt und Status">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {date("letzter_kontakt_email")}
            {date("letzter_kontakt_telefon")}
            {date("letztes_persoenliches_gespraech")}
            {select("status", OPTIONS.therapeutstatus, { allowDeselect: false })}
            {form.values.status === "gesperrt" && text("sperrgrund")}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Telefonische Erreichbarkeit">
          <ScheduleEditor
            label={L("telefonische_erreichbarkeit")}
            value={form.values.telefonische_erreichbarkeit}
            onChange={(s) => form.setFieldValue("telefonische_erreichbarkeit", s)}
            error={form.errors.telefonische_erreichbarkeit as string | undefined}
          />
        </Fieldset>

        {formError && (
          <Alert color="red.9" role="alert">
            {formError}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy} disabled={busy}>
            Speichern
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={busy}>
              Abbrechen
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
