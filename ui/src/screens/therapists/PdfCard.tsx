import { ActionIcon, Button, FileInput, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { api, ApiError, newIdempotencyKey } from "../../api/client";
import type { PdfList } from "../../api/adminTypes";
import { LoadError, Loading } from "../../components/Status";
import { errorText } from "../../i18n/de";
import { downloadFile, formatBytes } from "../../util/download";
import { notifyError, notifySuccess } from "../../util/notify";

const MAX_BYTES = 10 * 1024 * 1024;

/** What is wrong with a chosen file before it is sent (the server checks again, by content). */
export function pdfProblem(file: File | null): string | null {
  if (!file) return "Bitte zuerst eine PDF-Datei auswählen.";
  if (!/\.pdf$/i.test(file.name)) return "Nur PDF-Dateien können hochgeladen werden.";
  if (file.size > MAX_BYTES) return "Die Datei ist größer als 10 MB.";
  return null;
}

/** PDF forms of a therapist (attached to the patient's success e-mail): upload, list, download, delete. */
export function PdfCard({ therapistId }: { therapistId: number }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const list = useQuery({
    queryKey: ["therapist-pdfs", therapistId],
    queryFn: () => api.get<PdfList>(`/therapists/${therapistId}/pdfs`),
  });

  const upload = async () => {
    const problem = pdfProblem(file);
    setError(problem);
    if (problem || !file || busy) return;
    setBusy(true);
    try {
      const body = new FormData();
      body.append("file", file, file.name);
      await api.post(`/therapists/${therapistId}/pdfs`, body, { idempotencyKey: key.current });
      notifySuccess("PDF hochgeladen.");
      setFile(null);
      qc.invalidateQueries({ queryKey: ["therapist-pdfs", therapistId] });
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 400 ? "Die Datei ist kein gültiges PDF." : errorText(err),
      );
    } finally {
      key.current = newIdempotencyKey();
      setBusy(false);
    }
  };

  const remove = async (filename: string) => {
    if (!window.confirm(`„${filename}“ wirklich löschen?`)) return;
    setDeleting(filename);
    try {
      await api.del(`/therapists/${therapistId}/pdfs?filename=${encodeURIComponent(filename)}`);
      notifySuccess("PDF gelöscht.");
      qc.invalidateQueries({ queryKey: ["therapist-pdfs", therapistId] });
    } catch (err) {
      notifyError(err);
    } finally {
      setDeleting(null);
    }
  };

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        PDF-Formulare
      </Title>
      <Stack>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError error={list.error} retry={() => list.refetch()} />
        ) : list.data.pdfs.length === 0 ? (
          <Text c="gray.7">Keine PDF-Formulare hinterlegt.</Text>
        ) : (
          <Table withTableBorder aria-label="PDF-Formulare">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Datei</Table.Th>
                <Table.Th>Größe</Table.Th>
                <Table.Th>Aktionen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.pdfs.map((p) => (
                <Table.Tr key={p.filename}>
                  <Table.Td>{p.filename}</Table.Td>
                  <Table.Td>{formatBytes(p.size)}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button
                        size="compact-sm"
                        variant="light"
                        aria-label={`${p.filename} herunterladen`}
                        onClick={() =>
                          downloadFile(
                            `/therapists/${therapistId}/pdfs/${encodeURIComponent(p.filename)}`,
                            p.filename,
                          ).catch(notifyError)
                        }
                      >
                        Herunterladen
                      </Button>
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        aria-label={`${p.filename} löschen`}
                        disabled={deleting === p.filename}
                        onClick={() => remove(p.filename)}
                      >
                        ✕
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end">
          <FileInput
            label="PDF hochladen"
            accept="application/pdf,.pdf"
            value={file}
            onChange={(f) => {
              setFile(f);
              setError(null);
            }}
            clearable
            clearButtonProps={{ "aria-label": "Auswahl leeren" }}
            error={error}
            w={320}
          />
          <Button onClick={upload} loading={busy} disabled={busy}>
            Hochladen
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
