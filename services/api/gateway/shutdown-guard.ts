import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Once the node is stopping, requests that arrive (clients keep reusing keep-alive connections) are answered
 * 503 with `Connection: close` instead of reaching services that are shutting down (which answered 500);
 * requests already in flight finish normally. quality.md R7.
 */
export function shutdownGuard(isStopping: () => boolean) {
  return (_req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    if (!isStopping()) return next();
    res.writeHead(503, {
      "Content-Type": "application/json; charset=utf-8",
      Connection: "close",
      "Retry-After": "5",
    });
    res.end(
      JSON.stringify({
        message: "The platform is shutting down; please retry in a moment",
        type: "SHUTTING_DOWN",
      }),
    );
  };
}
