import { Table, UnstyledButton, Group, Text } from "@mantine/core";

/** A column header that sorts on the server; `aria-sort` tells screen readers the current order. */
export function SortableTh({
  field,
  label,
  sort,
  onSort,
}: {
  field: string;
  label: string;
  sort: string;
  onSort(sort: string): void;
}) {
  const active = sort === field || sort === `-${field}`;
  const desc = sort === `-${field}`;
  return (
    <Table.Th aria-sort={active ? (desc ? "descending" : "ascending") : "none"}>
      <UnstyledButton onClick={() => onSort(active && !desc ? `-${field}` : field)}>
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Text size="xs" aria-hidden>
            {active ? (desc ? "▼" : "▲") : "↕"}
          </Text>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
