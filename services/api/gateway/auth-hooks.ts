import type { IncomingMessage } from "node:http";
import type { Context } from "moleculer";
import { LRUCache } from "lru-cache";
import { AppError, ErrorType } from "../../../mixins/errors";
import type { AuthUser } from "../contracts";
import { isActionAuth, roleAllows } from "../domain/roles";

type Req = IncomingMessage & { $action?: { name?: string; auth?: unknown } };

/** Resolves bearer tokens through the auth service; a short cache keeps the hot path free of DB round trips. */
export class TokenResolver {
  private readonly cache = new LRUCache<string, { user: AuthUser | null }>({ max: 5000, ttl: 10_000 });

  async resolve(ctx: Context, token: string): Promise<AuthUser | null> {
    const hit = this.cache.get(token);
    if (hit) return hit.user;
    const user = await ctx.call<AuthUser | null, { token: string }>("auth.resolveToken", { token });
    this.cache.set(token, { user });
    return user;
  }

  forget(token: string) {
    this.cache.delete(token);
  }
}

export const bearerToken = (req: IncomingMessage): string | null => {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : "";
};

/** Deny by default: an action without a declared role is not reachable; public actions need no login. */
export function authorizeRequest(user: AuthUser | null, req: Req): void {
  const required = req.$action?.auth;
  if (!isActionAuth(required)) {
    throw new AppError(403, ErrorType.FORBIDDEN, "This route is not published (no role declared)", {});
  }
  if (required === "public") return;
  if (!user) throw new AppError(401, ErrorType.UNAUTHORIZED, "Authentication required");
  if (!roleAllows(user.rolle, required))
    throw new AppError(403, ErrorType.FORBIDDEN, "Forbidden: requires role " + required);
}
