import { Alert, Button, Group, Paper, Stack, Title } from "@mantine/core";
import { useRef, useState } from "react";
import { ApiError, newIdempotencyKey } from "../../api/client";
import type { Schedule } from "../../api/types";
import { ScheduleEditor } from "../../components/ScheduleEditor";
import { useUnsavedWarning } from "../../components/useUnsavedWarning";
import { errorText, fieldProblem } from "../../i18n/de";
import { cleanSchedule } from "../patients/patientForm";

const same = (a: Schedule, b: Schedule) =>
  JSON.stringify(cleanSchedule(a)) === JSON.stringify(cleanSchedule(b));

/**
 * The therapist's phone hours, edited in place as weekday / time ranges (calls are planned in them). Saving
 * sends only `telefonische_erreichbarkeit`; removing every range clears them (`{}`).
 */
export function PhoneHoursCard({
  value,
  onSave,
}: {
  value: Schedule;
  onSave(s: Schedule, idempotencyKey: string): Promise<void>;
}) {
  const [draft, setDraft] = useState<Schedule>(value);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const dirty = !same(draft, value);
  const release = useUnsavedWarning(dirty);

  const save = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSave(cleanSchedule(draft), key.current);
      release();
      key.current = newIdempotencyKey();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 400 ? fieldProblem(err.message) : errorText(err));
      if (err instanceof ApiError && err.status < 500) key.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={3} size="h4">
          Telefonische Erreichbarkeit
        </Title>
        <ScheduleEditor label="Telefonzeiten" value={draft} onChange={setDraft} error={error} />
        {error && (
          <Alert color="red.9" role="alert">
            Die Telefonzeiten wurden nicht gespeichert.
          </Alert>
        )}
        <Group>
          <Button onClick={save} loading={busy} disabled={busy || !dirty}>
            Telefonzeiten speichern
          </Button>
          <Button variant="default" onClick={() => setDraft(value)} disabled={busy || !dirty}>
            Verwerfen
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
