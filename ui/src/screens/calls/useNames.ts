import { useQueries } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { TherapistSummary } from "../../api/matching";
import type { Patient } from "../../api/types";

/** Records by id for rows that carry only ids (calls, exclusion lists); each id is fetched once and cached. */
function useRecords<T>(kind: "therapist" | "patient", ids: (number | null | undefined)[]) {
  const unique = [...new Set(ids.filter((i): i is number => typeof i === "number" && i > 0))];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: [kind, id],
      queryFn: () => api.get<T>(kind === "therapist" ? `/therapists/${id}` : `/patients/${id}`),
      staleTime: 60_000,
    })),
  });
  const byId = new Map<number, T>();
  unique.forEach((id, i) => {
    const d = results[i]?.data;
    if (d) byId.set(id, d);
  });
  return byId;
}

export const useTherapists = (ids: (number | null | undefined)[]) =>
  useRecords<TherapistSummary>("therapist", ids);
export const usePatients = (ids: (number | null | undefined)[]) => useRecords<Patient>("patient", ids);
