import type { Section } from "../define";

/** Keys of the geocoding service (none yet: it runs on the core keys). */
export const geocoding: Section = {};
