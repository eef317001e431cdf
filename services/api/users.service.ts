import type { Context, ServiceSchema } from "moleculer";
import { audit } from "../../mixins/audit";
import { SqlMixin } from "../../mixins/db.mixin";
import { badRequest, conflict, notFound } from "../../mixins/errors";
import { paginated, parsePagination } from "../../mixins/pagination";
import { parseId, parseParams } from "../../mixins/params";
import { CreateUserParams, UpdateUserParams, type AuthUser } from "./contracts";
import { hashPassword } from "./domain/passwords";
import { userChangeEntries } from "./domain/user-audit";
import { UsersRepository, toPublicUser } from "./persistence/users-repository";

type Ctx<P = Record<string, unknown>> = Context<P, { user: AuthUser; $statusCode?: number }>;

/** User management for admins (api.md 2). The platform always keeps at least one active admin. */
const UsersService: ServiceSchema = {
  name: "users",
  mixins: [SqlMixin("platform")],
  settings: { rest: "/" },

  actions: {
    list: {
      rest: "GET /users",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const p = parsePagination(ctx.params);
        const { rows, total } = await this.repo.list(p.limit, p.offset);
        return paginated(rows.map(toPublicUser), total, p);
      },
    },
    get: {
      rest: "GET /users/:id",
      auth: "admin",
      async handler(this: any, ctx: Ctx<{ id: string }>) {
        return toPublicUser(await this.load(ctx.params.id));
      },
    },
    create: {
      rest: "POST /users",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(CreateUserParams, ctx.params);
        if (await this.repo.byEmail(p.email))
          throw conflict("A user with this email already exists", "USER_EXISTS");
        const passwordHash = await hashPassword(p.password);
        const row = await this.db.transaction(async (t: any) => {
          const created = await this.repo.insert(
            { email: p.email, rolle: p.rolle, password_hash: passwordHash },
            t,
          );
          const details = { email: created.email, rolle: created.rolle };
          await audit(ctx, this.db, { action: "create", entity: "user", entity_id: created.id, details }, t);
          return created;
        });
        ctx.meta.$statusCode = 201;
        return toPublicUser(row);
      },
    },
    update: {
      rest: "PUT /users/:id",
      auth: "admin",
      async handler(this: any, ctx: Ctx) {
        const p = parseParams(UpdateUserParams, ctx.params);
        const user = await this.load(p.id);
        const fields: Record<string, unknown> = {};
        if (p.email !== undefined && p.email.toLowerCase() !== user.email.toLowerCase()) {
          if (await this.repo.byEmail(p.email))
            throw conflict("A user with this email already exists", "USER_EXISTS");
          fields.email = p.email;
        }
        if (p.rolle !== undefined) fields.rolle = p.rolle;
        if (p.aktiv !== undefined) fields.aktiv = p.aktiv;
        if (p.password !== undefined) fields.password_hash = await hashPassword(p.password);
        const updated = await this.db.transaction(async (t: any) => {
          await this.db.query("SELECT pg_advisory_xact_lock(727275)", { transaction: t });
          const row = await this.repo.update(user.id, fields, t);
          if ((await this.repo.countActiveAdmins(t)) === 0)
            throw badRequest("The last active admin cannot be demoted or deactivated", {}, "LAST_ADMIN");
          if (fields.password_hash || fields.aktiv === false) await this.repo.deleteSessionsOf(user.id, t);
          for (const e of userChangeEntries(user, fields))
            await audit(ctx, this.db, { ...e, entity: "user", entity_id: user.id }, t);
          return row;
        });
        return toPublicUser(updated);
      },
    },
    remove: {
      rest: "DELETE /users/:id",
      auth: "admin",
      async handler(this: any, ctx: Ctx<{ id: string }>) {
        const user = await this.load(ctx.params.id);
        if (user.id === ctx.meta.user.id)
          throw badRequest("You cannot delete your own account", {}, "SELF_DELETE");
        await this.db.transaction(async (t: any) => {
          await this.db.query("SELECT pg_advisory_xact_lock(727275)", { transaction: t });
          await this.repo.remove(user.id, t);
          const details = { email: user.email, rolle: user.rolle };
          await audit(ctx, this.db, { action: "delete", entity: "user", entity_id: user.id, details }, t);
          if ((await this.repo.countActiveAdmins(t)) === 0)
            throw badRequest("The last active admin cannot be deleted", {}, "LAST_ADMIN");
        });
        return { message: "User deleted successfully" };
      },
    },
  },

  methods: {
    async load(this: any, rawId: unknown) {
      const id = parseId(rawId);
      const user = id ? await this.repo.byId(id) : null;
      if (!user) throw notFound("User not found");
      return user;
    },
  },

  started() {
    this.repo = new UsersRepository(this.db);
  },
};

export default UsersService;
