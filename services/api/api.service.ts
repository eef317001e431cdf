import * as fs from "node:fs";
import * as path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Context, ServiceSchema } from "moleculer";
import ApiGateway from "moleculer-web";
import { brokerConfig } from "../../mixins/config.mixin";
import { AppError, ErrorType } from "../../mixins/errors";
import { authorizeRequest, bearerToken, TokenResolver } from "./gateway/auth-hooks";
import { clientAddress, parseTrustedProxies } from "./gateway/client-address";
import { shutdownGuard } from "./gateway/shutdown-guard";
import { guardParams } from "./gateway/param-guard";
import { toErrorResponse } from "./gateway/error-response";
import { setSecurityHeaders } from "./gateway/security-headers";
import { redactPath } from "./gateway/access-log";
import { opsAddressAllowed } from "./gateway/ops-access";
import { claimIdempotencyKey, idempotencyKeyOf, storableResponse } from "./gateway/idempotency";
import { parseCidrList } from "../../config/cidr";
import { observeRequest } from "../../mixins/metrics";

type Req = IncomingMessage & {
  $action?: any;
  $alias?: any;
  $startedAt?: bigint;
  $accessTracked?: boolean;
  $endpoint?: any;
  $idempotency?: { userId: number; key: string; done?: boolean };
  $ctx?: Context;
  originalUrl?: string;
};

// moleculer-web's own implementation, wrapped by the service's callAction below.
const gatewayCallAction = (
  ApiGateway as unknown as { methods: { callAction: (...a: unknown[]) => Promise<unknown> } }
).methods.callAction;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const PARSED_TYPES = /^(application\/json|application\/x-www-form-urlencoded)\b/i;

