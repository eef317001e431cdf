import fetch, { type RequestInit } from "node-fetch";
import { AppError } from "../errors";
import { retryDelayMs, isRetryableStatus } from "./backoff";
import { CircuitBreaker, type BreakerState } from "./circuit-breaker";

/** Error types of outgoing HTTP calls; callers branch on these, never on the message. */
export const HttpErrorType = {
  /** The circuit is open: the service failed repeatedly and is not asked until the reset time. */
  CIRCUIT_OPEN: "UPSTREAM_CIRCUIT_OPEN",
  /** Network failure, timeout or 429/5xx after all retries. */
  UNAVAILABLE: "UPSTREAM_UNAVAILABLE",
} as const;

export interface HttpClientOptions {
  /** Names the remote service in errors and logs, e.g. "nominatim". */
  name: string;
  /** Identifying User-Agent (public services refuse library defaults). */
  userAgent: string;
  timeoutMs: number;
  /** Further attempts after the first on network errors, timeouts, 429 and 5xx. */
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  breakerThreshold: number;
  breakerResetMs: number;
  /**
   * Awaited before every attempt (retries included), e.g. a shared rate limit; its errors reach the caller.
   * A function it returns is awaited once that attempt has ended, answered or failed (e.g. to free the slot).
   */
  beforeAttempt?: () => Promise<void | (() => Promise<void>)>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface HttpResult {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Outgoing HTTP for a remote service (Nominatim, OSRM, 116117): identifying User-Agent, timeout, retries with
 * exponential back-off on 429/5xx/network errors (honouring Retry-After), and a circuit breaker so a dead
 * service costs one fast refusal instead of a timeout per call. Answers other than 429/5xx are returned to the
 * caller (a 4xx is the remote service's answer, not an outage).
 */
export class HttpClient {
  private readonly breaker: CircuitBreaker;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly opts: HttpClientOptions) {
    this.breaker = new CircuitBreaker({
      failureThreshold: opts.breakerThreshold,
      resetMs: opts.breakerResetMs,
    });
    this.sleep = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
  }

  get state(): BreakerState {
    return this.breaker.state(this.now());
  }

  async request(url: string, init: Omit<RequestInit, "signal" | "timeout"> = {}): Promise<HttpResult> {
    if (!this.breaker.tryAcquire(this.now())) {
      throw new AppError(
        503,
        HttpErrorType.CIRCUIT_OPEN,
        `${this.opts.name} is not asked for now (circuit open)`,
        {
          retry_in_ms: this.breaker.retryInMs(this.now()),
        },
      );
    }
    let lastProblem = "";
    for (let attempt = 0; attempt <= this.opts.retries; attempt++) {
      let retryAfter: string | null = null;
      let afterAttempt: void | (() => Promise<void>);
      try {
        afterAttempt = await this.opts.beforeAttempt?.();
      } catch (e) {
        // Not the remote service's fault (e.g. our own rate limit is saturated): no retry, no breaker count.
        this.breaker.abandon();
        throw e;
      }
      try {
        const res = await this.attempt(url, init);
        if (!isRetryableStatus(res.status)) {
          this.breaker.success();
          return res;
        }
        retryAfter = res.headers.get("retry-after");
        lastProblem = `HTTP ${res.status}`;
      } catch (e) {
        lastProblem = (e as Error).message;
      } finally {
        // A failure here must not turn an answer into an error; the slot's own expiry covers it.
        await afterAttempt?.().catch(() => undefined);
      }
      if (attempt < this.opts.retries) {
        await this.sleep(
          retryDelayMs(attempt + 1, this.opts.backoffMs, this.opts.maxBackoffMs, retryAfter, this.now()),
        );
      }
    }
    this.breaker.failure(this.now());
    throw new AppError(503, HttpErrorType.UNAVAILABLE, `${this.opts.name} unavailable: ${lastProblem}`);
  }

  private async attempt(url: string, init: Omit<RequestInit, "signal" | "timeout">): Promise<HttpResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      const res = await fetch(url, {
        ...init,
        headers: {
          "User-Agent": this.opts.userAgent,
          Accept: "application/json",
          ...(init.headers as object),
        },
        signal: controller.signal as RequestInit["signal"],
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, json: parseJson(text) };
    } catch (e) {
      if ((e as Error).name === "AbortError") throw new Error(`timeout after ${this.opts.timeoutMs} ms`);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }
}
