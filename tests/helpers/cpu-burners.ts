import { spawn, type ChildProcess } from "node:child_process";
import * as os from "node:os";

/**
 * Processes that keep the CPUs busy, for drills that must hold under load. Each one ends by itself after
 * `lifetimeMs` (a test that dies cannot leave them behind for long); `stop()` kills them at once.
 */
export class CpuBurners {
  private readonly children: ChildProcess[] = [];

  start(count: number, lifetimeMs: number): this {
    const code = `const end = Date.now() + ${lifetimeMs}; let x = 0; while (Date.now() < end) x = (x * 31 + 7) % 1e9;`;
    for (let i = 0; i < count; i++)
      this.children.push(spawn(process.execPath, ["-e", code], { stdio: "ignore" }));
    return this;
  }

  /** Waits until the one-minute load average reaches `target` or `timeoutMs` passes; returns the last value. */
  async untilLoad(target: number, timeoutMs: number): Promise<number> {
    const until = Date.now() + timeoutMs;
    while (os.loadavg()[0] < target && Date.now() < until) await new Promise((r) => setTimeout(r, 500));
    return os.loadavg()[0];
  }

  stop(): void {
    for (const c of this.children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    this.children.length = 0;
  }
}
