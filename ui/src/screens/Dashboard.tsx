import { Button, Group, Paper, SimpleGrid, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../api/client";
import type { Paginated } from "../api/types";
import { useTitle } from "../util/useTitle";
import { DashboardWork } from "./DashboardWork";

function Count({
  label,
  path,
  query,
  to,
}: {
  label: string;
  path: string;
  query: Record<string, string>;
  to: string;
}) {
  const q = useQuery({
    queryKey: ["count", path, query],
    queryFn: () => api.get<Paginated<unknown>>(path, { ...query, limit: 1 }),
  });
  return (
    <Paper withBorder p="md" component={Link} to={to} style={{ textDecoration: "none", color: "inherit" }}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700}>
        {q.isSuccess ? q.data.total : q.isError ? "?" : "…"}
      </Text>
    </Paper>
  );
}

export default function Dashboard() {
  useTitle("Übersicht");
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={2}>Übersicht</Title>
        <Button component={Link} to="/patienten/neu">
          Neuer Patient
        </Button>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Count
          label="Patienten offen"
          path="/patients"
          query={{ status: "offen" }}
          to="/patienten?status=offen"
        />
        <Count
          label="Patienten auf der Suche"
          path="/patients"
          query={{ status: "auf_der_Suche" }}
          to="/patienten?status=auf_der_Suche"
        />
        <Count
          label="Patienten in Therapie"
          path="/patients"
          query={{ status: "in_Therapie" }}
          to="/patienten?status=in_Therapie"
        />
      </SimpleGrid>
      <DashboardWork />
    </>
  );
}
