import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { useRef } from "react";
import { newIdempotencyKey } from "../api/client";
import { notifyError } from "./notify";

/**
 * A write the user triggers: one `Idempotency-Key` per submission (kept for a retry of the same submission,
 * renewed after an answer), a guard that ignores a second click while the request runs (`isPending` disables
 * the button), and the German error as a notification unless the screen shows it itself.
 */
export function useWrite<T, V = void>(
  fn: (vars: V, idempotencyKey: string) => Promise<T>,
  opts: Omit<UseMutationOptions<T, unknown, V>, "mutationFn"> & { quietErrors?: boolean } = {},
) {
  const key = useRef(newIdempotencyKey());
  const running = useRef(false);
  const { quietErrors, ...rest } = opts;
  const m = useMutation<T, unknown, V>({
    ...rest,
    mutationFn: async (vars: V) => {
      try {
        return await fn(vars, key.current);
      } finally {
        key.current = newIdempotencyKey();
        running.current = false;
      }
    },
    onError: (e, v, r, c) => {
      if (!quietErrors) notifyError(e);
      rest.onError?.(e, v, r, c);
    },
  });
  const run = (vars: V) => {
    if (running.current) return;
    running.current = true;
    m.mutate(vars);
  };
  return { ...m, run };
}