/** The only HTTP entry: routes come from the `rest` + `auth` declarations of every service's actions. */
const ApiService: ServiceSchema = {
  name: "api",
  mixins: [ApiGateway as unknown as Partial<ServiceSchema>],

  settings: {
    port: 3000,
    ip: "127.0.0.1",
    routes: [],
    log4XXResponses: false,
    // moleculer-web's own request lines would show full paths (answer-link tokens): logAccess replaces them.
    logRequest: null,
    logResponse: null,
    logRequestParams: null,
    logResponseData: null,
    optimizeOrder: true,
    debounceTime: 100,
  },

  // moleculer-web's own alias listing would publish the route table; not for clients.
  actions: { listAliases: false },

  events: {
    // Local services are all known now: publish their routes at once instead of after the debounce.
    "$broker.started"(this: any) {
      for (const route of this.routes ?? []) if (route.opts?.autoAliases) this.regenerateAutoAliases(route);
    },
  },

  merged(this: any, schema: ServiceSchema) {
    const cfg = brokerConfig(this.broker);
    const origins = cfg.core.corsOrigins
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const cors = origins.length
      ? {
          origin: origins,
          methods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
          credentials: false,
          maxAge: 3600,
        }
      : undefined;
    const common = {
      authentication: true,
      authorization: true,
      mappingPolicy: "restrict",
      cors,
      // No route-wide timeout: REQUEST_TIMEOUT_MS applies unless an action declares a longer `timeout`.
      use: [shutdownGuard(() => this.broker.stopping)],
      // moleculer-web calls these with the service, or with the alias for multipart uploads.
      onBeforeCall(this: any, ...args: unknown[]) {
        return (this.beforeCall ? this : this.service).beforeCall(...args);
      },
      onAfterCall(this: any, ...args: unknown[]) {
        return (this.afterCall ? this : this.service).afterCall(...args);
      },
    };
    // The staff app is built by Vite into ui/dist (`npm start` builds it when missing or stale, see scripts/ui-build.ts).
    const uiDir = path.resolve(process.cwd(), "ui", "dist");
    schema.settings = {
      ...schema.settings,
      port: cfg.core.port,
      ip: cfg.core.host,
      assets: fs.existsSync(uiDir) ? { folder: uiDir } : undefined,
      // moleculer-web calls this first for every request, before routes, static files and 404s: the one place
      // where the security headers reach every answer.
      rootCallOptions(_options: unknown, req: Req, res: ServerResponse) {
        req.$startedAt = process.hrtime.bigint();
        setSecurityHeaders(req, res);
      },
      routes: [
        {
          ...common,
          name: "api",
          path: "/api",
          autoAliases: true,
          bodyParsers: {
            json: { limit: "1mb", strict: false },
            urlencoded: { extended: true, limit: "1mb" },
          },
        },
        {
          ...common,
          name: "ops",
          path: "/",
          aliases: {
            "GET /health": "ops.health",
            "GET /health/liveness": "ops.liveness",
            "GET /health/readiness": "ops.readiness",
            "GET /health/status": "ops.status",
            "GET /metrics": "ops.metrics",
          },
        },
      ],
    };
  },

  methods: {
    async authenticate(this: any, ctx: Context<unknown, any>, _route: unknown, req: Req) {
      const token = bearerToken(req);
      if (token === null) return null;
      const user = token ? await this.tokens.resolve(ctx, token) : null;
      if (user) {
        ctx.meta.token = token;
        return user;
      }
      if (req.$action?.auth === "public") return null;
      throw new AppError(401, "INVALID_TOKEN", "Invalid or expired token");
    },

    authorize(this: any, ctx: Context<unknown, any>, _route: unknown, req: Req) {
      // Operations figures (`opsAllowList` actions) also open to the configured scraper addresses without a token.
      const byAddress =
        !ctx.meta.user &&
        req.$action?.opsAllowList === true &&
        opsAddressAllowed(req, this.opsAllowList, this.trustedProxies);
      if (!byAddress) authorizeRequest(ctx.meta.user ?? null, req);
      guardParams(req);
      // Content types are checked after the role so an anonymous caller learns nothing but 401.
      const type = req.$alias?.type;
      if (type === "multipart" && !/^multipart\/form-data/i.test(String(req.headers["content-type"] ?? ""))) {
        throw new AppError(
          415,
          ErrorType.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported content type: send multipart/form-data with a 'file' field",
        );
      }
      const hasBody =
        Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
      if (BODY_METHODS.has(req.method ?? "") && hasBody && type !== "multipart" && type !== "stream") {
        if (!PARSED_TYPES.test(String(req.headers["content-type"] ?? ""))) {
          throw new AppError(
            415,
            ErrorType.UNSUPPORTED_MEDIA_TYPE,
            "Unsupported content type: send application/json",
          );
        }
      }
    },

    beforeCall(this: any, ctx: Context<unknown, any>, _route: unknown, req: Req, res: ServerResponse) {
      req.$ctx = ctx;
      this.trackAccess(req, res);
      ctx.meta.clientAddress = clientAddress(req, this.trustedProxies);
      // A stream alias reads the body itself (JSON arrives parsed, anything else raw): it needs the type.
      if (req.$alias?.type === "stream") ctx.meta.$contentType = String(req.headers["content-type"] ?? "");
      res.setHeader("X-Request-Id", ctx.requestID ?? "");
    },

    async afterCall(
      this: any,
      ctx: Context<unknown, any>,
      _route: unknown,
      req: Req,
      _res: ServerResponse,
      data: unknown,
    ) {
      if (req.$action?.name === "auth.logout" && ctx.meta.token) this.tokens.forget(ctx.meta.token);
      if (req.$idempotency) await this.finishIdempotency(ctx, req, data);
      return data;
    },

    /**
     * moleculer-web's callAction, with Idempotency-Key (issue 11): a repeated POST answers the first result
     * without calling the action; a failed call frees the key again (nothing was created).
     */
    async callAction(
      this: any,
      route: unknown,
      actionName: string,
      req: Req,
      res: ServerResponse,
      params: unknown,
      isStream: boolean,
    ) {
      const ctx = req.$ctx as Context<unknown, any>;
      const key = idempotencyKeyOf(req, ctx.meta.user);
      if (key !== null) {
        const claim = await claimIdempotencyKey(ctx, req, ctx.meta.user.id, key, params);
        if (!claim.proceed) {
          const r = claim.response;
          ctx.meta.$statusCode = r.status;
          if (r.responseType) ctx.meta.$responseType = r.responseType;
          if (r.location) ctx.meta.$location = r.location;
          res.setHeader("Idempotent-Replayed", "true");
          this.sendResponse(req, res, r.body, req.$endpoint?.action);
          return true;
        }
        req.$idempotency = { userId: ctx.meta.user.id, key };
      }
      try {
        return await gatewayCallAction.call(this, route, actionName, req, res, params, isStream);
      } catch (e) {
        if (req.$idempotency && !req.$idempotency.done) await this.releaseIdempotency(ctx, req);
        throw e;
      }
    },

    async finishIdempotency(this: any, ctx: Context<unknown, any>, req: Req, data: unknown) {
      const claim = req.$idempotency!;
      claim.done = true;
      const response = storableResponse(ctx, data);
      if (!response) return this.releaseIdempotency(ctx, req);
      try {
        await ctx.call("idempotency.complete", { user_id: claim.userId, key: claim.key, response });
      } catch (e) {
        // The action has run: answer it. A repeat waits until the key's lease ends, then runs again.
        this.logger.error("idempotency result not stored", {
          requestId: ctx.requestID,
          error: (e as Error).message,
        });
      }
    },

    async releaseIdempotency(this: any, ctx: Context, req: Req) {
      const claim = req.$idempotency!;
      claim.done = true;
      await ctx
        .call("idempotency.release", { user_id: claim.userId, key: claim.key })
        .catch((e: Error) => this.logger.warn("idempotency key not released", { error: e.message }));
    },

    /**
     * Logs and counts the request once its answer is written, with the status actually sent: an action's
     * `$statusCode` (201, 400, 409, 410 …) is applied only when the response is sent, after onAfterCall.
     */
    trackAccess(this: any, req: Req, res: ServerResponse) {
      if (req.$accessTracked) return;
      req.$accessTracked = true;
      req.$startedAt ??= process.hrtime.bigint();
      res.once("finish", () => this.logAccess(req, res.statusCode, req.$ctx?.requestID));
    },

    logAccess(this: any, req: Req, status: number, requestId?: string) {
      const ms = req.$startedAt ? Number(process.hrtime.bigint() - req.$startedAt) / 1e6 : undefined;
      const url = redactPath(req.originalUrl ?? req.url ?? "", req.$alias);
      const route = req.$alias
        ? `${req.$alias.method} ${req.$alias.fullPath ?? req.$alias.path}`
        : "unmatched";
      if (ms !== undefined) observeRequest(req.method ?? "", route, status, ms / 1000);
      this.logger.info(`${req.method} ${url} ${status}${ms !== undefined ? ` ${ms.toFixed(1)}ms` : ""}`, {
        requestId,
        action: req.$action?.name,
      });
    },
  },

  created() {
    this.tokens = new TokenResolver();
    this.trustedProxies = parseTrustedProxies(brokerConfig(this.broker).security.trustedProxies);
    this.opsAllowList = parseCidrList(brokerConfig(this.broker).http.metricsAllowFrom);
  },

  started(this: any) {
    const addr = this.server?.address?.();
    if (addr && typeof addr === "object") this.settings.port = addr.port;
  },
};

