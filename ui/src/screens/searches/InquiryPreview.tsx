import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { api } from "../../api/client";
import {
  personName,
  type InquiryCreated,
  type InquiryPreview as Preview,
  type Skipped,
  type TherapistSummary,
} from "../../api/matching";
import { LoadError, Loading } from "../../components/Status";
import { errorText, skipLabel } from "../../i18n/de";
import { useWrite } from "../../util/useWrite";

export const km = (v: number | null) =>
  v === null ? "unbekannt" : `${v.toLocaleString("de-DE", { maximumFractionDigits: 1 })} km`;
export const days = (v: number | null) => (v === null ? "–" : v === 1 ? "1 Tag" : `${v} Tage`);

/** "3 × zu weit entfernt" lines for everything an inquiry or bundle run left out. */
export function SkippedList({ skipped }: { skipped: Skipped }) {
  const entries = Object.entries(skipped).filter(([, n]) => (n ?? 0) > 0);
  if (!entries.length) return <Text size="sm">Niemand ausgelassen.</Text>;
  return (
    <List size="sm">
      {entries.map(([k, n]) => (
        <List.Item key={k}>
          {n} × {skipLabel(k)}
        </List.Item>
      ))}
    </List>
  );
}

/**
 * What an inquiry to this therapist would contain (dry run: nothing is written), and creating it. "Sofort senden"
 * is off by default; ticked, the names of the patients who will be mailed are shown next to the button.
 */
export function InquiryPreview({
  therapist,
  plzPrefix,
  onCreated,
}: {
  therapist: TherapistSummary;
  plzPrefix: string;
  onCreated(r: InquiryCreated): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [therapist.id]);
  const [send, setSend] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preview = useQuery({
    queryKey: ["inquiry-preview", therapist.id, plzPrefix],
    queryFn: () =>
      api.post<Preview>("/therapeutenanfragen/erstellen-fuer-therapeut", {
        therapist_id: therapist.id,
        plz_prefix: plzPrefix,
        dry_run: true,
      }),
    staleTime: 0,
  });
  const create = useWrite(
    (_: void, key) =>
      api.post<InquiryCreated>(
        "/therapeutenanfragen/erstellen-fuer-therapeut",
        { therapist_id: therapist.id, plz_prefix: plzPrefix, sofort_senden: send },
        { idempotencyKey: key },
      ),
    { quietErrors: true, onSuccess: onCreated, onError: (e) => setError(errorText(e)) },
  );
  const name = personName(therapist);
  return (
    <Paper withBorder p="md" aria-labelledby="vorschau-titel">
      <Title order={3} size="h4" id="vorschau-titel" ref={heading} tabIndex={-1} mb="sm">
        Vorschau: Anfrage an {name}
      </Title>
      {preview.isPending ? (
        <Loading label="Passende Patienten werden gesucht …" />
      ) : preview.isError ? (
        <LoadError error={preview.error} retry={() => preview.refetch()} />
      ) : (
        <Stack>
          {preview.data.patienten.length === 0 ? (
            <Text>Keine passenden Patienten im PLZ-Bereich {plzPrefix}.</Text>
          ) : (
            <Table withTableBorder aria-label="Patienten dieser Anfrage">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>PLZ</Table.Th>
                  <Table.Th>Entfernung</Table.Th>
                  <Table.Th>Wartezeit</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.data.patienten.map((p) => (
                  <Table.Tr key={p.patient_id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/patienten/${p.patient_id}`}>
                        {p.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{p.plz ?? "–"}</Table.Td>
                    <Table.Td>{km(p.entfernung_km)}</Table.Td>
                    <Table.Td>{days(p.wartezeit_tage)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <div>
            <Text size="sm" fw={700}>
              Nicht berücksichtigt
            </Text>
            <SkippedList skipped={preview.data.ausgelassen} />
          </div>
          {!preview.data.erstellbar && preview.data.patienten.length > 0 && (
            <Alert color="yellow">Zu wenige passende Patienten für eine Anfrage.</Alert>
          )}
          <Checkbox
            label="Sofort senden"
            description="Ohne Haken wird die Anfrage nur angelegt und kann vor dem Senden geprüft werden."
            checked={send}
            onChange={(e) => setSend(e.currentTarget.checked)}
          />
          {send && preview.data.patienten.length > 0 && (
            <Alert color="blue" title="Beim Senden erhält der Therapeut diese Patienten">
              {preview.data.patienten.map((p) => p.name).join(", ")}
            </Alert>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group>
            <Button
              onClick={() => {
                setError(null);
                create.run();
              }}
              disabled={!preview.data.erstellbar || create.isPending}
              loading={create.isPending}
            >
              {send ? "Anfrage erstellen und senden" : "Anfrage erstellen"}
            </Button>
          </Group>
        </Stack>
      )}
    </Paper>
  );
}
