import { Group, Pagination, Select, Text } from "@mantine/core";

export const PAGE_SIZES = ["20", "50", "100"];

/** Server-side paging: total count, page switcher and page size. */
export function Pager({
  page,
  limit,
  total,
  onPage,
  onLimit,
}: {
  page: number;
  limit: number;
  total: number;
  onPage(p: number): void;
  onLimit(l: number): void;
}) {
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <Group justify="space-between" mt="sm">
      <Text size="sm" c="dimmed">
        {total === 0
          ? "Keine Einträge"
          : `${(page - 1) * limit + 1}–${Math.min(total, page * limit)} von ${total}`}
      </Text>
      <Group>
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onPage}
          size="sm"
          aria-label="Seiten"
          getControlProps={(c) => ({
            "aria-label":
              c === "previous"
                ? "Vorherige Seite"
                : c === "next"
                  ? "Nächste Seite"
                  : c === "first"
                    ? "Erste Seite"
                    : "Letzte Seite",
          })}
        />
        <Select
          aria-label="Einträge pro Seite"
          data={PAGE_SIZES.map((v) => ({ value: v, label: `${v} pro Seite` }))}
          value={String(limit)}
          onChange={(v) => v && onLimit(Number(v))}
          w={140}
          size="xs"
          allowDeselect={false}
        />
      </Group>
    </Group>
  );
}
