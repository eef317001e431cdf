import type { Section } from "../define";

/** Keys of the patient service (none yet: it runs on the core keys). */
export const patient: Section = {};
