import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title, VisuallyHidden } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import { personName, type SelectionResult } from "../../api/matching";
import { LoadError, Loading } from "../../components/Status";
import { notifySuccess } from "../../util/notify";
import { formatDate } from "../../util/format";
import { useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";
import { InquiryPreview } from "./InquiryPreview";

/** Therapist selection for a PLZ area (domain.md 3.4) → preview → create (→ send). */
export default function Selection() {
  useTitle("Therapeutenauswahl");
  const lp = useListParams({});
  const navigate = useNavigate();
  const prefix = lp.get("plz");
  const [input, setInput] = useState(prefix);
  const [inputError, setInputError] = useState<string | null>(null);
  const chosenId = Number(lp.get("therapeut")) || null;
  const valid = /^\d{2}$/.test(prefix);
  const list = useQuery({
    queryKey: ["selection", prefix],
    queryFn: () => api.get<SelectionResult>("/therapeuten-zur-auswahl", { plz_prefix: prefix }),
    enabled: valid,
  });
  const chosen = list.data?.data.find((t) => t.id === chosenId);

  return (
    <Stack>
      <Title order={2}>Therapeutenauswahl</Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!/^\d{2}$/.test(input)) return setInputError("Bitte genau 2 Ziffern eingeben, z. B. 52.");
          setInputError(null);
          lp.set({ plz: input, therapeut: null });
        }}
      >
        <Group align="flex-start">
          <TextInput
            label="PLZ-Bereich (erste 2 Ziffern)"
            value={input}
            onChange={(e) => setInput(e.currentTarget.value.trim())}
            error={inputError}
            w={220}
            inputMode="numeric"
            maxLength={2}
          />
          <Button type="submit" mt={25}>
            Therapeuten anzeigen
          </Button>
        </Group>
      </form>
      {!valid ? (
        <Text c="dimmed">Bitte einen PLZ-Bereich wählen.</Text>
      ) : list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <Text>
          Im PLZ-Bereich {prefix} ist gerade kein Therapeut ansprechbar (alle in Abkühlung oder mit offener
          Anfrage).
        </Text>
      ) : (
        <Table striped withTableBorder aria-label="Ansprechbare Therapeuten">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Therapeut</Table.Th>
              <Table.Th>PLZ / Ort</Table.Th>
              <Table.Th>Telefon</Table.Th>
              <Table.Th>E-Mail</Table.Th>
              <Table.Th>Kontakt möglich ab</Table.Th>
              <Table.Th>
                <VisuallyHidden>Aktion</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.data.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/therapeuten/${t.id}`}>
                    {personName(t)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{[t.plz, t.ort].filter(Boolean).join(" ") || "–"}</Table.Td>
                <Table.Td>{t.telefon ?? "–"}</Table.Td>
                <Table.Td>{t.email ?? "keine (Anfrage per Telefon)"}</Table.Td>
                <Table.Td>
                  {t.naechster_kontakt_moeglich ? formatDate(t.naechster_kontakt_moeglich) : "sofort"}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant={t.id === chosenId ? "filled" : "light"}
                    aria-label={`Vorschau für ${personName(t)}`}
                    onClick={() => lp.set({ therapeut: t.id })}
                  >
                    Vorschau
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {valid && chosen && (
        <InquiryPreview
          key={chosen.id}
          therapist={chosen}
          plzPrefix={prefix}
          onCreated={(r) => {
            if (!r.anfrage_id)
              return notifySuccess("Keine passenden Patienten – es wurde keine Anfrage angelegt.");
            notifySuccess(
              r.gesendet
                ? `Anfrage mit ${r.anfragegroesse} Patienten erstellt und gesendet.`
                : `Anfrage mit ${r.anfragegroesse} Patienten erstellt.`,
            );
            navigate(`/anfragen/${r.anfrage_id}`);
          }}
        />
      )}
    </Stack>
  );
}
