import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import { errorText } from "../i18n/de";
import { ApiError } from "../api/client";

export function Loading({ label = "Lädt …" }: { label?: string }) {
  return (
    <Center p="xl" role="status" aria-live="polite">
      <Loader size="sm" mr="sm" />
      <Text>{label}</Text>
    </Center>
  );
}

/** A failed load never leaves the page on "Lädt …": it says what happened and offers a retry. */
export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  const notFound = error instanceof ApiError && error.status === 404;
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <Alert
      color={notFound ? "yellow" : "red"}
      title={notFound ? "Nicht gefunden" : forbidden ? "Keine Berechtigung" : "Fehler"}
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        <Text>{errorText(error)}</Text>
        {retry && !notFound && !forbidden && (
          <Button size="xs" variant="light" onClick={retry}>
            Erneut versuchen
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
