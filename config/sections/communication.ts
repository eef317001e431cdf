import { z } from "zod";
import { bool, int, key, optionalStr, str, url } from "../define";

const clockTime = (def: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === "" ? def : v))
    .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { message: "expected HH:MM" });

/** Keys of the communication service. */
export const communication = {
  smtpUrl: key(
    "SMTP_URL",
    url(null, ["smtp", "smtps"]),
    "SMTP server (smtp://user:pass@host:587, smtps:// for TLS); unset = local mail sink under DATA_DIR/mail",
  ),
  smtpPoolSize: key("SMTP_POOL_SIZE", int(5, 1, 50), "Parallel SMTP connections per node"),
  smtpTimeoutMs: key(
    "SMTP_TIMEOUT_MS",
    int(30000, 1000, 600000),
    "Connect/greeting/socket timeout of SMTP (kept below a third of EMAIL_SENDING_LEASE_SECONDS)",
  ),
  smtpTlsRejectUnauthorized: key(
    "SMTP_TLS_REJECT_UNAUTHORIZED",
    bool(true),
    "Refuse SMTP servers whose TLS certificate does not verify (false only for a self-signed test server)",
  ),
  mailSinkDir: key("MAIL_SINK_DIR", optionalStr(), "Folder of the local mail sink (default DATA_DIR/mail)"),
  mailSinkKeepDays: key(
    "MAIL_SINK_KEEP_DAYS",
    int(30, 0, 3650),
    "Days messages stay in the local mail sink (whole e-mails about patients; 0 = keep), deleted daily",
  ),
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
    clockTime("12:00"),
    "Call time when a therapist's phone hours are unknown",
  ),
  allowedSenders: key(
    "EMAIL_ALLOWED_SENDERS",
    z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .refine((l) => l.every((x) => /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/.test(x)), {
        message: "expected e-mail addresses separated by commas",
      }),
    "Sender addresses staff may put in absender_email (comma-separated); empty = only COMPANY_EMAIL",
  ),
  callPlanningHorizonDays: key(
    "CALL_PLANNING_HORIZON_DAYS",
    int(56, 1, 366),
    "How many days ahead a therapist call is searched for a free slot in the phone hours before giving up",
  ),
  answerLinkDays: key(
    "ANSWER_LINK_DAYS",
    int(30, 1, 365),
    "Validity of the one-click answer links in e-mails",
  ),
  answerLinkSecret: key(
    "ANSWER_LINK_SECRET",
    optionalStr().refine((v) => v === null || v.length >= 16, { message: "needs 16 or more characters" }),
    "Secret that signs the answer links (16+ characters); required with DATABASE_URL or TRANSPORTER; unset otherwise = generated in KEY_DIR",
    "",
  ),
  messageIdDomain: key(
    "MESSAGE_ID_DOMAIN",
    str("therapieplatz.local"),
    "Domain part of generated Message-IDs",
  ),
};
