import { Alert, Anchor, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useAuth } from "../auth/auth";
import { useTitle } from "../util/useTitle";

/** What a staff user sees on an admin route opened directly: a clear message, never an endless "Lädt …". */
export function NoPermission() {
  useTitle("Keine Berechtigung");
  return (
    <Stack>
      <Title order={2}>Keine Berechtigung</Title>
      <Alert color="yellow" title="Keine Berechtigung" role="alert">
        <Text>
          Diese Seite ist Administratoren vorbehalten. Bitte wenden Sie sich an einen Administrator.
        </Text>
      </Alert>
      <Anchor component={Link} to="/">
        Zur Übersicht
      </Anchor>
    </Stack>
  );
}

/** Renders its children only for admins; the check needs no request, so it cannot hang. */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  return user?.rolle === "admin" ? <>{children}</> : <NoPermission />;
}

export const useIsAdmin = () => useAuth().user?.rolle === "admin";
