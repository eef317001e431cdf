/** Pagination of domain.md 4.1 with decisions.md 26: page default 1 (<1 -> 1), limit default 20 clamped to 1..1000. */
export interface Page {
  page: number;
  limit: number;
  offset: number;
}

export const MAX_LIMIT = 1000;
/** Beyond this a page is empty anyway; keeps the offset a safe integer for the database. */
export const MAX_PAGE = 1_000_000;

function toInt(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

export function parsePagination(params: { page?: unknown; limit?: unknown }, maxLimit = MAX_LIMIT): Page {
  const page = Math.min(MAX_PAGE, Math.max(1, toInt(params.page) ?? 1));
  const limit = Math.min(maxLimit, Math.max(1, toInt(params.limit) ?? 20));
  return { page, limit, offset: (page - 1) * limit };
}

export interface Paginated<T> {
  data: T[];
  page: number;
  limit: number;
  total: number;
}

export const paginated = <T>(data: T[], total: number, p: Page): Paginated<T> => ({
  data,
  page: p.page,
  limit: p.limit,
  total,
});
