import type { Section } from "../define";

/** Keys of the scraper service (none yet: it runs on the core keys). */
export const scraper: Section = {};
