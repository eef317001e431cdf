import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useRef, useState } from "react";
import { ApiError, newIdempotencyKey } from "../../api/client";
import { DateField } from "../../components/DateField";
import { ScheduleEditor } from "../../components/ScheduleEditor";
import { useUnsavedWarning } from "../../components/useUnsavedWarning";
import { MAX_SYMPTOMS, SYMPTOM_GROUPS } from "../../../../services/shared/symptoms";
import { errorField, errorText, fieldLabel as L, fieldProblem, OPTIONS } from "../../i18n/de";
import { formFieldOf, patientPayload, type PatientFormValues } from "./patientForm";

const YES_NO = [
  { value: "ja", label: "Ja" },
  { value: "nein", label: "Nein" },
];
const SYMPTOM_DATA = Object.entries(SYMPTOM_GROUPS).map(([group, items]) => ({ group, items: [...items] }));

/**
 * Create and edit form of a patient, grouped like the patient page. The submit button is disabled while the
 * request runs, and one submission keeps one Idempotency-Key, so a double click cannot create two patients.
 */
export function PatientForm({
  initial,
  isNew,
  onSubmit,
  onCancel,
}: {
  initial: PatientFormValues;
  isNew: boolean;
  /** Saves; may return what to do once the form is clean again (e.g. navigate to the new record). */
  onSubmit(body: Record<string, unknown>, idempotencyKey: string): Promise<void | (() => void)>;
  onCancel?: () => void;
}) {
  const form = useForm<PatientFormValues>({ initialValues: initial });
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const busyRef = useRef(false);
  const release = useUnsavedWarning(form.isDirty());

  const submit = form.onSubmit(async (values) => {
    if (busyRef.current) return;
    const body = patientPayload(values, isNew ? null : initial);
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
      if (field && err instanceof ApiError) {
        form.setFieldError(formFieldOf(field), fieldProblem(err.message));
        setFormError(`Bitte „${L(field)}“ prüfen.`);
      } else setFormError(errorText(err));
      // A rejected body may be corrected and sent again: that is a new submission.
      if (err instanceof ApiError && err.status < 500) key.current = newIdempotencyKey();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  });

  const text = (f: keyof PatientFormValues, extra: Record<string, unknown> = {}) => (
    <TextInput label={L(f)} {...form.getInputProps(f)} {...extra} />
  );
  const date = (f: keyof PatientFormValues) => (
    <DateField
      label={L(f)}
      value={form.values[f] as string}
      onChange={(v) => form.setFieldValue(f, v as never)}
      error={form.errors[f]}
    />
  );
  const select = (
    f: keyof PatientFormValues,
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

  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? "Neuer Patient" : "Patient bearbeiten"}>
      <Stack>
        <Fieldset legend="Stammdaten">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {select("anrede", OPTIONS.anrede, { required: true })}
            {select("geschlecht", OPTIONS.geschlecht, { required: true })}
            {text("vorname", { required: true })}
            {text("nachname", { required: true })}
            {text("strasse")}
            {text("plz", { inputMode: "numeric", maxLength: 5 })}
            {text("ort")}
            {date("geburtsdatum")}
            {text("email", { type: "email" })}
            {text("telefon", { type: "tel" })}
            {text("krankenkasse")}
            {text("krankenversicherungsnummer")}
            {text("hausarzt")}
            {text("empfehler_der_unterstuetzung")}
            {select("status", OPTIONS.patientenstatus, { allowDeselect: false })}
            {text("zahlungsreferenz", { maxLength: 8 })}
          </SimpleGrid>
          <Group mt="md">
            <Checkbox
              label={L("vertraege_unterschrieben")}
              {...form.getInputProps("vertraege_unterschrieben", { type: "checkbox" })}
            />
            <Checkbox
              label={L("zahlung_eingegangen")}
              {...form.getInputProps("zahlung_eingegangen", { type: "checkbox" })}
            />
          </Group>
        </Fieldset>

        <Fieldset legend="Vorqualifikation">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label={L("symptome")}
              description={`1 bis ${MAX_SYMPTOMS} Symptome`}
              data={SYMPTOM_DATA}
              searchable
              maxValues={MAX_SYMPTOMS}
              {...form.getInputProps("symptome")}
            />
            {select("erfahrung_mit_psychotherapie", YES_NO, {
              clearable: true,
              placeholder: "Nicht angegeben",
            })}
            {date("letzte_sitzung_vorherige_psychotherapie")}
            {date("erster_therapieplatz_am")}
            {date("funktionierender_therapieplatz_am")}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Präferenzen">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {select("bevorzugtes_therapeutengeschlecht", OPTIONS.geschlechtspraeferenz, {
              allowDeselect: false,
            })}
            {select("bevorzugtes_therapieverfahren", OPTIONS.therapieverfahren, { allowDeselect: false })}
            {select("verkehrsmittel", OPTIONS.verkehrsmittel, {
              clearable: true,
              placeholder: "Nicht angegeben",
            })}
            <NumberInput
              label={L("max_km")}
              min={1}
              max={1000}
              allowDecimal={false}
              {...form.getInputProps("max_km")}
              value={form.values.max_km === "" ? "" : Number(form.values.max_km)}
              onChange={(v) => form.setFieldValue("max_km", v === "" ? "" : String(v))}
            />
            {select("offen_fuer_gruppentherapie", YES_NO, {
              clearable: true,
              placeholder: "Nicht angegeben",
            })}
            {select("offen_fuer_diga", YES_NO, { clearable: true, placeholder: "Nicht angegeben" })}
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Verfügbarkeit">
          <ScheduleEditor
            label={L("zeitliche_verfuegbarkeit")}
            value={form.values.zeitliche_verfuegbarkeit}
            onChange={(s) => form.setFieldValue("zeitliche_verfuegbarkeit", s)}
            error={form.errors.zeitliche_verfuegbarkeit as string | undefined}
          />
        </Fieldset>

        {formError && (
          <Alert color="red" role="alert">
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