// Error shape of the contract: {message, type, ...extra}; never a stack or a database text.
// It may be reached twice for one request (an upload refused by the reader and then by the action) or after the
// answer has started: it then only logs, because writing headers twice throws and ended the process (issue 11).
(ApiService.settings as any).onError = function onError(this: any, req: Req, res: ServerResponse, err: any) {
  try {
    writeError.call(this, req, res, err);
  } catch (e) {
    // Called from stream and parser event handlers: a throw here would be uncaught and end the process.
    this.logger.error("error response failed", {
      url: redactPath(req.originalUrl ?? req.url ?? "", req.$alias),
      error: (e as Error)?.stack ?? String(e),
    });
    res.destroy();
  }
};

function writeError(this: any, req: Req, res: ServerResponse, err: any) {
  const r = toErrorResponse(err);
  const requestId = req.$ctx?.requestID;
  if (r.unexpected)
    this.logger.error("request failed", {
      requestId,
      url: redactPath(req.originalUrl ?? req.url ?? "", req.$alias),
      error: err?.stack ?? String(err),
    });
  if (res.headersSent || res.writableEnded) {
    if (!r.unexpected)
      this.logger.debug("error after the answer was sent", {
        requestId,
        status: r.status,
        type: r.body.type,
      });
    return;
  }
  this.trackAccess(req, res);
  // A refusal before the body was read (404, 401, a limit): drain it so the client gets the answer, not a reset
  // (the server's request timeout bounds an endless body).
  if (!req.complete) req.resume();
  if (requestId) res.setHeader("X-Request-Id", requestId);
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  if (r.status === 429 && r.body.retry_after_seconds)
    res.setHeader("Retry-After", String(r.body.retry_after_seconds));
  res.writeHead(r.status);
  res.end(JSON.stringify(r.body));
}

export default ApiService;
