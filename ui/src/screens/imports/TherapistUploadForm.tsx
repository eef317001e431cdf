import { Alert, Button, FileInput, Group, List, Stack, Text, TextInput } from "@mantine/core";
import { useRef, useState } from "react";
import { api, ApiError, newIdempotencyKey } from "../../api/client";
import type { TherapistImportReport } from "../../api/adminTypes";
import { errorText, importProblemText } from "../../i18n/de";
import { uploadProblems, type UploadValues } from "./importUpload";

// Mantine's default error red is too pale on white for small text (axe: color-contrast).
const ERROR_STYLES = { error: { color: "var(--mantine-color-red-9)" } };

/**
 * Upload of one 116117 file (admins only; the page does not render it for staff). The form checks the file
 * before sending, so "no file" is a message at the field, never a server error about an unknown file type.
 */
export function TherapistUploadForm({ onDone }: { onDone(): void }) {
  const [values, setValues] = useState<UploadValues>({ file: null, plz: "" });
  const [errors, setErrors] = useState<Partial<Record<keyof UploadValues, string>>>({});
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<TherapistImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problems = uploadProblems(values);
    setErrors(problems);
    setReport(null);
    setFailure(null);
    if (Object.keys(problems).length || !values.file) return;
    setBusy(true);
    try {
      const body = new FormData();
      body.append("file", values.file, values.file.name);
      if (values.plz.trim()) body.append("plz", values.plz.trim());
      setReport(
        await api.post<TherapistImportReport>("/therapists/import", body, { idempotencyKey: key.current }),
      );
      setValues({ file: null, plz: "" });
      onDone();
    } catch (err) {
      if (
        err instanceof ApiError &&
        ["UNSUPPORTED_FILE_TYPE", "UNREADABLE_FILE", "IMPORT_FILE_MISSING", "PAYLOAD_TOO_LARGE"].includes(
          err.type,
        )
      )
        setErrors({ file: errorText(err) });
      else setFailure(errorText(err));
    } finally {
      key.current = newIdempotencyKey();
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Therapeuten-Datei importieren">
      <Stack>
        <Group align="flex-start">
          <FileInput
            label="Datei von 116117 (.json oder .html)"
            accept=".json,.html,.htm,application/json,text/html"
            value={values.file}
            onChange={(file) => {
              setValues((v) => ({ ...v, file }));
              setErrors((x) => ({ ...x, file: undefined }));
            }}
            clearable
            clearButtonProps={{ "aria-label": "Dateiauswahl leeren" }}
            error={errors.file}
            styles={ERROR_STYLES}
            required
            w={360}
          />
          <TextInput
            label="PLZ der Datei (optional)"
            description="Nur wenn die Datei die vollständige Liste dieser PLZ ist"
            value={values.plz}
            inputMode="numeric"
            maxLength={5}
            onChange={(e) => {
              const plz = e.currentTarget.value;
              setValues((v) => ({ ...v, plz }));
              setErrors((x) => ({ ...x, plz: undefined }));
            }}
            error={errors.plz}
            styles={ERROR_STYLES}
            w={220}
          />
        </Group>
        <Group>
          <Button type="submit" loading={busy} disabled={busy}>
            Importieren
          </Button>
        </Group>
        {failure && (
          <Alert color="red.9" role="alert">
            {failure}
          </Alert>
        )}
        {report && (
          <Alert color={report.failed ? "yellow" : "teal.9"} title="Import abgeschlossen" role="status">
            <Text size="sm">
              {report.total ?? 0} Einträge: {report.created ?? 0} neu, {report.updated ?? 0} geändert,{" "}
              {report.unchanged ?? 0} unverändert, {report.skipped ?? 0} übersprungen, {report.failed ?? 0}{" "}
              fehlerhaft.
            </Text>
            {report.errors && report.errors.length > 0 && (
              <List size="sm" mt="xs">
                {report.errors.map((e) => (
                  <List.Item key={e.type}>
                    {importProblemText(e.type)}: {e.count}× (
                    {e.examples.map((x) => x.replace(/^record /, "Eintrag ")).join(", ")})
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
