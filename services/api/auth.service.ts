import * as crypto from "node:crypto";
import type { Context, ServiceSchema } from "moleculer";
import { SqlMixin } from "../../mixins/db.mixin";
import { AppError, ErrorType, unauthorized } from "../../mixins/errors";
import { parseParams } from "../../mixins/params";
import { LoginParams, type AuthUser } from "./contracts";
import { dummyHash, hashPassword, newToken, tokenHash, verifyPassword } from "./domain/passwords";
import { afterFailedLogin } from "./domain/roles";
import { UsersRepository } from "./persistence/users-repository";

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
      async handler(this: any, ctx: Context<unknown>) {
        const p = parseParams(LoginParams, ctx.params);
        const repo: UsersRepository = this.users;
        const user = await repo.byEmail(p.email.trim());
        if (!user || !user.aktiv) {
          await verifyPassword(p.password, await dummyHash());
          throw unauthorized(INVALID, "INVALID_CREDENTIALS");
        }
        const now = new Date();
        if (user.locked_until && user.locked_until > now) {
          const retryAfter = Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000);
          throw new AppError(429, ErrorType.ACCOUNT_LOCKED, "Too many failed logins. Try again later.", {
            retry_after_seconds: retryAfter,
          });
        }
        if (!(await verifyPassword(p.password, user.password_hash))) {
          const next = afterFailedLogin(user.failed_logins, now, {
            maxFailures: this.config.core.loginMaxFailures,
            lockSeconds: this.config.core.loginLockSeconds,
          });
          await repo.recordFailure(user.id, next.failed, next.lockedUntil);
          this.logger.warn("login failed", {
            userId: user.id,
            failed: next.failed,
            requestId: ctx.requestID,
          });
          throw unauthorized(INVALID, "INVALID_CREDENTIALS");
        }
        await repo.recordSuccess(user.id);
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
    await this.bootstrapAdmin();
  },
};

export default AuthService;
