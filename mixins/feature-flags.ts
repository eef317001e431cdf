import type { ServiceBroker, ServiceSchema } from "moleculer";
import { QueryTypes, type Sequelize } from "sequelize";
import { flagOnForSystem, type FeatureFlag } from "../services/api/domain/feature-flags";

/** Broadcast by the flag service after a change; every node that reads flags drops its cache. */
export const FLAGS_CHANGED_EVENT = "featureFlags.changed";

interface NodeCache {
  flags: Promise<Map<string, FeatureFlag>> | null;
  loadedAt: number;
}

// One cache per broker (= node), shared by every service of the node that mixes this in.
const caches = new WeakMap<ServiceBroker, NodeCache>();
function cacheOf(broker: ServiceBroker): NodeCache {
  let c = caches.get(broker);
  if (!c) {
    c = { flags: null, loadedAt: 0 };
    caches.set(broker, c);
  }
  return c;
}

/** A load still running when the cache is cleared is dropped with it, so it cannot refill the cache with old rows. */
export function clearFlagCache(broker: ServiceBroker): void {
  cacheOf(broker).flags = null;
}

export async function loadFlags(db: Sequelize): Promise<Map<string, FeatureFlag>> {
  const rows: FeatureFlag[] = await db.query(
    `SELECT name, enabled, rollout_percentage, override_users, override_roles FROM platform.feature_flags`,
    { type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [r.name, r]));
}

/**
 * `this.featureFlags()` / `this.featureFlag(name)` for services of a node: all flags read in one query and kept
 * for FEATURE_FLAG_CACHE_SECONDS; the broadcast FLAGS_CHANGED_EVENT clears the cache on every node at once.
 * Needs `this.db` (SqlMixin or DbMixin) and `this.config`.
 */
export const FeatureFlagsMixin: Partial<ServiceSchema> = {
  methods: {
    async featureFlags(this: any): Promise<Map<string, FeatureFlag>> {
      const c = cacheOf(this.broker);
      const ttlMs = this.config.core.featureFlagCacheSeconds * 1000;
      if (c.flags && Date.now() - c.loadedAt < ttlMs) return c.flags;
      const loading = loadFlags(this.db);
      if (ttlMs > 0) {
        c.flags = loading;
        c.loadedAt = Date.now();
        // A failed read is not cached; the next call tries again.
        loading.catch(() => {
          if (c.flags === loading) c.flags = null;
        });
      }
      return loading;
    },
    async featureFlag(this: any, name: string): Promise<FeatureFlag | undefined> {
      return (await this.featureFlags()).get(name);
    },
    /** For scheduled work no user asked for: the flag's master switch (an unknown flag is off). */
    async featureFlagOnForSystem(this: any, name: string): Promise<boolean> {
      return flagOnForSystem((await this.featureFlags()).get(name));
    },
  },
  events: {
    [FLAGS_CHANGED_EVENT](this: any) {
      clearFlagCache(this.broker);
    },
  },
};
