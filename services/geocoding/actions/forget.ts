import type { Context, ServiceSchema } from "moleculer";
import { z } from "zod";
import { parseParams } from "../../../mixins/params";
import { addressText, coordinateKey, normalizeAddress, round6 } from "../domain/keys";

type Ctx = Context<Record<string, any>, any>;

const text = z.string().max(500).nullish();
export const ForgetParams = z.object({
  addresses: z
    .array(z.object({ strasse: text, plz: text, ort: text }))
    .max(100)
    .default([]),
  points: z
    .array(z.object({ latitude: z.number().finite(), longitude: z.number().finite() }))
    .max(100)
    .default([]),
});

/**
 * GDPR erasure (decisions.md 27): a person's addresses and street-level position must not survive in the
 * caches. Deletes the cached lookups of the addresses (as `locate` keyed them), the reverse lookups and road
 * distances of the points, and tells every node to drop them from memory.
 */
export const ForgetActions: Partial<ServiceSchema> = {
  actions: {
    forgetAddresses: {
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(ForgetParams, ctx.params);
        const queries = p.addresses.map((a) => normalizeAddress(addressText(a))).filter(Boolean);
        const points = p.points.map((x) => ({ lat: round6(x.latitude), lon: round6(x.longitude) }));
        const coordinateKeys = p.points.map((x) => coordinateKey(x.latitude, x.longitude));
        const deleted = await this.cache.forget(queries, coordinateKeys, points);
        await ctx.broadcast("geocoding.forgotten", { queries, coordinateKeys });
        return deleted;
      },
    },
  },

  events: {
    "geocoding.forgotten"(this: any, ctx: Ctx) {
      this.geocoder?.forget(ctx.params.queries ?? [], ctx.params.coordinateKeys ?? []);
    },
  },
};
