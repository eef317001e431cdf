import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Content-Security-Policy of every response (issue 11). Scripts only from this origin: the staff app is a Vite
 * build without inline scripts. Styles also allow inline
 * ones: Mantine sets `style` attributes and injects its CSS variables as a <style> element, and the therapists'
 * answer page carries its small stylesheet inline (an inline style cannot run code). Fonts and images may be
 * data: URIs (Mantine's inline SVG icons). No plugins, no <base>, forms post only here, and no site may frame
 * the app (clickjacking).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Paths whose answers are data (patients, answer pages, status): never kept by a browser or proxy cache. */
const NO_STORE = /^\/(api|health|metrics)(\/|$|\?)/;

/** Sets the security headers before anything else answers (routes, static files, 404s, errors). */
export function setSecurityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "no-referrer");
  // For browsers without frame-ancestors support.
  res.setHeader("X-Frame-Options", "DENY");
  if (NO_STORE.test(req.url ?? "")) res.setHeader("Cache-Control", "no-store");
}
