/** What happens to an e-mail after a failed send (domain.md 3.20: retry count, failure text kept). */
export interface RetryDecision {
  status: "In_Warteschlange" | "Fehlgeschlagen";
  /** Seconds until the next attempt; null when no further attempt is made. */
  retryInSeconds: number | null;
}

export interface SendFailure {
  /** SMTP reply code when the server answered (nodemailer `responseCode`). */
  responseCode?: number;
  /** Problems of the e-mail itself (missing attachment) are permanent, whatever the server says. */
  permanent?: boolean;
}

const MAX_BACKOFF_SECONDS = 3600;

/** 5xx replies (unknown mailbox, rejected content) will not change on retry; 4xx and network errors may. */
export const isPermanent = (f: SendFailure) =>
  f.permanent === true ||
  (typeof f.responseCode === "number" && f.responseCode >= 500 && f.responseCode < 600);

/**
 * `attempts` is the number of failed attempts including this one. Waits double from `baseSeconds`
 * (capped at an hour); after `maxRetries` retries, or on a permanent failure, the e-mail is Fehlgeschlagen.
 */
export function afterFailure(
  attempts: number,
  failure: SendFailure,
  rules: { maxRetries: number; baseSeconds: number },
): RetryDecision {
  if (isPermanent(failure) || attempts > rules.maxRetries)
    return { status: "Fehlgeschlagen", retryInSeconds: null };
  return {
    status: "In_Warteschlange",
    retryInSeconds: Math.min(rules.baseSeconds * 2 ** (attempts - 1), MAX_BACKOFF_SECONDS),
  };
}
