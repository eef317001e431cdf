import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const FILE = path.resolve(__dirname, "../../docs/benchmarks.md");

/** Replaces (or appends) one section of docs/benchmarks.md, keeping the others' sections. */
export function recordSection(id: string, markdown: string): void {
  const begin = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  let text = fs.existsSync(FILE)
    ? fs.readFileSync(FILE, "utf8")
    : "# Benchmarks\n\nMeasured on the development machine; every figure names the command that produced it.\n";
  const a = text.indexOf(begin);
  const b = text.indexOf(end);
  text =
    a >= 0 && b > a
      ? text.slice(0, a) + block + text.slice(b + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(FILE, text);
}

export const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Samples the resident set size while `fn` runs. */
export async function withPeakRss<T>(fn: () => Promise<T> | T): Promise<{ result: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMiB: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
}
