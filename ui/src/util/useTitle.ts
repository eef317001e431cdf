import { useEffect } from "react";

/** Every screen names itself in the browser tab (and for screen readers). */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Therapieplatz-Vermittlung`;
  }, [title]);
}
