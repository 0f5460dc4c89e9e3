/**
 * Child processes of the benchmark (the real server, the echo baseline, the fake model) and what is read
 * about them from /proc. Every child is registered and killed when the benchmark exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Modification time of the newest file under `dir` (recursively), in ms. */
export function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Only this host is ever contacted. */
export const HOST = '127.0.0.1';

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pid: number;
  /** `performance.now()` right before spawn. */
  readonly spawnedAt: number;
  /** Last lines the child wrote (stdout and stderr), for error messages. */
  readonly tail: string[];
  /** Lines the child logged at level error or worse (pino JSON `level` ≥ 50) or that are not JSON. */
  readonly errorLines: string[];
  exited: { code: number | null; signal: NodeJS.Signals | null } | null;
}

const children = new Set<Child>();

function killAllNow(): void {
  for (const child of children) {
    if (child.exited === null) child.process.kill('SIGKILL');
  }
}

let installed = false;
/** Kills every child on exit, Ctrl-C, SIGTERM and uncaught errors. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAllNow();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (error) => {
    process.stderr.write(`bench: uncaught ${error.stack ?? error.message}\n`);
    killAllNow();
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    process.stderr.write(`bench: unhandled rejection ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    killAllNow();
    process.exit(1);
  });
}

function collectLines(child: Child, stream: NodeJS.ReadableStream | null): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      child.tail.push(line);
      if (child.tail.length > 20) child.tail.shift();
      if (isErrorLine(line) && child.errorLines.length < 1000) child.errorLines.push(line);
    }
  });
}

function isErrorLine(line: string): boolean {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'level' in parsed && typeof parsed.level === 'number') {
      return parsed.level >= 50;
    }
    return true;
  } catch {
    return true;
  }
}

/** Runs a TypeScript entry of this repository with `node --import tsx`. */
export function spawnTs(name: string, entry: string, env: Record<string, string>): Child {
  return spawnNode(name, ['--import', 'tsx', entry], env);
}

/** Runs `node <args>` in the repository root with only the given environment (plus PATH, HOME, TMPDIR). */
export function spawnNode(name: string, args: readonly string[], env: Record<string, string>): Child {
  const spawnedAt = performance.now();
  const proc = spawn(process.execPath, [...args], {
    cwd: projectRoot,
    // Only what the child needs: a developer's OPENAI_* variables must not leak into the benchmark.
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: process.env['HOME'] ?? '/tmp',
      // tsx keeps its transform cache under the temp dir.
      ...(process.env['TMPDIR'] ? { TMPDIR: process.env['TMPDIR'] } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`${name}: spawn failed`);
  const child: Child = { name, process: proc, pid: proc.pid, spawnedAt, tail: [], errorLines: [], exited: null };
  children.add(child);
  collectLines(child, proc.stdout);
  collectLines(child, proc.stderr);
  proc.on('exit', (code, signal) => {
    child.exited = { code, signal };
  });
  return child;
}

function describeExit(child: Child): string {
  const exit = child.exited;
  const how = exit ? (exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`) : 'still running';
  return `${child.name} (pid ${child.pid}) ${how}; last output:\n  ${child.tail.join('\n  ') || '(none)'}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `url` until it answers 200; returns milliseconds since the child was spawned. Fails when the child
 * exits first or `timeoutMs` passes.
 */
export async function waitReady(child: Child, url: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exited) throw new Error(`exited before it was ready: ${describeExit(child)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - child.spawnedAt;
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms: ${describeExit(child)}`);
    await sleep(5);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export async function stopChild(child: Child, graceMs = 5000): Promise<void> {
  if (!child.exited) {
    const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
    child.process.kill('SIGTERM');
    const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
  children.delete(child);
}

export function assertRunning(child: Child): void {
  if (child.exited) throw new Error(`died: ${describeExit(child)}`);
}

/** A port that was free a moment ago on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address === null || typeof address === 'string') reject(new Error('no TCP port'));
        else resolve(address.port);
      });
    });
  });
}

function statusField(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]);
}

/** Resident set size in KiB. */
export const rssKB = (pid: number): number => statusField(pid, 'VmRSS');

/** Clock ticks per second of /proc/<pid>/stat times; 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/** CPU time (user + system) the process has used, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may contain spaces; fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS;
}

/** The soft limit on open files of this process (what `ulimit -n` says). */
export function openFileLimit(): number | null {
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
  if (!match?.[1]) return null;
  return match[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(match[1]);
}

/** Samples a child's RSS every `everyMs` until stopped; returns the highest sample. */
export function sampleRss(pid: number, everyMs = 50): { stop(): number } {
  let peak = 0;
  const take = () => {
    try {
      peak = Math.max(peak, rssKB(pid));
    } catch {
      // The process is gone; keep what was seen.
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return peak;
    },
  };
}

/** Milliseconds the process ran on a CPU and waited in the run queue for one (from /proc/<pid>/schedstat). */
export function schedMs(pid: number): { onCpuMs: number; waitMs: number } {
  const [onCpu, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
  return { onCpuMs: (onCpu ?? 0) / 1e6, waitMs: (wait ?? 0) / 1e6 };
}

/** CPU time all processes of the machine used (busy = not idle, not iowait), in milliseconds. */
function systemBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, ...fields] = line.trim().split(/\s+/);
  const ticks = fields.map(Number);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return ((total - idle) * 1000) / CLOCK_TICKS;
}

export interface CpuReport {
  wallMs: number;
  /** CPU used per watched process, in % of one core. */
  cpuPercent: Record<string, number>;
  /** Time each watched process was runnable but waiting for a CPU, in % of the wall time. */
  runQueuePercent: Record<string, number>;
  /** Cores' worth of CPU used by every other process on the machine (other work competing for the 2 cores). */
  otherCores: number;
}

/**
 * Watches CPU use over an interval: our processes by name, and what the rest of the machine used, so a
 * figure taken while something else was busy on the machine can be recognised as such.
 */
export function meterCpu(pids: Record<string, number>): { stop(): CpuReport } {
  const started = performance.now();
  const systemBefore = systemBusyMs();
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, { cpu: cpuMs(pid), sched: schedMs(pid) }]));
  return {
    stop() {
      const wallMs = performance.now() - started;
      const cpuPercent: Record<string, number> = {};
      const runQueuePercent: Record<string, number> = {};
      let ours = 0;
      for (const [name, pid] of Object.entries(pids)) {
        const start = before[name];
        if (!start) continue;
        try {
          const used = cpuMs(pid) - start.cpu;
          ours += used;
          cpuPercent[name] = (used / wallMs) * 100;
          runQueuePercent[name] = ((schedMs(pid).waitMs - start.sched.waitMs) / wallMs) * 100;
        } catch {
          // The process has exited.
        }
      }
      return { wallMs, cpuPercent, runQueuePercent, otherCores: Math.max(0, (systemBusyMs() - systemBefore - ours) / wallMs) };
    },
  };
}
