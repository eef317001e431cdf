import { key, str } from "../define";

/** Keys of the geocoding service. */
export const geocoding = {
  placeholderRemoveMe: key(
    "GEOCODING_UNUSED",
    str(""),
    "Remove when the first real key of this section is added",
  ),
};
