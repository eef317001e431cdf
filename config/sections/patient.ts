import { key, str } from "../define";

/** Keys of the patient service. */
export const patient = {
  placeholderRemoveMe: key(
    "PATIENT_UNUSED",
    str(""),
    "Remove when the first real key of this section is added",
  ),
};
