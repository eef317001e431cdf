import { key, str } from "../define";

/** Keys of the therapist service. */
export const therapist = {
  placeholderRemoveMe: key(
    "THERAPIST_UNUSED",
    str(""),
    "Remove when the first real key of this section is added",
  ),
};
