import { key, str } from "../define";

/** Keys of the scraper service. */
export const scraper = {
  placeholderRemoveMe: key(
    "SCRAPER_UNUSED",
    str(""),
    "Remove when the first real key of this section is added",
  ),
};
