import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, Textarea, Title } from "@mantine/core";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../api/client";
import type { PhoneCall } from "../../api/matching";
import type { Paginated } from "../../api/types";
import { Pager } from "../../components/Pager";
import { LoadError, Loading } from "../../components/Status";
import { TELEFONANRUFSTATUS_LABELS, errorText } from "../../i18n/de";
import { formatDate } from "../../util/format";
import { notifySuccess } from "../../util/notify";
import { useListParams } from "../../util/useListParams";
import { useTitle } from "../../util/useTitle";
import { useWrite } from "../../util/useWrite";
import { CallTable } from "./CallTable";

export const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

const VIEWS = {
  faellig: {
    label: "Heute fällig",
    query: () => ({ status: "geplant", faellig_bis: todayIso(), sort: "termin" }),
  },
  geplant: { label: "Alle geplanten", query: () => ({ status: "geplant", sort: "termin" }) },
  erledigt: { label: "Erledigt", query: () => ({ status: "abgeschlossen", sort: "-termin" }) },
} as const;
type View = keyof typeof VIEWS;
const OUTCOMES = (["abgeschlossen", "fehlgeschlagen", "abgebrochen"] as const).map((v) => ({
  value: v,
  label: TELEFONANRUFSTATUS_LABELS[v],
}));

/** The call work list (Telefonate): who to call when, and the outcome. */
export default function CallList() {
  useTitle("Telefonate");
  const lp = useListParams({ ansicht: "faellig", page: "1", limit: "20" });
  const qc = useQueryClient();
  const view = (lp.get("ansicht") in VIEWS ? lp.get("ansicht") : "faellig") as View;
  const q = { page: lp.page, limit: lp.limit, ...VIEWS[view].query() };
  const list = useQuery({
    queryKey: ["calls", q],
    queryFn: () => api.get<Paginated<PhoneCall>>("/phone-calls", q),
    placeholderData: keepPreviousData,
  });
  const [current, setCurrent] = useState<PhoneCall | null>(null);
  const [status, setStatus] = useState<string | null>("abgeschlossen");
  const [result, setResult] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useWrite(
    (_: void, key) =>
      api.put(
        `/phone-calls/${current!.id}`,
        {
          status,
          tatsaechliches_datum: todayIso(),
          tatsaechliche_zeit: new Date().toTimeString().slice(0, 5),
          ...(result.trim() ? { ergebnis: result.trim() } : {}),
        },
        { idempotencyKey: key },
      ),
    {
      quietErrors: true,
      onSuccess: () => {
        notifySuccess("Ergebnis gespeichert.");
        setCurrent(null);
        qc.invalidateQueries({ queryKey: ["calls"] });
      },
      onError: (e) => setError(errorText(e)),
    },
  );

  return (
    <Stack>
      <Title order={2}>Telefonate</Title>
      <SegmentedControl
        aria-label="Ansicht"
        w="fit-content"
        value={view}
        onChange={(v) => lp.set({ ansicht: v })}
        data={Object.entries(VIEWS).map(([value, v]) => ({ value, label: v.label }))}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} retry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <Text>{view === "faellig" ? "Heute ist kein Anruf fällig." : "Keine Anrufe."}</Text>
      ) : (
        <>
          <CallTable
            calls={list.data.data}
            onOutcome={(c) => {
              setCurrent(c);
              setStatus("abgeschlossen");
              setResult("");
              setError(null);
            }}
          />
          <Pager
            page={list.data.page}
            limit={list.data.limit}
            total={list.data.total}
            onPage={(p) => lp.set({ page: p }, false)}
            onLimit={(l) => lp.set({ limit: l })}
          />
        </>
      )}
      <Modal
        opened={!!current}
        onClose={() => setCurrent(null)}
        title="Ergebnis des Anrufs"
        centered
        closeButtonProps={{ "aria-label": "Dialog schließen" }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!status) return setError("Bitte ein Ergebnis wählen.");
            save.run();
          }}
        >
          <Stack>
            {current && (
              <Text size="sm">
                Geplant für {formatDate(current.geplantes_datum)} {current.geplante_zeit?.slice(0, 5)}
              </Text>
            )}
            <Select
              label="Ergebnis"
              data={OUTCOMES}
              value={status}
              onChange={setStatus}
              allowDeselect={false}
              error={error && !status ? error : undefined}
            />
            <Textarea
              label="Was wurde besprochen?"
              value={result}
              onChange={(e) => setResult(e.currentTarget.value)}
              autosize
              minRows={2}
              error={error && status ? error : undefined}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCurrent(null)}>
                Abbrechen
              </Button>
              <Button type="submit" disabled={save.isPending} loading={save.isPending}>
                Ergebnis speichern
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
