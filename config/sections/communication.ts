import { int, key, optionalStr, str, url } from "../define";

/** Keys of the communication service. */
export const communication = {
  smtpUrl: key(
    "SMTP_URL",
    url(null, ["smtp", "smtps"]),
    "SMTP server (smtp://user:pass@host:587, smtps:// for TLS); unset = local mail sink under DATA_DIR/mail",
  ),
  mailSinkDir: key("MAIL_SINK_DIR", optionalStr(), "Folder of the local mail sink (default DATA_DIR/mail)"),
  queueIntervalMs: key(
    "EMAIL_QUEUE_INTERVAL_MS",
    int(5000, 20, 600000),
    "How often the e-mail queue is worked",
  ),
  queueBatchSize: key("EMAIL_QUEUE_BATCH_SIZE", int(10, 1, 1000), "E-mails taken per queue run and node"),
  retryBaseSeconds: key(
    "EMAIL_RETRY_BASE_SECONDS",
    int(30, 0, 3600),
    "Wait before the first retry of a failed send (doubles each time)",
  ),
  maxRetries: key(
    "EMAIL_MAX_RETRIES",
    int(5, 0, 50),
    "Failed sends before an e-mail is marked Fehlgeschlagen",
  ),
  sendingLeaseSeconds: key(
    "EMAIL_SENDING_LEASE_SECONDS",
    int(120, 5, 3600),
    "After this long in Wird_gesendet (a crashed sender) an e-mail is sent again with the same Message-ID",
  ),
  inquiryEmailMinDays: key(
    "INQUIRY_EMAIL_MIN_DAYS",
    int(7, 0, 60),
    "At most one inquiry e-mail per therapist in this many days",
  ),
  defaultPhoneCallTime: key(
    "DEFAULT_PHONE_CALL_TIME",
    str("12:00"),
    "Call time when a therapist's phone hours are unknown",
  ),
  answerLinkDays: key(
    "ANSWER_LINK_DAYS",
    int(30, 1, 365),
    "Validity of the one-click answer links in e-mails",
  ),
  messageIdDomain: key(
    "MESSAGE_ID_DOMAIN",
    str("therapieplatz.local"),
    "Domain part of generated Message-IDs",
  ),
};
