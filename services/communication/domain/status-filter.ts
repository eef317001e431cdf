import type { Emailstatus } from "../../shared/enums";

/**
 * The statuses a list filter `?status=<s>` matches. From the user's view an e-mail that a sender has
 * picked up (`Wird_gesendet`) is still queued: the queue takes a re-queued e-mail within milliseconds,
 * so `In_Warteschlange` alone would hide what staff have just queued. Every other status matches itself.
 */
export function statusesMatching(status: Emailstatus): Emailstatus[] {
  return status === "In_Warteschlange" ? ["In_Warteschlange", "Wird_gesendet"] : [status];
}
