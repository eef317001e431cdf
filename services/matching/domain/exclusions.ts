/** Exclusion list entries are plain ids (set via the API) or {id, excluded_at, reason} (set automatically). */
export type ExclusionEntry = number | { id: number; excluded_at?: string; reason?: string };

export function excludedIds(list: unknown): Set<number> {
  const out = new Set<number>();
  if (!Array.isArray(list)) return out;
  for (const e of list) {
    if (typeof e === "number") out.add(e);
    else if (e && typeof e === "object" && typeof (e as { id?: unknown }).id === "number")
      out.add((e as { id: number }).id);
  }
  return out;
}

/** Adds an automatic entry unless the therapist is already on the list (in either shape). */
export function withExclusion(
  list: ExclusionEntry[],
  therapistId: number,
  reason: string,
  at: Date,
): ExclusionEntry[] {
  if (excludedIds(list).has(therapistId)) return list;
  return [...list, { id: therapistId, excluded_at: at.toISOString(), reason }];
}
