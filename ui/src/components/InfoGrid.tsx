import { SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

/** Read-only label/value pairs of a record. */
export function InfoGrid({ items, cols = 4 }: { items: [string, ReactNode][]; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: cols }} spacing="sm" component="dl" m={0}>
      {items.map(([label, value]) => (
        <Stack key={label} gap={0}>
          <Text size="xs" c="dimmed" component="dt">
            {label}
          </Text>
          <Text size="sm" component="dd" m={0}>
            {value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
