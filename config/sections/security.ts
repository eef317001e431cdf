import { int, key, optionalStr, str } from "../define";

/** Login throttling and other security switches of the operator (docs/security.md). */
export const security = {
  nodeEnv: key(
    "NODE_ENV",
    str("development"),
    "production = go-live check at start: refuses placeholder identity, non-https PUBLIC_BASE_URL, unset ADMIN_PASSWORD and keys",
  ),
  auditChainSecret: key(
    "AUDIT_CHAIN_SECRET",
    optionalStr().refine((v) => v === null || v.length >= 16, { message: "needs 16 or more characters" }),
    "Secret keying the audit chain (16+ characters, never stored in the database); required with DATABASE_URL or TRANSPORTER; unset otherwise = generated in KEY_DIR",
    "",
  ),
  auditAnchorFile: key(
    "AUDIT_ANCHOR_FILE",
    optionalStr(),
    "File the signed head of the audit chain is appended to every minute and at shutdown (default KEY_DIR/audit-anchors.jsonl)",
  ),
  auditAnchorSeconds: key(
    "AUDIT_ANCHOR_SECONDS",
    int(60, 1, 86400),
    "How often the audit chain's head is anchored outside the database",
  ),
  keyDir: key(
    "KEY_DIR",
    optionalStr(),
    "Folder of the generated keys of the embedded default (mode 0700/0600; default: DATA_DIR followed by -keys, beside it)",
  ),
  loginFreeAttempts: key(
    "LOGIN_FREE_ATTEMPTS",
    int(5, 1, 1000),
    "Wrong passwords for one account from one address before each further try has to wait",
  ),
  loginAddressFreeAttempts: key(
    "LOGIN_ADDRESS_FREE_ATTEMPTS",
    int(20, 1, 100000),
    "Wrong passwords from one address (any account) before each further try has to wait",
  ),
  loginDelaySeconds: key(
    "LOGIN_DELAY_SECONDS",
    int(1, 1, 3600),
    "First wait once the free attempts are used up; it doubles with every further failure",
  ),
  loginMaxDelaySeconds: key(
    "LOGIN_MAX_DELAY_SECONDS",
    int(900, 1, 86400),
    "Longest wait between two login attempts of a throttled account or address",
  ),
  trustedProxies: key(
    "TRUSTED_PROXIES",
    str(""),
    "Comma-separated addresses of reverse proxies whose X-Forwarded-For names the client (login throttling, audit)",
  ),
};
