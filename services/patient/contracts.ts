import { z } from "zod";
import { PATIENTENSTATUS } from "../shared/enums";
import type { Vorqualifikation } from "./domain/prequalification";

/** Param schemas of the internal actions other services call (docs/development.md) and the record they get. */
const id = (name: string) =>
  z.coerce
    .number({ message: `${name} is required` })
    .int({ message: `${name} must be a positive integer` })
    .positive({ message: `${name} must be a positive integer` });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Invalid date format. Use YYYY-MM-DD" });

export const GetManyParams = z.object({
  ids: z.array(z.coerce.number().int(), { message: "ids must be a list of patient ids" }).max(100_000),
  /** "matching": only the fields matching decides on, two decryptions per patient instead of seven. */
  profile: z.enum(["matching"]).optional(),
});

/** Name search for other services' lists (searches by patient name): ids only, at most `limit`. */
export const IdsByNameParams = z.object({
  search: z.string().trim().min(1, { message: "search is required" }).max(200),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});

export const SetStatusParams = z.object({
  id: id("id"),
  status: z.enum(PATIENTENSTATUS, {
    message: `Invalid status. Valid values: ${PATIENTENSTATUS.join(", ")}`,
  }),
});

export const TouchLastContactParams = z.object({ id: id("id"), date: isoDate.optional() });

/** A patient as the API and `patient.getMany` return it (domain.md 2.4 plus computed fields). */
export interface PatientRecord {
  id: number;
  anrede: string;
  geschlecht: string;
  vorname: string;
  nachname: string;
  status: string;
  zahlungsreferenz: string;
  symptome: string[];
  zeitliche_verfuegbarkeit: Record<string, string[]>;
  raeumliche_verfuegbarkeit: { max_km?: number };
  ausgeschlossene_therapeuten: number[];
  latitude: number | null;
  longitude: number | null;
  geo_source: "plz_centroids" | "nominatim" | null;
  standort_unbekannt: boolean;
  vorqualifikation: Vorqualifikation;
  [field: string]: unknown;
}
