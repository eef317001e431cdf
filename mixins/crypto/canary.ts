import * as crypto from "node:crypto";
import { QueryTypes, type Sequelize } from "sequelize";
import type { AppConfig } from "../../config";
import { decryptField, encryptField } from "./index";

const CANARY = "therapieplatz key canary";

export class KeyMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyMismatchError";
  }
}

/** The first writer of a check value wins; everyone (the first included) then reads what is stored. */
export async function firstValue(db: Sequelize, name: string, value: string | null): Promise<string | null> {
  if (value !== null)
    await db.query(
      `INSERT INTO platform.key_checks (name, value) VALUES (:name, :value) ON CONFLICT DO NOTHING`,
      {
        replacements: { name, value },
      },
    );
  const [row] = await db.query<{ value: string }>(
    `SELECT value FROM platform.key_checks WHERE name = :name`,
    {
      replacements: { name },
      type: QueryTypes.SELECT,
    },
  );
  return row?.value ?? null;
}

function decrypts(cfg: Pick<AppConfig, "keys">, stored: string): boolean {
  try {
    return decryptField(cfg, stored) === CANARY;
  } catch {
    return false;
  }
}

/**
 * Refuses a node whose keys differ from the first node's (issue 18): a node with another ENCRYPTION_KEY under
 * the same key id would write values the others cannot read, and fail every second read of theirs.
 */
export async function checkKeyCanary(db: Sequelize, cfg: Pick<AppConfig, "keys">): Promise<void> {
  for (const keyId of Object.keys(cfg.keys.byId)) {
    const mine = keyId === cfg.keys.current ? encryptField(cfg, CANARY) : null;
    const stored = await firstValue(db, `encryption:${keyId}`, mine);
    if (stored !== null && !decrypts(cfg, stored))
      throw new KeyMismatchError(
        `The encryption key with id '${keyId}' of this node differs from the one the platform's first node ` +
          `used (its canary in platform.key_checks does not decrypt): start every node with the same ` +
          `ENCRYPTION_KEY (and ENCRYPTION_OLD_KEYS) for key id '${keyId}'`,
      );
  }
  const secrets = [
    [
      "answer-link",
      "ANSWER_LINK_SECRET",
      cfg.keys.answerLinkSecret,
      "links signed by one node would be refused by another",
    ],
    ["audit-chain", "AUDIT_CHAIN_SECRET", cfg.keys.auditChainSecret, "its audit entries would not verify"],
  ] as const;
  for (const [name, env, secret, consequence] of secrets) {
    const check = crypto.createHmac("sha256", secret).update(CANARY).digest("hex");
    if ((await firstValue(db, name, check)) !== check)
      throw new KeyMismatchError(
        `${env} of this node differs from the one the platform's first node used (${consequence}): ` +
          `start every node with the same ${env}`,
      );
  }
}
