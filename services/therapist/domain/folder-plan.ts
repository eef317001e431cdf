/** One snapshot file found in the import folder layout `<base>/<YYYYMMDD>/<PLZ>.json`. */
export interface FolderEntry {
  /** `urgent` = the sibling folder `<base>_urgent/`, processed first. */
  root: "urgent" | "regular";
  /** Name of the date folder, YYYYMMDD. */
  date: string;
  plz: string;
}

export const DATE_FOLDER = /^\d{8}$/;
export const PLZ_FILE = /^(\d{5})\.json$/i;

/**
 * Which files a folder run imports (domain.md 3.17, external-apis.md 1.8): per PLZ only the newest date folder,
 * the urgent folder first; a regular file is left out when the urgent folder already holds the same PLZ from
 * the same or a newer day (importing the older one afterwards would undo the urgent data). Order: urgent
 * before regular, then by PLZ, so a run is reproducible.
 */
export function planFolderImport<T extends FolderEntry>(entries: readonly T[]): T[] {
  const newest = new Map<string, T>();
  for (const e of entries) {
    const k = `${e.root}:${e.plz}`;
    const cur = newest.get(k);
    if (!cur || e.date > cur.date) newest.set(k, e);
  }
  const chosen = [...newest.values()].filter((e) => {
    if (e.root === "urgent") return true;
    const urgent = newest.get(`urgent:${e.plz}`);
    return !urgent || urgent.date < e.date;
  });
  return chosen.sort(
    (a, b) => (a.root === b.root ? 0 : a.root === "urgent" ? -1 : 1) || a.plz.localeCompare(b.plz),
  );
}
