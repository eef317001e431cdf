import type { Context, ServiceSchema } from "moleculer";
import { z } from "zod";
import { decryptJson, encryptJson } from "../../mixins/crypto";
import { SqlMixin } from "../../mixins/db.mixin";
import { parseParams } from "../../mixins/params";
import { JobsMixin } from "../../mixins/scheduler";
import { decideRepeat, hashIdempotencyKey, type StoredResponse } from "./domain/idempotency";
import { IdempotencyRepository } from "./persistence/idempotency-repository";

// A request holds its key this long before another may take it over (it died with its node). Above the longest
// action time-out (imports: 10 minutes), so a slow request is never run twice.
const LEASE_SECONDS = 15 * 60;

const KeyParams = z.object({ user_id: z.number().int().positive(), key: z.string().min(1).max(255) });
const ClaimParams = KeyParams.extend({ fingerprint: z.string().length(64) });
const CompleteParams = KeyParams.extend({
  response: z.object({
    status: z.number().int(),
    body: z.unknown(),
    responseType: z.string().optional(),
    location: z.string().optional(),
  }),
});

export type ClaimResult =
  | { outcome: "proceed" }
  | { outcome: "replay"; response: StoredResponse }
  | { outcome: "mismatch" }
  | { outcome: "wait" };

/**
 * Stored results of POST requests sent with an Idempotency-Key (issue 11), for the gateway (internal actions,
 * no route). Answers may hold health data: they are stored encrypted and purged when the key expires
 * (IDEMPOTENCY_KEY_HOURS, job `idempotency.purge`).
 */
const IdempotencyService: ServiceSchema = {
  name: "idempotency",
  mixins: [SqlMixin("platform"), JobsMixin],
  jobs: [{ name: "idempotency.purge", every: 3600, handler: "purgeExpired" }],

  actions: {
    claim: {
      async handler(this: any, ctx: Context): Promise<ClaimResult> {
        const p = parseParams(ClaimParams, ctx.params);
        const hash = hashIdempotencyKey(p.key);
        const hours = this.config.http.idempotencyKeyHours;
        if (await this.store().take(p.user_id, hash, p.fingerprint, hours, LEASE_SECONDS))
          return { outcome: "proceed" };
        const row = await this.store().find(p.user_id, hash);
        // Gone between the two statements (released or purged): the caller asks again.
        if (!row) return { outcome: "wait" };
        const decision = decideRepeat(row, p.fingerprint);
        if (decision !== "replay") return { outcome: decision };
        return { outcome: "replay", response: decryptJson<StoredResponse>(this.config, row.response)! };
      },
    },

    complete: {
      async handler(this: any, ctx: Context) {
        const p = parseParams(CompleteParams, ctx.params);
        const response = encryptJson(this.config, p.response)!;
        await this.store().complete(p.user_id, hashIdempotencyKey(p.key), p.response.status, response);
        return { ok: true };
      },
    },

    release: {
      async handler(this: any, ctx: Context) {
        const p = parseParams(KeyParams, ctx.params);
        await this.store().release(p.user_id, hashIdempotencyKey(p.key));
        return { ok: true };
      },
    },
  },

  methods: {
    store(this: any): IdempotencyRepository {
      return (this.repo ??= new IdempotencyRepository(this.db));
    },
    async purgeExpired(this: any) {
      return { deleted: await this.store().purgeExpired() };
    },
  },
};

export default IdempotencyService;
