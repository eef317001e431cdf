import type { ServiceBroker } from "moleculer";
import type { Sequelize } from "sequelize";
import type { AppConfig } from "../../config";
import { useAuditChainKey } from "../audit";
import { checkKeyCanary } from "../crypto/canary";
import { checkSharedFolders } from "./shared-folders";

const done = new WeakMap<ServiceBroker, Promise<void>>();

/**
 * Once per node, before its services work: says where the keys come from, refuses keys that differ from the
 * first node's (decryption canary), and warns about shared folders this node does not share.
 */
export function runStartupChecks(broker: ServiceBroker, db: Sequelize, cfg: AppConfig): Promise<void> {
  let p = done.get(broker);
  if (!p) {
    p = (async () => {
      broker.logger.info(cfg.keys.source);
      useAuditChainKey(db, cfg.keys.auditChainSecret);
      await checkKeyCanary(db, cfg);
      const local = broker.services.map((s) => s.name);
      for (const w of await checkSharedFolders(db, cfg, local)) broker.logger.warn(w);
    })();
    done.set(broker, p);
  }
  return p;
}
