import { ApiError, tokenStore } from "../api/client";

/**
 * Downloads a file the API serves only with the session token (a plain link cannot send it): fetched as a
 * blob, then handed to the browser under its own name.
 */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const token = tokenStore.get();
  const res = await fetch(`/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    let body: Record<string, unknown> = {};
    try {
      body = await res.json();
    } catch {
      body = {};
    }
    throw new ApiError(
      res.status,
      String(body.type ?? `HTTP_${res.status}`),
      String(body.message ?? ""),
      body,
    );
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "1,2 MB" / "830 KB" */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024)
    return `${(n / 1024 / 1024).toLocaleString("de-DE", { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString("de-DE")} KB`;
}

/** 0.4567 -> "45,7 %" */
export const percent = (v: number | null | undefined) =>
  v === null || v === undefined
    ? "–"
    : `${(v * 100).toLocaleString("de-DE", { maximumFractionDigits: 1 })} %`;
