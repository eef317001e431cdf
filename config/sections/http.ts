import { int, key } from "../define";

/** Keys of the HTTP gateway's request handling (issue 11: no request may take the platform down). */
export const http = {
  multipartMaxFields: key(
    "MULTIPART_MAX_FIELDS",
    int(20, 1, 1000),
    "Most form fields (besides the file) a multipart upload may carry; more is refused with 413",
  ),
  multipartMaxFieldBytes: key(
    "MULTIPART_MAX_FIELD_BYTES",
    int(64 * 1024, 1024, 16 * 1024 * 1024),
    "Largest single form field of a multipart upload; larger is refused with 413",
  ),
};
