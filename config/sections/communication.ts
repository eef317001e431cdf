import { key, str } from "../define";

/** Keys of the communication service. */
export const communication = {
  placeholderRemoveMe: key(
    "COMMUNICATION_UNUSED",
    str(""),
    "Remove when the first real key of this section is added",
  ),
};
