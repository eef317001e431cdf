import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { api } from "../../api/client";
import type { Therapist } from "../../api/adminTypes";
import { InfoGrid } from "../../components/InfoGrid";
import { LoadError, Loading } from "../../components/Status";
import {
  ANREDE_LABELS,
  GESCHLECHT_LABELS,
  GESCHLECHTSPRAEFERENZ_LABELS,
  THERAPEUTSTATUS_LABELS,
  THERAPIEVERFAHREN_LABELS,
  fieldLabel as L,
} from "../../i18n/de";
import { formatDate, text, yesNo } from "../../util/format";
import { notifySuccess } from "../../util/notify";
import { useTitle } from "../../util/useTitle";
import { InquiriesCard } from "./InquiriesCard";
import { PdfCard } from "./PdfCard";
import { PhoneHoursCard } from "./PhoneHoursCard";
import { PreferencesCard } from "./PreferencesCard";
import { TherapistForm } from "./TherapistForm";
import { toTherapistForm } from "./therapistForm";
import { coolingUntil, localToday, therapistName } from "./therapistText";

export default function TherapistPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const therapist = useQuery({
    queryKey: ["therapist", id],
    queryFn: () => api.get<Therapist>(`/therapists/${id}`),
    enabled: valid,
  });
  const t = therapist.data;
  useTitle(t ? therapistName(t) : "Therapeut");

  if (!valid) return <LoadError error={{ type: "NOT_FOUND", status: 404 }} />;
  if (therapist.isPending) return <Loading />;
  if (therapist.isError) return <LoadError error={therapist.error} retry={() => therapist.refetch()} />;
  if (!t) return null;

  const save = async (body: Record<string, unknown>, idempotencyKey: string) => {
    if (Object.keys(body).length) {
      const updated = await api.put<Therapist>(`/therapists/${t.id}`, body, { idempotencyKey });
      qc.setQueryData(["therapist", id], updated);
      qc.invalidateQueries({ queryKey: ["therapists"] });
    }
    notifySuccess("Gespeichert.");
  };
  const cooling = coolingUntil(t, localToday());

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Anchor component={Link} to="/therapeuten" size="sm">
            ← Therapeuten
          </Anchor>
          <Title order={2}>
            {ANREDE_LABELS[t.anrede]} {therapistName(t)}
          </Title>
          <Group gap="xs" mt={4}>
            <Badge
              variant="outline"
              color={t.status === "aktiv" ? "teal.9" : t.status === "gesperrt" ? "red.9" : "gray.8"}
            >
              {THERAPEUTSTATUS_LABELS[t.status]}
            </Badge>
            {cooling && (
              <Badge variant="outline" color="dark">
                Abkühlungsphase
              </Badge>
            )}
            {t.potenziell_verfuegbar && (
              <Badge variant="outline" color="teal.9">
                Potenziell verfügbar
              </Badge>
            )}
          </Group>
        </div>
        {!editing && (
          <Button variant="default" onClick={() => setEditing(true)}>
            Bearbeiten
          </Button>
        )}
      </Group>

      {cooling && (
        <Alert color="orange.9" title="Abkühlungsphase">
          Gesperrt bis {formatDate(cooling)}: vor diesem Tag darf der Therapeut nicht erneut angefragt werden.
        </Alert>
      )}
      {t.status === "gesperrt" && (
        <Alert color="red.9" title="Gesperrt">
          Gesperrt seit {formatDate(t.sperrdatum)}
          {t.sperrgrund ? ` – Grund: ${t.sperrgrund}` : ""}
        </Alert>
      )}

      {editing ? (
        <TherapistForm
          isNew={false}
          initial={toTherapistForm(t)}
          onCancel={() => setEditing(false)}
          onSubmit={async (body, key) => {
            await save(body, key);
            return () => setEditing(false);
          }}
        />
      ) : (
        <>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Stammdaten
            </Title>
            <InfoGrid
              items={[
                [L("geschlecht"), GESCHLECHT_LABELS[t.geschlecht]],
                [
                  "Adresse",
                  [t.strasse, [t.plz, t.ort].filter(Boolean).join(" ")].filter(Boolean).join(", ") || "–",
                ],
                [L("telefon"), text(t.telefon)],
                [L("fax"), text(t.fax)],
                [L("email"), text(t.email)],
                [L("webseite"), text(t.webseite)],
                [L("kassensitz"), yesNo(t.kassensitz)],
                [L("ueber_curavani_informiert"), yesNo(t.ueber_curavani_informiert)],
              ]}
            />
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Angebot und Präferenzen
            </Title>
            <InfoGrid
              items={[
                [
                  L("psychotherapieverfahren"),
                  t.psychotherapieverfahren
                    ? THERAPIEVERFAHREN_LABELS[t.psychotherapieverfahren]
                    : "Nicht bekannt",
                ],
                [L("geschlechtspraeferenz"), GESCHLECHTSPRAEFERENZ_LABELS[t.geschlechtspraeferenz]],
                [
                  "Patientenalter",
                  t.alter_min || t.alter_max
                    ? `${t.alter_min || "–"} bis ${t.alter_max || "–"} Jahre`
                    : "Keine Vorgabe",
                ],
                [L("bevorzugt_gruppentherapie"), yesNo(t.bevorzugt_gruppentherapie)],
                [L("fremdsprachen"), t.fremdsprachen.length ? t.fremdsprachen.join(", ") : "–"],
                [L("zusatzqualifikationen"), text(t.zusatzqualifikationen)],
                [L("besondere_leistungsangebote"), text(t.besondere_leistungsangebote)],
                [L("potenziell_verfuegbar_notizen"), text(t.potenziell_verfuegbar_notizen)],
              ]}
            />
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h4" mb="sm">
              Kontakt
            </Title>
            <InfoGrid
              items={[
                [L("letzter_kontakt_email"), formatDate(t.letzter_kontakt_email)],
                [L("letzter_kontakt_telefon"), formatDate(t.letzter_kontakt_telefon)],
                [L("letztes_persoenliches_gespraech"), formatDate(t.letztes_persoenliches_gespraech)],
                [L("naechster_kontakt_moeglich"), cooling ? `gesperrt bis ${formatDate(cooling)}` : "sofort"],
              ]}
            />
            {t.standort_unbekannt && (
              <Text size="sm" c="gray.7" mt="sm">
                Der Standort ist noch nicht bestimmt; Entfernungen werden nach der Adresse geschätzt.
              </Text>
            )}
          </Paper>
          <PhoneHoursCard
            key={JSON.stringify(t.telefonische_erreichbarkeit)}
            value={t.telefonische_erreichbarkeit}
            onSave={(s, key) => save({ telefonische_erreichbarkeit: s }, key)}
          />
          <InquiriesCard therapistId={t.id} />
          <PdfCard therapistId={t.id} />
          <PreferencesCard therapistId={t.id} />
        </>
      )}
    </Stack>
  );
}
