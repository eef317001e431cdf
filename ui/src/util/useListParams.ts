import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";

/** List state (page, size, sort, filters) lives in the URL, so back and reload keep it. */
export function useListParams(defaults: Record<string, string>) {
  const [params, setParams] = useSearchParams();
  // `set` may be called from an older render (the debounced search's effect): it must build on the URL as it is
  // now, or it would undo a sort chosen in between.
  const latest = useRef(params);
  latest.current = params;
  const get = (k: string) => params.get(k) ?? defaults[k] ?? "";
  const set = (changes: Record<string, string | number | null>, resetPage = true) => {
    const next = new URLSearchParams(latest.current);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === "" || String(v) === defaults[k]) next.delete(k);
      else next.set(k, String(v));
    }
    if (resetPage && !("page" in changes)) next.delete("page");
    latest.current = next;
    setParams(next, { replace: true });
  };
  return { get, set, page: Number(get("page") || 1), limit: Number(get("limit") || 20) };
}

/** A text filter typed into a field: shown at once, written into the URL (page reset) 300 ms after typing stops. */
export function useDebouncedParam(lp: ReturnType<typeof useListParams>, key: string) {
  const [value, setValue] = useState(lp.get(key));
  const [debounced] = useDebouncedValue(value, 300);
  useEffect(() => {
    if (debounced !== lp.get(key)) lp.set({ [key]: debounced });
  }, [debounced]);
  return [value, setValue] as const;
}
