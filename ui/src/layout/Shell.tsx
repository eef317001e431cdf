import { AppShell, Burger, Button, Group, NavLink, ScrollArea, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Suspense, type ReactNode } from "react";
import { NavLink as RouterLink, Outlet, useLocation } from "react-router";
import { useAuth } from "../auth/auth";
import { ROLLE_LABELS } from "../i18n/de";
import { Loading } from "../components/Status";
import { ADMIN_SCREEN_ITEMS } from "../routes/adminRoutes";

interface Item {
  to: string;
  label: string;
  admin?: boolean;
}

export const NAV_ITEMS: Item[] = [
  { to: "/", label: "Übersicht" },
  { to: "/patienten", label: "Patienten" },
  { to: "/platzsuchen", label: "Platzsuchen" },
  { to: "/auswahl", label: "Auswahl & Anfrage" },
  { to: "/anfragen", label: "Anfragen" },
  { to: "/buendel", label: "Bündel-Lauf" },
  { to: "/telefonate", label: "Telefonate" },
  { to: "/funktionsschalter", label: "Funktionsschalter", admin: true },
];

/** Frame of every logged-in screen: the menu exists only after login; admin entries only for admins. */
export function Shell({ children }: { children?: ReactNode }) {
  const { user, logout } = useAuth();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const visible = (i: Item) => !i.admin || user?.rolle === "admin";
  const items = [...NAV_ITEMS, ...ADMIN_SCREEN_ITEMS].filter(visible);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menü" />
            <Title order={1} size="h4">
              Therapieplatz-Vermittlung
            </Title>
          </Group>
          <Group gap="sm">
            <Text size="sm" c="dimmed">
              {user?.email} ({user ? ROLLE_LABELS[user.rolle] : ""})
            </Text>
            <Button variant="default" size="xs" onClick={logout}>
              Abmelden
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Hauptmenü">
        <ScrollArea>
          {items.map((i) => (
            <NavLink
              key={i.to}
              component={RouterLink}
              to={i.to}
              label={i.label}
              active={i.to === "/" ? location.pathname === "/" : location.pathname.startsWith(i.to)}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loading />}>{children ?? <Outlet />}</Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
