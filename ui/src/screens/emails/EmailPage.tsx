import { Alert, Anchor, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { api, newIdempotencyKey } from "../../api/client";
import type { Email } from "../../api/adminTypes";
import { InfoGrid } from "../../components/InfoGrid";
import { LoadError, Loading } from "../../components/Status";
import { EMAIL_TYP_LABELS, fieldLabel as L } from "../../i18n/de";
import { formatDateTime, yesNo } from "../../util/format";
import { notifyError, notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";
import { EmailStatusBadge } from "./emailStatus";

/**
 * The rendered body is shown in a sandboxed frame: no scripts, no same-origin access, no forms or pop-ups,
 * so a body cannot act with the staff member's session whatever it contains.
 */
export function EmailBody({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={`<!doctype html><meta charset="utf-8"><style>body{font-family:sans-serif;font-size:14px;margin:12px}</style>${html}`}
      style={{
        width: "100%",
        minHeight: 360,
        border: "1px solid var(--mantine-color-gray-4)",
        borderRadius: 4,
      }}
    />
  );
}

export default function EmailPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const qc = useQueryClient();
  const [view, setView] = useState("html");
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());
  const email = useQuery({
    queryKey: ["email", id],
    queryFn: () => api.get<Email>(`/emails/${id}`),
    enabled: valid,
  });
  const e = email.data;
  useTitle(e ? `E-Mail: ${e.betreff}` : "E-Mail");
  if (!valid) return <LoadError error={{ type: "NOT_FOUND", status: 404 }} />;
  if (email.isPending) return <Loading />;
  if (email.isError) return <LoadError error={email.error} retry={() => email.refetch()} />;
  if (!e) return null;

  const requeue = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const updated = await api.put<Email>(
        `/emails/${e.id}`,
        { status: "In_Warteschlange" },
        { idempotencyKey: key.current },
      );
      qc.setQueryData(["email", id], updated);
      qc.invalidateQueries({ queryKey: ["emails"] });
      notifySuccess("Die E-Mail wird erneut gesendet.");
    } catch (err) {
      notifyError(err);
    } finally {
      key.current = newIdempotencyKey();
      setBusy(false);
    }
  };
  const recipientLink = e.therapist_id ? (
    <Anchor component={Link} to={`/therapeuten/${e.therapist_id}`}>
      {e.empfaenger_name}
    </Anchor>
  ) : e.patient_id ? (
    <Anchor component={Link} to={`/patienten/${e.patient_id}`}>
      {e.empfaenger_name}
    </Anchor>
  ) : (
    e.empfaenger_name
  );

  return (
    <Stack>
      <div>
        <Anchor component={Link} to="/emails" size="sm">
          ← E-Mails
        </Anchor>
        <Title order={2}>{e.betreff || "(ohne Betreff)"}</Title>
        <Group gap="xs" mt={4}>
          <EmailStatusBadge status={e.status} />
          <Text size="sm" c="gray.7">
            {EMAIL_TYP_LABELS[e.typ] ?? e.typ}
          </Text>
        </Group>
      </div>
      {e.status === "Fehlgeschlagen" && (
        <Alert color="red.9" title="Versand fehlgeschlagen">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              Nach {e.wiederholungsanzahl} Versuchen nicht zugestellt.
              {e.fehlermeldung ? ` Meldung des Mailservers: ${e.fehlermeldung}` : ""}
            </Text>
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="md">
        <InfoGrid
          items={[
            [L("empfaenger_name"), recipientLink],
            [L("empfaenger_email"), e.empfaenger_email],
            [L("absender_name"), `${e.absender_name} <${e.absender_email}>`],
            [
              "Anfrage",
              e.therapeutenanfrage_id ? (
                <Anchor component={Link} to={`/anfragen/${e.therapeutenanfrage_id}`}>
                  A{e.therapeutenanfrage_id}
                </Anchor>
              ) : (
                "–"
              ),
            ],
            ["Angelegt am", formatDateTime(e.created_at)],
            [L("in_warteschlange_am"), formatDateTime(e.in_warteschlange_am)],
            [L("gesendet_am"), formatDateTime(e.gesendet_am)],
            [
              L("antwort_erhalten"),
              e.antwort_erhalten ? `Ja, ${formatDateTime(e.antwortdatum)}` : yesNo(false),
            ],
            [
              L("attachments"),
              e.attachments.length ? e.attachments.map((a) => a.split("/").pop()).join(", ") : "–",
            ],
          ]}
        />
        {(e.status === "Fehlgeschlagen" || e.status === "Entwurf") && (
          <Button mt="md" onClick={requeue} loading={busy} disabled={busy}>
            {e.status === "Entwurf" ? "Jetzt senden" : "Erneut senden"}
          </Button>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h4">
            Inhalt
          </Title>
          <SegmentedControl
            aria-label="Ansicht des Inhalts"
            value={view}
            onChange={setView}
            data={[
              { value: "html", label: "Wie versendet" },
              { value: "text", label: "Nur Text" },
            ]}
          />
        </Group>
        {view === "html" ? (
          <EmailBody html={e.inhalt_html ?? ""} title={`Inhalt der E-Mail „${e.betreff}“`} />
        ) : (
          <Text component="pre" style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>
            {e.inhalt_text}
          </Text>
        )}
        {e.antwortinhalt && (
          <>
            <Title order={4} size="h5" mt="md">
              Antwort
            </Title>
            <Text component="pre" style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }}>
              {e.antwortinhalt}
            </Text>
          </>
        )}
      </Paper>
    </Stack>
  );
}
