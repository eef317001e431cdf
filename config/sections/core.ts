import { bool, int, key, oneOf, optionalStr, str, url } from "../define";

export const core = {
  port: key("PORT", int(3000, 0, 65535), "HTTP port of the gateway (0 = any free port)"),
  host: key("HOST", str("127.0.0.1"), "Address the gateway binds to (0.0.0.0 in a container)"),
  publicBaseUrl: key(
    "PUBLIC_BASE_URL",
    optionalStr(),
    "URL under which therapists reach the answer links (default http://HOST:PORT)",
  ),
  dataDir: key("DATA_DIR", str("./data"), "Folder for the embedded database, PDFs, mail sink and imports"),
  databaseUrl: key(
    "DATABASE_URL",
    url(null, ["postgres", "postgresql"]),
    "PostgreSQL URL; unset = embedded PostgreSQL under DATA_DIR",
  ),
  dbPoolMax: key("DB_POOL_MAX", int(10, 1, 200), "Connections per process in the database pool"),
  transporter: key(
    "TRANSPORTER",
    url(null, ["nats"]),
    "NATS URL that joins this node to a cluster; unset = single process",
  ),
  nodeId: key("NODE_ID", optionalStr(), "Moleculer node id (default: host name + pid)"),
  namespace: key("NAMESPACE", str("therapieplatz"), "Moleculer namespace; nodes of one platform share it"),
  logLevel: key(
    "LOG_LEVEL",
    oneOf(["fatal", "error", "warn", "info", "debug", "trace"], "info"),
    "Log level",
  ),
  logFormat: key("LOG_FORMAT", oneOf(["json", "text"], "text"), "Log line format (json for log shipping)"),
  adminEmail: key(
    "ADMIN_EMAIL",
    str("admin@localhost"),
    "E-mail of the bootstrap admin (created when no admin exists)",
  ),
  adminPassword: key(
    "ADMIN_PASSWORD",
    optionalStr(),
    "Password of the bootstrap admin (12+ characters, not a common one); unset = generated and printed once at first start",
  ),
  corsOrigins: key("CORS_ORIGINS", str(""), "Comma-separated origins allowed to call the API from a browser"),
  tokenTtlHours: key("AUTH_TOKEN_TTL_HOURS", int(12, 1, 24 * 30), "Lifetime of a login token"),
  encryptionKey: key(
    "ENCRYPTION_KEY",
    optionalStr(),
    "Key for field encryption (base64 of 32 bytes, or a passphrase of 16+ characters); required with DATABASE_URL or TRANSPORTER; unset otherwise = generated in KEY_DIR",
    "",
  ),
  encryptionKeyId: key(
    "ENCRYPTION_KEY_ID",
    str("k1"),
    "Id stored with every encrypted value (rotate by changing it)",
  ),
  encryptionOldKeys: key(
    "ENCRYPTION_OLD_KEYS",
    str(""),
    "Earlier keys still readable during rotation: id:key,id:key",
  ),
  requestTimeoutMs: key("REQUEST_TIMEOUT_MS", int(10000, 100, 600000), "Timeout of calls between services"),
  metricsEnabled: key("METRICS_ENABLED", bool(true), "Serve Prometheus metrics at /metrics"),
  timezone: key("TIMEZONE", str("Europe/Berlin"), "Time zone of the operator (dates like 'today')"),
  jobsEnabled: key("JOBS_ENABLED", bool(true), "Run scheduled jobs on this node"),
  jobPollMs: key("JOB_POLL_MS", int(5000, 50, 600000), "How often a node looks for due jobs"),
  testDatabaseAdminUrl: key(
    "TEST_DATABASE_ADMIN_URL",
    url("postgres://postgres@127.0.0.1:5432/postgres", ["postgres", "postgresql"]),
    "Server on which the test suite creates and drops throwaway databases",
  ),
  outboxPollMs: key("OUTBOX_POLL_MS", int(1000, 10, 60000), "How often undelivered events are looked for"),
  featureFlagCacheSeconds: key(
    "FEATURE_FLAG_CACHE_SECONDS",
    int(60, 0, 3600),
    "How long a node keeps feature flags cached; a change clears every node's cache at once, this only bounds a missed broadcast (0 = no cache)",
  ),
};
