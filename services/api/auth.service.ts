import * as crypto from "node:crypto";
import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../mixins/audit";
import { SqlMixin } from "../../mixins/db.mixin";
import { AppError, ErrorType, unauthorized } from "../../mixins/errors";
import { parseParams } from "../../mixins/params";
import { LoginParams, type AuthUser } from "./contracts";
import { dummyHash, hashPassword, newToken, tokenHash, verifyPassword } from "./domain/passwords";
import { afterFailure, waitSeconds } from "./domain/login-throttle";
import { UsersRepository } from "./persistence/users-repository";
import { ThrottleRepository, throttleKeys } from "./persistence/throttle-repository";

const INVALID = "Invalid email or password";

/** Login, bearer tokens and the bootstrap admin. */
const AuthService: ServiceSchema = {
  name: "auth",
  mixins: [SqlMixin("platform")],
  settings: { rest: "/" },

  actions: {
    login: {
      rest: "POST /auth/login",
      auth: "public",
      async handler(this: any, ctx: Context<unknown, { clientAddress?: string }>) {
        const p = parseParams(LoginParams, ctx.params);
        const email = p.email.trim();
        const address = ctx.meta.clientAddress ?? "internal";
        const now = new Date();
        const wait: number = await this.admitAttempt(throttleKeys(email, address), now);
        if (wait > 0) {
          this.logger.warn("login throttled", { address, retryAfter: wait, requestId: ctx.requestID });
          throw new AppError(429, ErrorType.LOGIN_THROTTLED, "Too many failed logins. Try again later.", {
            retry_after_seconds: wait,
          });
        }
        const repo: UsersRepository = this.users;
        const user = await repo.byEmail(email);
        // Unknown and inactive accounts cost the same hash as a real check: the timing tells nothing.
        let ok = false;
        if (user && user.aktiv) ok = await verifyPassword(p.password, user.password_hash);
        else await verifyPassword(p.password, await dummyHash());
        const details = { email, address };
        if (!ok || !user) {
          await audit(ctx, this.db, { action: "login_failed", entity: "user", entity_id: user?.id, details });
          throw unauthorized(INVALID, "INVALID_CREDENTIALS");
        }
        await this.throttle.succeeded(throttleKeys(email, address));
        await repo.recordSuccess(user.id);
        await audit(ctx, this.db, { action: "login", entity: "user", entity_id: user.id, details });
        const token = newToken();
        const expires = new Date(now.getTime() + this.config.core.tokenTtlHours * 3600_000);
        await repo.createSession(tokenHash(token), user.id, expires);
        return {
          token,
          expires_at: expires.toISOString(),
          user: { id: user.id, email: user.email, rolle: user.rolle },
        };
      },
    },

    logout: {
      rest: "POST /auth/logout",
      auth: "staff",
      async handler(this: any, ctx: Context<unknown, { token?: string }>) {
        if (ctx.meta.token) await this.users.deleteSession(tokenHash(ctx.meta.token));
        return { message: "Logged out" };
      },
    },

    me: {
      rest: "GET /auth/me",
      auth: "staff",
      handler(ctx: Context<unknown, { user: AuthUser }>) {
        return ctx.meta.user;
      },
    },

    /** Internal: the user behind a bearer token, or null. */
    resolveToken: {
      visibility: "public",
      async handler(this: any, ctx: Context<{ token: string }>): Promise<AuthUser | null> {
        const u = await this.users.sessionUser(tokenHash(String(ctx.params.token ?? "")));
        return u ? { id: u.id, email: u.email, rolle: u.rolle } : null;
      },
    },
  },

  methods: {
    /**
     * Counts the attempt as a failure before the password is checked (a success takes it back), so parallel
     * guesses cannot slip past the throttle. Returns the seconds to wait, 0 when the attempt may go ahead.
     */
    async admitAttempt(this: any, keys: { address: string; pair: string }, now: Date): Promise<number> {
      const s = this.config.security;
      const pairRules = {
        freeAttempts: s.loginFreeAttempts,
        delaySeconds: s.loginDelaySeconds,
        maxDelaySeconds: s.loginMaxDelaySeconds,
      };
      const addressRules = { ...pairRules, freeAttempts: s.loginAddressFreeAttempts };
      const repo: ThrottleRepository = this.throttle;
      return this.db.transaction(async (t: any) => {
        const states = await repo.lock([keys.address, keys.pair], t);
        const wait = waitSeconds([...states.values()], now);
        if (wait > 0) return wait;
        await repo.save(keys.pair, afterFailure(states.get(keys.pair) ?? null, now, pairRules), t);
        await repo.save(keys.address, afterFailure(states.get(keys.address) ?? null, now, addressRules), t);
        await repo.forgetOld(now, t);
        return 0;
      });
    },

    /** Creates the configured admin when the platform has none (first start); several nodes agree via a lock. */
    async bootstrapAdmin(this: any) {
      await this.db.transaction(async (t: any) => {
        await this.db.query("SELECT pg_advisory_xact_lock(727275)", { transaction: t });
        if ((await this.users.countActiveAdmins(t)) > 0) return;
        const cfg = this.config.core;
        const password = cfg.adminPassword ?? crypto.randomBytes(12).toString("base64url");
        const existing = await this.users.byEmail(cfg.adminEmail);
        if (existing) {
          await this.users.update(
            existing.id,
            { rolle: "admin", aktiv: true, password_hash: await hashPassword(password) },
            t,
          );
        } else {
          await this.users.insert(
            { email: cfg.adminEmail, password_hash: await hashPassword(password), rolle: "admin" },
            t,
          );
        }
        this.bootstrapCredentials = { email: cfg.adminEmail, password, generated: !cfg.adminPassword };
        if (!cfg.adminPassword) {
          this.logger.warn(
            `Created admin ${cfg.adminEmail} with generated password: ${password} (change it)`,
          );
        } else {
          this.logger.info(`Created admin ${cfg.adminEmail} from ADMIN_EMAIL/ADMIN_PASSWORD`);
        }
      });
    },
  },

  created() {
    this.bootstrapCredentials = null;
  },

  async started() {
    this.users = new UsersRepository(this.db);
    this.throttle = new ThrottleRepository(this.db);
    await this.bootstrapAdmin();
  },
};

export default AuthService;
