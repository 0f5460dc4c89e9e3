/**
 * `npm run bench`: the non-functional targets of PRODUCT.md, measured in one run of under three minutes
 * on two cores. Human-readable tables go to stdout (progress to stderr); the last line of stdout is one
 * JSON object with the figures.
 *
 * Phases: offline grading (in this process) → start-up (cold and warm) → websocket interviews against the
 * real server for each N, each followed by the echo baseline at the same N → the same interviews with the
 * LLM grader against a fake model of fixed latency. Only 127.0.0.1 is contacted; every child process is
 * killed on exit, also on errors and Ctrl-C. Every phase is bounded in count and time, and the run phases
 * shrink their time limits to what is left of the budget.
 *
 * Knobs (environment, all optional): BENCH_SESSIONS="100,500,1000", BENCH_THINK_MS="200,800",
 * BENCH_LLM_SESSIONS=100, BENCH_LLM_QUEUE_SESSIONS=200 (0 skips the queueing run), BENCH_LLM_CONCURRENCY=16,
 * BENCH_ONLY="grading,startup,memory,ws,llm,progress,abuse" (a subset reruns only those phases; the others' targets then
 * read MISS), BENCH_ABUSE_FLOOD_MS=8000.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { runAbuseBench, type AbuseResult } from './abuse.js';
import { runAdversarialGrading, type AdversarialResult } from './adversarial.js';
import { corpusWarmUp } from '../src/grading/create-grader.js';
import { answeredQuestions, buildAnswerSet, buildSweepSet, storedCorpus, type BenchAnswer } from './answers.js';
import { runProgressBench, type ProgressBenchResult } from './progress-bench.js';
import { runGradingBench, type GradingBenchResult } from './grading-bench.js';
import { runLoad, type AnswerPools, type LoadOptions, type LoadResult } from './load-client.js';
import {
  assertRunning,
  freePort,
  HOST,
  installCleanup,
  meterCpu,
  newestMtimeMs,
  openFileLimit,
  projectRoot,
  rssKB,
  sampleRss,
  spawnNode,
  spawnTs,
  stopChild,
  waitReady,
  type Child,
  type CpuReport,
} from './proc.js';
import { fmt, median, round, summarize, table, type Summary } from './stats.js';

/** The whole run must end within four minutes; the watchdog is the last resort, the budget the plan. */
const BUDGET_MS = 225_000;
const WATCHDOG_MS = 240_000;
const benchStarted = performance.now();
const remainingMs = () => BUDGET_MS - (performance.now() - benchStarted);

function envList(name: string, fallback: number[]): number[] {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const values = raw.split(',').map((item) => Number(item.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 0)) throw new Error(`${name}: expected comma-separated integers`);
  return values;
}
const envInt = (name: string, fallback: number): number => envList(name, [fallback])[0] ?? fallback;

const PHASES = ['grading', 'startup', 'memory', 'ws', 'llm', 'progress', 'abuse'] as const;
const ONLY = new Set((process.env['BENCH_ONLY'] ?? PHASES.join(',')).split(',').map((name) => name.trim()));
const phaseOn = (name: (typeof PHASES)[number]) => ONLY.has(name);
/** A row of the grading table with figures over all answer kinds only. */
const overallRow = (label: string, summary: Summary): string[] => [label, '', '', '', '', fmt(summary.p50, 3), fmt(summary.p99, 3)];
const SIZES = phaseOn('ws') ? envList('BENCH_SESSIONS', [100, 500, 1000]).filter((n) => n > 0) : [];
const LLM_SESSIONS = envInt('BENCH_LLM_SESSIONS', 100);
const LLM_QUEUE_SESSIONS = envInt('BENCH_LLM_QUEUE_SESSIONS', 200);
const LLM_CAP = envInt('BENCH_LLM_CONCURRENCY', 16);
/** The fake model's fixed latency. */
const MODEL_DELAY_MS = 200;
/** Answers per second the concurrency cap lets through to a model of that latency. */
const capacity = (LLM_CAP * 1000) / MODEL_DELAY_MS;
/** The N the targets name ("at 500 sessions"). */
const TARGET_N = 500;
const QUESTIONS = 3;
const THINK_MS = ((): [number, number] => {
  const [min = 200, max = 800] = envList('BENCH_THINK_MS', [200, 800]);
  if (max < min) throw new Error('BENCH_THINK_MS: expected "min,max"');
  return [min, max];
})();
const STARTUP_RUNS = 3;
/** Upper limit of each connect phase and each run phase (lowered further when the budget runs short). */
const PHASE_TIMEOUT_MS = 40_000;
const WARMUP_SESSIONS = 20;

const out = (line = '') => process.stdout.write(`${line}\n`);
const elapsedS = () => ((performance.now() - benchStarted) / 1000).toFixed(1);
const progress = (message: string) => process.stderr.write(`[bench ${elapsedS()} s] ${message}\n`);

const tempRoot = mkdtempSync(path.join(os.tmpdir(), 'coach-bench-'));
let dbCounter = 0;
const newDbPath = () => path.join(tempRoot, `db-${++dbCounter}`, 'coach.db');

/* ------------------------------------------------------------------------------------------------ */
/* Children                                                                                          */

interface Server {
  child: Child;
  port: number;
  base: string;
  readyMs: number;
  dbPath: string;
}

/** How the server is started: the production entry (`npm start`), or TypeScript through tsx. */
interface Entry {
  label: string;
  args: string[];
}
const DIST_ENTRY: Entry = { label: 'node --enable-source-maps dist/server.mjs (npm start)', args: ['--enable-source-maps', 'dist/server.mjs'] };
const TSX_ENTRY: Entry = { label: 'node --import tsx src/server.ts', args: ['--import', 'tsx', 'src/server.ts'] };

/**
 * The production entry when its bundle is there and not older than the sources (`npm run bench` builds it
 * first), else the TypeScript sources through tsx, so the benchmark always measures the current code.
 */
function chooseEntry(): { entry: Entry; note: string } {
  const wanted = process.env['BENCH_ENTRY'];
  if (wanted === 'tsx') return { entry: TSX_ENTRY, note: 'BENCH_ENTRY=tsx' };
  const bundle = path.join(projectRoot, 'dist', 'server.mjs');
  if (!existsSync(bundle)) return { entry: TSX_ENTRY, note: 'dist/server.mjs is missing (npm run build makes it)' };
  const sourcesNewer = newestMtimeMs(path.join(projectRoot, 'src')) > statSync(bundle).mtimeMs;
  if (sourcesNewer && wanted !== 'dist') {
    return { entry: TSX_ENTRY, note: 'dist/server.mjs is older than src/ (npm run build refreshes it)' };
  }
  return { entry: DIST_ENTRY, note: sourcesNewer ? 'BENCH_ENTRY=dist, although src/ is newer' : 'built from the current sources' };
}
const { entry: SERVER_ENTRY, note: ENTRY_NOTE } = chooseEntry();

async function startServer(dbPath: string, extraEnv: Record<string, string> = {}, entry: Entry = SERVER_ENTRY): Promise<Server> {
  const port = await freePort();
  const child = spawnNode('server', entry.args, {
    DATABASE_PATH: dbPath,
    PORT: String(port),
    HOST,
    GRADER: 'offline',
    LOG_LEVEL: 'error',
    // Every simulated candidate connects from 127.0.0.1: the per-address limits would count them as one.
    RATE_LIMIT_PER_MINUTE: '1000000',
    WS_UPGRADES_PER_MINUTE: '1000000',
    WS_MAX_PER_ADDRESS: '1000000',
    ...extraEnv,
  });
  const base = `http://${HOST}:${port}`;
  try {
    const readyMs = await waitReady(child, `${base}/readyz`, 30_000);
    return { child, port, base, readyMs, dbPath };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

async function startEcho(): Promise<{ child: Child; port: number }> {
  const port = await freePort();
  const child = spawnTs('echo-server', 'bench/echo-server.ts', { PORT: String(port) });
  try {
    await waitReady(child, `http://${HOST}:${port}/readyz`, 30_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { child, port };
}

const FakeStatsSchema = z.object({
  requests: z.number(),
  badRequests: z.number(),
  inFlight: z.number(),
  maxInFlight: z.number(),
  timings: z.array(z.object({ marker: z.string(), arrivedAt: z.number(), doneAt: z.number() })),
});
type FakeStats = z.infer<typeof FakeStatsSchema>;

interface FakeLlm {
  child: Child;
  port: number;
  stats(): Promise<FakeStats>;
  reset(): Promise<void>;
}

async function startFakeLlm(): Promise<FakeLlm> {
  const port = await freePort();
  const child = spawnTs('fake-llm', 'bench/fake-llm.ts', { PORT: String(port), DELAY_MS: String(MODEL_DELAY_MS) });
  const base = `http://${HOST}:${port}`;
  try {
    await waitReady(child, `${base}/stats`, 30_000);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return {
    child,
    port,
    async stats() {
      const response = await fetch(`${base}/stats`);
      return FakeStatsSchema.parse(await response.json());
    },
    async reset() {
      await (await fetch(`${base}/reset`, { method: 'POST' })).arrayBuffer();
    },
  };
}

const UserSchema = z.object({ token: z.string() });

/** Creates `count` users over HTTP, 16 requests at a time. */
async function createUsers(server: Server, count: number): Promise<string[]> {
  const tokens: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await fetch(`${server.base}/api/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench' }),
      });
      if (response.status !== 201) throw new Error(`POST /api/users → ${response.status}: ${await response.text()}`);
      tokens.push(UserSchema.parse(await response.json()).token);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return tokens;
}

/**
 * Acknowledged answers the database does not hold, read through a second, read-only connection while the
 * server still runs (so nothing is flushed by a graceful shutdown first).
 */
function countLost(dbPath: string, acked: readonly string[]): { stored: number; lost: number; graded: number } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const stored = new Set(
      db
        .prepare<[], { id: string }>('SELECT answer_client_id AS id FROM turns WHERE answer_client_id IS NOT NULL')
        .all()
        .map((row) => row.id),
    );
    const graded = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM turns WHERE status = 'graded'").get()?.n ?? 0;
    const lost = acked.filter((id) => !stored.has(id)).length;
    return { stored: acked.length - lost, lost, graded };
  } finally {
    db.close();
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Phases                                                                                            */

const failures: string[] = [];
/** Phases left out to stay within the time budget: reported, but not a failure. */
const skipped: string[] = [];
const GraderMemorySchema = z.object({ beforeMB: z.number(), warmMB: z.number(), warmMs: z.number(), bundled: z.boolean() });

/**
 * bench/grader-memory.ts in a child process: a fresh process whose only work is the grading thread's, so
 * its RSS says what the grader adds and nothing this process graded or kept does.
 */
async function measureGraderMemory(): Promise<z.infer<typeof GraderMemorySchema>> {
  const env: Record<string, string> = SERVER_ENTRY === DIST_ENTRY ? { GRADER_WORKER: path.join(projectRoot, 'dist', 'offline-worker.mjs') } : {};
  const child = spawnNode('grader-memory', ['--expose-gc', '--import', 'tsx', 'bench/grader-memory.ts'], env);
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  const timer = setTimeout(() => void stopChild(child), Math.max(10_000, remainingMs() - 60_000));
  try {
    await exited;
  } finally {
    clearTimeout(timer);
    await stopChild(child);
  }
  const last = child.tail.at(-1);
  if (child.exited?.code !== 0 || last === undefined) throw new Error(`grader-memory: ${child.tail.join(' | ') || 'no output'}`);
  return GraderMemorySchema.parse(JSON.parse(last));
}

async function phase<T>(name: string, minMs: number, run: () => Promise<T>): Promise<T | undefined> {
  if (remainingMs() < minMs) {
    skipped.push(`${name}: ${Math.round(remainingMs() / 1000)} s of the budget left`);
    progress(`${name}: skipped (budget)`);
    return undefined;
  }
  progress(`${name}…`);
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.push(`${name}: ${message}`);
    progress(`${name} FAILED: ${message}`);
    return undefined;
  }
}

function pools(set: readonly BenchAnswer[]): AnswerPools {
  return {
    behavioural: set.filter((answer) => answer.kind === 'behavioural').map((answer) => answer.input.answer),
    technical: set.filter((answer) => answer.kind === 'technical').map((answer) => answer.input.answer),
  };
}

/** The `performance.now()` by which a run phase must end to leave `reserveMs` of the budget for what follows. */
const deadlineLeaving = (reserveMs: number) => benchStarted + BUDGET_MS - reserveMs;

function loadOptions(url: string, tokens: readonly string[], sessions: number, answers: AnswerPools, overrides: Partial<LoadOptions> = {}): LoadOptions {
  return {
    url,
    tokens,
    sessions,
    questions: QUESTIONS,
    secondsPerQuestion: 600,
    thinkMs: THINK_MS,
    // ~2 ms between connections: 1000 sockets in 2 s, a steady trickle rather than a storm.
    connectSpreadMs: Math.max(100, sessions * 2),
    startSpreadMs: 500,
    answers,
    marker: false,
    timeoutMs: PHASE_TIMEOUT_MS,
    seed: sessions,
    runTag: `r${sessions}`,
    ...overrides,
  };
}

interface WsRun {
  n: number;
  load: LoadResult;
  accepted: Summary;
  feedback: Summary;
  /** answer sent → the server's timestamp on answer.accepted (waiting for and doing the work). */
  toStored: Summary;
  /** the server's timestamp → answer.accepted at the client (send + client). */
  storedToClient: Summary;
  connect: Summary;
  start: Summary;
  idleRssKB: number;
  connectedRssKB: number;
  /** Every session started and holding its first question. */
  openRssKB: number;
  peakRssKB: number;
  /** After every session ended and every socket closed. */
  afterRssKB: number;
  rssPerSessionKB: number;
  cpu: CpuReport;
  serverCpuMsPerAnswer: number;
  stored: number;
  lost: number;
  graded: number;
  serverErrorLines: string[];
  completedAll: boolean;
  echo: EchoRun | null;
}

interface EchoRun {
  load: LoadResult;
  latency: Summary;
  cpu: CpuReport;
}

async function wsRun(n: number, answers: AnswerPools, reserveMs: number): Promise<WsRun> {
  const server = await startServer(newDbPath());
  try {
    const tokens = await createUsers(server, n + WARMUP_SESSIONS);
    const url = `ws://${HOST}:${server.port}/ws`;
    // Warm-up: JIT, statement caches and the reference-profile cache, on users the run does not use.
    await runLoad('interview', loadOptions(url, tokens.slice(n), WARMUP_SESSIONS, answers, { runTag: `w${n}`, seed: 1 }));
    const idleRssKB = rssKB(server.child.pid);
    const sampler = sampleRss(server.child.pid);
    let connectedRssKB = Number.NaN;
    let openRssKB = Number.NaN;
    let meter: ReturnType<typeof meterCpu> | undefined;
    const load = await runLoad(
      'interview',
      loadOptions(url, tokens.slice(0, n), n, answers, {
        deadline: deadlineLeaving(reserveMs),
        onConnected: () => {
          connectedRssKB = rssKB(server.child.pid);
        },
        onAllStarted: () => {
          openRssKB = rssKB(server.child.pid);
          meter = meterCpu({ server: server.child.pid, client: process.pid });
        },
      }),
    );
    const peak = sampler.stop();
    assertRunning(server.child);
    if (!meter) throw new Error('the run phase never started');
    const cpu = meter.stop();
    const afterRssKB = rssKB(server.child.pid);
    const db = countLost(server.dbPath, load.ackedClientIds);
    const stored = load.answers.filter((answer) => answer.acceptedServerAt !== null && answer.acceptedAt !== null);
    const serverCpuMs = ((cpu.cpuPercent['server'] ?? 0) * cpu.wallMs) / 100;
    return {
      n,
      load,
      accepted: summarize(load.acceptedMs),
      feedback: summarize(load.feedbackMs),
      toStored: summarize(stored.map((answer) => (answer.acceptedServerAt ?? 0) - answer.sentAt)),
      storedToClient: summarize(stored.map((answer) => (answer.acceptedAt ?? 0) - (answer.acceptedServerAt ?? 0))),
      connect: summarize(load.connectMs),
      start: summarize(load.startMs),
      idleRssKB,
      connectedRssKB,
      openRssKB,
      peakRssKB: peak,
      afterRssKB,
      rssPerSessionKB: (peak - idleRssKB) / n,
      cpu,
      serverCpuMsPerAnswer: load.acceptedCount > 0 ? serverCpuMs / load.acceptedCount : Number.NaN,
      ...db,
      serverErrorLines: [...server.child.errorLines],
      completedAll: load.completed === n && db.lost === 0 && Object.keys(load.errors).length === 0,
      echo: null,
    };
  } finally {
    await stopChild(server.child);
  }
}

interface EchoServer {
  child: Child;
  url: string;
  warm: boolean;
}

/** One echo server serves every N: it keeps no state between runs. */
async function echoRun(echo: EchoServer, n: number, answers: AnswerPools, reserveMs: number): Promise<EchoRun> {
  const tokens = Array.from({ length: Math.max(n, WARMUP_SESSIONS) }, (_, index) => `echo-token-${index}`);
  if (!echo.warm) {
    await runLoad('echo', loadOptions(echo.url, tokens, WARMUP_SESSIONS, answers, { runTag: 'we', seed: 1 }));
    echo.warm = true;
  }
  let meter: ReturnType<typeof meterCpu> | undefined;
  const load = await runLoad(
    'echo',
    loadOptions(echo.url, tokens, n, answers, {
      deadline: deadlineLeaving(reserveMs),
      onAllStarted: () => {
        meter = meterCpu({ server: echo.child.pid, client: process.pid });
      },
    }),
  );
  assertRunning(echo.child);
  if (!meter) throw new Error('the run phase never started');
  return { load, latency: summarize(load.acceptedMs), cpu: meter.stop() };
}

interface LlmRun {
  label: 'added' | 'queue';
  n: number;
  thinkMs: [number, number];
  load: LoadResult;
  feedback: Summary;
  /** feedback latency − model delay */
  added: Summary;
  /** answer sent → request at the fake model (accept, prompt, limiter queue, HTTP) */
  beforeModel: Summary;
  /** reply complete at the fake model → feedback at the client (stream parse, validation, commit, send) */
  afterModel: Summary;
  /** the fake model's own lateness beyond the delay (its timer), excluded from the two above */
  modelLateness: Summary;
  maxInFlight: number;
  requests: number;
  badRequests: number;
  lost: number;
  cpu: CpuReport;
  serverErrorLines: string[];
}

/** The LLM-graded server: one for both LLM runs, same configuration. */
async function startLlmServer(fake: FakeLlm, users: number, answers: AnswerPools): Promise<{ server: Server; tokens: string[] }> {
  const server = await startServer(newDbPath(), {
    GRADER: 'llm',
    OPENAI_BASE_URL: `http://${HOST}:${fake.port}/v1`,
    COACH_MODEL: 'fake',
    LLM_CONCURRENCY: String(LLM_CAP),
  });
  try {
    const tokens = await createUsers(server, users + WARMUP_SESSIONS);
    const url = `ws://${HOST}:${server.port}/ws`;
    await runLoad('interview', loadOptions(url, tokens.slice(users), WARMUP_SESSIONS, answers, { runTag: 'lw', seed: 1, marker: true }));
    return { server, tokens: tokens.slice(0, users) };
  } catch (error) {
    await stopChild(server.child);
    throw error;
  }
}

async function llmRun(
  server: Server,
  fake: FakeLlm,
  label: LlmRun['label'],
  tokens: readonly string[],
  thinkMs: [number, number],
  answers: AnswerPools,
  reserveMs: number,
): Promise<LlmRun> {
  const n = tokens.length;
  const url = `ws://${HOST}:${server.port}/ws`;
  const errorLinesBefore = server.child.errorLines.length;
  {
    await fake.reset();
    let meter: ReturnType<typeof meterCpu> | undefined;
    const load = await runLoad(
      'interview',
      loadOptions(url, tokens, n, answers, {
        runTag: `l${label}`,
        thinkMs,
        marker: true,
        startSpreadMs: thinkMs[1],
        deadline: deadlineLeaving(reserveMs),
        onAllStarted: () => {
          meter = meterCpu({ server: server.child.pid, client: process.pid, model: fake.child.pid });
        },
      }),
    );
    assertRunning(server.child);
    if (!meter) throw new Error('the run phase never started');
    const cpu = meter.stop();
    const stats = await fake.stats();
    const byMarker = new Map(stats.timings.map((timing) => [timing.marker, timing]));
    const before: number[] = [];
    const after: number[] = [];
    const lateness: number[] = [];
    for (const answer of load.answers) {
      const timing = byMarker.get(answer.clientId);
      if (!timing || answer.feedbackAt === null) continue;
      before.push(timing.arrivedAt - answer.sentAt);
      after.push(answer.feedbackAt - timing.doneAt);
      lateness.push(timing.doneAt - timing.arrivedAt - MODEL_DELAY_MS);
    }
    const db = countLost(server.dbPath, load.ackedClientIds);
    return {
      label,
      n,
      thinkMs,
      load,
      feedback: summarize(load.feedbackMs),
      added: summarize(load.feedbackMs.map((ms) => ms - MODEL_DELAY_MS)),
      beforeModel: summarize(before),
      afterModel: summarize(after),
      modelLateness: summarize(lateness),
      maxInFlight: stats.maxInFlight,
      requests: stats.requests,
      badRequests: stats.badRequests,
      lost: db.lost,
      cpu,
      serverErrorLines: server.child.errorLines.slice(errorLinesBefore),
    };
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Report                                                                                            */

const pct = (report: CpuReport | undefined, name: string, digits = 0) => fmt(report?.cpuPercent[name], digits);
const waitPct = (report: CpuReport | undefined, name: string) => fmt(report?.runQueuePercent[name], 0);

function errorsCell(load: LoadResult): string {
  const all = { ...load.errors, ...Object.fromEntries(Object.entries(load.unexpectedCloses).map(([code, count]) => [`close:${code}`, count])) };
  return Object.keys(all).length === 0 ? 'none' : JSON.stringify(all);
}

/* ------------------------------------------------------------------------------------------------ */
/* Main                                                                                              */

async function main(): Promise<void> {
  installCleanup();
  // Registered after the cleanup that kills the children, so no server still writes into it.
  process.on('exit', () => rmSync(tempRoot, { recursive: true, force: true }));
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench: over ${WATCHDOG_MS / 1000} s; stopping\n`);
    process.exit(2);
  }, WATCHDOG_MS);
  watchdog.unref();

  const fdLimit = openFileLimit();
  const maxN = Math.max(...SIZES, LLM_SESSIONS, LLM_QUEUE_SESSIONS);
  // Each session is one socket in this process and one in the server (each process has its own limit).
  const fdNeeded = maxN + 200;
  const [load1, load5] = os.loadavg();
  out('# interview-coach benchmark');
  out(
    `node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `load average ${fmt(load1)} / ${fmt(load5)} (1 / 5 min) at start`,
  );
  out(
    `open-file limit ${fdLimit} per process; the largest run needs ~${fdNeeded} in this process and as many in the server: ` +
      (fdLimit !== null && fdLimit >= fdNeeded ? 'fine' : 'TOO LOW: raise `ulimit -n`'),
  );
  out(
    `load: N = ${SIZES.join(', ')} sessions, ${QUESTIONS} questions each, think ${THINK_MS[0]}–${THINK_MS[1]} ms; ` +
      `LLM: N = ${LLM_SESSIONS} under the cap${LLM_QUEUE_SESSIONS > 0 ? ` and ${LLM_QUEUE_SESSIONS} over it` : ''}, LLM_CONCURRENCY=${LLM_CAP}, model delay ${MODEL_DELAY_MS} ms`,
  );

  out(`server: ${SERVER_ENTRY.label}; ${ENTRY_NOTE}`);

  const questions = answeredQuestions();
  const set = buildAnswerSet(questions);
  const answerPools = pools(set);

  // 1. Offline grading, in this process.
  const grading = !phaseOn('grading') ? undefined : await phase('offline grading', 20_000, async () => {
    const meter = meterCpu({ bench: process.pid });
    // The sweep grades what the server would: the stored corpus (curated texts and model answers applied),
    // each question as the grading service sends it, warmed up from the same list the server builds.
    const stored = storedCorpus();
    const answered = stored.all().filter((question) => question.answers.length > 0).sort((a, b) => a.id.localeCompare(b.id));
    const result: GradingBenchResult = await runGradingBench(set, buildSweepSet(answered), {
      warmupPasses: 3,
      passes: 40,
      maxMs: 5_000,
      warmUp: corpusWarmUp(stored),
    });
    return { result, cpu: meter.stop() };
  });

  // 1b. The slowest answers known, graded in this process: the worst case of one offline grading.
  const adversarial: AdversarialResult | undefined = !phaseOn('grading')
    ? undefined
    : await phase('adversarial answers', 10_000, async () => {
        const question = questions.find((candidate) => candidate.kind === 'technical') ?? questions[0];
        if (!question) throw new Error('no corpus question');
        return runAdversarialGrading(question);
      });

  // 1c. GET /api/progress with 20,000 graded answers, in this process on a fresh database.
  const progressRun: ProgressBenchResult | undefined = !phaseOn('progress')
    ? undefined
    : await phase('progress at 20,000 answers', 15_000, () => runProgressBench(path.dirname(newDbPath()), set));
  const progressOf = (source: 'all' | 'quick') => progressRun?.bySource.find((row) => row.source === source);

  // 1d. Abuse within the limits, seen from another user, on a server with its default limits.
  const abuse: (AbuseResult & { cpu: CpuReport }) | undefined = !phaseOn('abuse')
    ? undefined
    : await phase('abuse within the limits', 30_000, async () => {
        // Default limits, except the upgrade bucket: every simulated user here shares the address 127.0.0.1.
        const server = await startServer(newDbPath(), { RATE_LIMIT_PER_MINUTE: '300', WS_MAX_PER_ADDRESS: '100' });
        try {
          const meter = meterCpu({ server: server.child.pid, client: process.pid });
          const result = await runAbuseBench({
            base: server.base,
            dbPath: server.dbPath,
            answers: answerPools,
            floodMs: envInt('BENCH_ABUSE_FLOOD_MS', 8_000),
            maxPerUser: 10,
            maxPerAddress: 100,
            progress,
          });
          assertRunning(server.child);
          return { ...result, cpu: meter.stop() };
        } finally {
          await stopChild(server.child);
        }
      });

  // 2. Start-up. tsx's transform cache is already warm: this process loaded the same sources above.
  const startup = !phaseOn('startup') ? undefined : await phase('start-up', 40_000, async () => {
    const cold: number[] = [];
    const warm: number[] = [];
    const tsxWarm: number[] = [];
    const dbPaths: string[] = [];
    for (let run = 0; run < STARTUP_RUNS; run += 1) {
      dbPaths.push(newDbPath());
      const server = await startServer(dbPaths[run] ?? newDbPath());
      cold.push(server.readyMs);
      await stopChild(server.child);
    }
    for (let run = 0; run < STARTUP_RUNS; run += 1) {
      const server = await startServer(dbPaths[run] ?? newDbPath());
      warm.push(server.readyMs);
      await stopChild(server.child);
    }
    // For comparison: the same warm start with TypeScript compiled at run time.
    if (SERVER_ENTRY !== TSX_ENTRY) {
      for (let run = 0; run < 2; run += 1) {
        const server = await startServer(dbPaths[run] ?? newDbPath(), {}, TSX_ENTRY);
        tsxWarm.push(server.readyMs);
        await stopChild(server.child);
      }
    }
    return { cold, warm, tsxWarm };
  });

  // 2b. The offline grader's memory once its thread is warm, in a process of its own.
  const graderMemory = !phaseOn('memory') ? undefined : await phase('offline grader memory', 30_000, measureGraderMemory);
  const graderShareMB = graderMemory ? graderMemory.warmMB - graderMemory.beforeMB : undefined;

  // 3 + 4. Websocket interviews and the echo baseline per N. The LLM runs go before the largest N, which
  // then gets what is left of the budget.
  const runs: WsRun[] = [];
  const llmRuns: LlmRun[] = [];
  const largest = SIZES.length > 0 ? Math.max(...SIZES) : 0;
  let echo: EchoServer | undefined;
  const wsPhase = async (n: number) => {
    const last = n === largest;
    const run = await phase(`websocket interviews N=${n}`, 20_000, () => wsRun(n, answerPools, last ? 6_000 : 50_000));
    if (!run) return;
    runs.push(run);
    run.echo =
      (await phase(`echo baseline N=${n}`, 5_000, async () => {
        if (!echo) {
          const started = await startEcho();
          echo = { child: started.child, url: `ws://${HOST}:${started.port}/ws`, warm: false };
        }
        return echoRun(echo, n, answerPools, last ? 1_000 : 45_000);
      })) ?? null;
  };
  try {
    for (const n of SIZES.filter((size) => size !== largest)) await wsPhase(n);

    // 5. LLM overhead against the fake model.
    if (phaseOn('llm')) {
      await phase('LLM grader against the fake model', 30_000, async () => {
        const fake = await startFakeLlm();
        let server: Server | undefined;
        try {
          const queueSessions = LLM_QUEUE_SESSIONS;
          const llm = await startLlmServer(fake, LLM_SESSIONS + queueSessions, answerPools);
          server = llm.server;
          // Under the cap: offer 40 % of what the cap lets through (cap × 1000 / delay answers/s), so an
          // answer practically never waits for a slot. One answer per session every (think + delay) ms.
          const meanThink = Math.max(300, (LLM_SESSIONS / (0.4 * capacity)) * 1000 - MODEL_DELAY_MS);
          const think: [number, number] = [Math.round(meanThink * 0.8), Math.round(meanThink * 1.2)];
          const reserve = largest > 0 ? 40_000 : 5_000;
          llmRuns.push(await llmRun(server, fake, 'added', llm.tokens.slice(0, LLM_SESSIONS), think, answerPools, reserve));
          if (queueSessions > 0) {
            // About (N × questions) / cap throughput seconds, plus the start phase.
            const needMs = ((queueSessions * QUESTIONS) / capacity) * 1000 + 5_000;
            if (remainingMs() > reserve + needMs) {
              llmRuns.push(await llmRun(server, fake, 'queue', llm.tokens.slice(LLM_SESSIONS), THINK_MS, answerPools, reserve));
            } else {
              skipped.push(`LLM over the cap (N=${queueSessions}): ${Math.round(remainingMs() / 1000)} s of the budget left`);
            }
          }
        } finally {
          if (server) await stopChild(server.child);
          await stopChild(fake.child);
        }
      });
    }
    if (largest > 0) await wsPhase(largest);
  } finally {
    if (echo) await stopChild(echo.child);
  }


  /* ---- Tables ---- */
  if (grading) {
    const { result } = grading;
    out(
      table(
        `Offline grading: ${result.answers} corpus answers × ${result.passes} passes = ${result.gradings} timed gradings after warm-up (ms per answer)`,
        ['answer length', 'behav p50', 'behav p99', 'tech p50', 'tech p99', 'all p50', 'all p99'],
        [
          ...result.byLength.map((row) => [
            `~${row.words} words`,
            fmt(row.behavioural.p50, 3),
            fmt(row.behavioural.p99, 3),
            fmt(row.technical.p50, 3),
            fmt(row.technical.p99, 3),
            fmt(row.all.p50, 3),
            fmt(row.all.p99, 3),
          ]),
          overallRow('all', result.all),
          overallRow('first grade of each (cold caches, JIT)', result.cold),
          overallRow(`each of ${result.coldSweep.questions} corpus questions once, ~300 words: first grading (profile built then)`, result.coldSweep.all),
          overallRow(
            `the same on a grading thread after its idle profile warm-up, as the server (${fmt(result.sweep.warmUpMs / 1000, 1)} s from start; ${result.sweep.partial} cut short)`,
            result.sweep.all,
          ),
        ],
      ),
    );
    out(
      `${fmt(result.answersPerSec, 0)} answers/s on one thread; this process waited for a CPU ${waitPct(grading.cpu, 'bench')} % of the time ` +
        `while other processes used ${fmt(grading.cpu.otherCores, 2)} cores`,
    );
  }

  if (startup) {
    out(
      table(
        `Start-up: spawn of \`${SERVER_ENTRY.label}\` → GET /readyz 200 with the corpus loaded (ms)`,
        ['', 'median', 'runs'],
        [
          ['cold (new database)', fmt(median(startup.cold), 0), startup.cold.map((ms) => ms.toFixed(0)).join(', ')],
          ['warm (existing database)', fmt(median(startup.warm), 0), startup.warm.map((ms) => ms.toFixed(0)).join(', ')],
          ...(startup.tsxWarm.length > 0
            ? [[`warm, ${TSX_ENTRY.label} instead`, fmt(median(startup.tsxWarm), 0), startup.tsxWarm.map((ms) => ms.toFixed(0)).join(', ')]]
            : []),
        ],
      ),
    );
  }

  if (graderMemory) {
    out(
      table(
        `Offline grader memory: RSS of a process before it starts a grading thread and once the thread has warmed up on the corpus (MB; ${graderMemory.bundled ? 'dist/offline-worker.mjs' : 'the thread from the sources, tsx included'})`,
        ['before', 'warm', "grader's share", 'warm-up ms'],
        [[fmt(graderMemory.beforeMB, 0), fmt(graderMemory.warmMB, 0), `+${fmt(graderShareMB, 0)}`, fmt(graderMemory.warmMs, 0)]],
      ),
    );
  }

  if (runs.length > 0) {
    out(
      table(
        `Websocket interviews, offline grader (${QUESTIONS} questions, think ${THINK_MS[0]}–${THINK_MS[1]} ms) vs. the echo baseline (ms)`,
        ['N', 'done', 'answers/s', 'accepted p50', 'accepted p99', 'feedback p50', 'feedback p99', 'echo msgs/s', 'echo p50', 'echo p99', 'p99 ratio', 'errors'],
        runs.map((run) => [
          String(run.n),
          `${run.load.completed}/${run.n}`,
          fmt(run.load.answersPerSec, 0),
          fmt(run.accepted.p50),
          fmt(run.accepted.p99),
          fmt(run.feedback.p50),
          fmt(run.feedback.p99),
          fmt(run.echo?.load.answersPerSec, 0),
          fmt(run.echo?.latency.p50),
          fmt(run.echo?.latency.p99),
          fmt(run.echo ? run.accepted.p99 / run.echo.latency.p99 : Number.NaN, 1),
          errorsCell(run.load),
        ]),
      ),
    );
    out('done = sessions that reached session.ended without an error; p99 ratio = accepted p99 / echo p99');
    out(
      table(
        'Where the time goes (run phase)',
        ['N', 'sent→stored p50', 'sent→stored p99', 'stored→client p99', 'srv CPU %', 'srv ms CPU/answer', 'srv waits for CPU %', 'client CPU %', 'client loop p99 ms', 'other procs (cores)', 'echo CPU %', 'echo waits %'],
        runs.map((run) => [
          String(run.n),
          fmt(run.toStored.p50),
          fmt(run.toStored.p99),
          fmt(run.storedToClient.p99),
          pct(run.cpu, 'server'),
          fmt(run.serverCpuMsPerAnswer),
          waitPct(run.cpu, 'server'),
          pct(run.cpu, 'client'),
          fmt(run.load.clientLoopDelayP99Ms),
          fmt(run.cpu.otherCores, 2),
          pct(run.echo?.cpu, 'server'),
          waitPct(run.echo?.cpu, 'server'),
        ]),
      ),
    );
    out('sent→stored = answer sent → the server\'s timestamp on answer.accepted (1 ms resolution); "waits for CPU" = runnable but not running (/proc/<pid>/schedstat)');
    out(
      table(
        'Connect phase, memory and durability',
        ['N', 'connect phase ms', 'connect+auth p50', 'p99', 'start phase ms', 'start→1st question p99', 'RSS idle MB', 'connected MB', 'all open MB', 'peak MB', 'after MB', 'KB/open session', 'KB/session', 'acked', 'stored', 'lost', 'server error logs'],
        runs.map((run) => [
          String(run.n),
          fmt(run.load.connectPhaseMs, 0),
          fmt(run.connect.p50),
          fmt(run.connect.p99),
          fmt(run.load.startPhaseMs, 0),
          fmt(run.start.p99),
          fmt(run.idleRssKB / 1024, 1),
          fmt(run.connectedRssKB / 1024, 1),
          fmt(run.openRssKB / 1024, 1),
          fmt(run.peakRssKB / 1024, 1),
          fmt(run.afterRssKB / 1024, 1),
          fmt((run.openRssKB - run.idleRssKB) / run.n, 1),
          fmt(run.rssPerSessionKB, 1),
          String(run.load.ackedClientIds.length),
          String(run.stored),
          String(run.lost),
          String(run.serverErrorLines.length),
        ]),
      ),
    );
    out(
      'KB/session = (peak RSS during the run − idle RSS after warm-up) / N (the target\'s definition; includes garbage not yet collected);\n' +
        'connected = all N sockets authenticated; all open = every session started and holding its first question; KB/open session = (all open − idle) / N; after = every socket closed',
    );
    for (const run of runs) {
      for (const line of run.serverErrorLines.slice(0, 3)) out(`  server log (N=${run.n}): ${line.slice(0, 300)}`);
    }
  }

  if (llmRuns.length > 0) {
    out(
      table(
        `LLM grader vs. a fake model answering after ${MODEL_DELAY_MS} ms (LLM_CONCURRENCY=${LLM_CAP} lets through at most ${fmt(capacity, 0)} answers/s; ms)`,
        ['run', 'N', 'think', 'done', 'answers/s', 'feedback p50', 'feedback p99', 'added p50', 'added p99', 'before model p50/p99', 'after model p50/p99', 'max in flight', 'graded by', 'lost', 'errors'],
        llmRuns.map((run) => [
          run.label === 'added' ? 'under the cap' : 'over the cap',
          String(run.n),
          `${run.thinkMs[0]}–${run.thinkMs[1]}`,
          `${run.load.completed}/${run.n}`,
          fmt(run.load.answersPerSec, 0),
          fmt(run.feedback.p50),
          fmt(run.feedback.p99),
          fmt(run.added.p50),
          fmt(run.added.p99),
          `${fmt(run.beforeModel.p50)} / ${fmt(run.beforeModel.p99)}`,
          `${fmt(run.afterModel.p50)} / ${fmt(run.afterModel.p99)}`,
          `${run.maxInFlight}${run.maxInFlight <= LLM_CAP ? ' ≤ ' : ' > '}${LLM_CAP}`,
          JSON.stringify(run.load.gradedBy),
          String(run.lost),
          errorsCell(run.load),
        ]),
      ),
    );
    out('added = answer→feedback − model delay. before model = answer sent → request at the model (accept commit, prompt, wait for a slot, HTTP);');
    out('after model = reply complete → feedback at the client (SSE parse, validation, commit, send).');
    for (const run of llmRuns) {
      out(
        `  ${run.label}: srv CPU ${pct(run.cpu, 'server')} %, waits for CPU ${waitPct(run.cpu, 'server')} %, other procs ${fmt(run.cpu.otherCores, 2)} cores; ` +
          `model timer lateness p99 ${fmt(run.modelLateness.p99)} ms; ${run.requests} model requests (${run.badRequests} rejected); ` +
          `${run.load.deltaFrames} feedback.delta frames (${fmt(run.load.deltaFrames / Math.max(1, run.load.feedbackCount), 0)} per answer)`,
      );
      for (const line of run.serverErrorLines.slice(0, 3)) out(`  server log (LLM ${run.label}): ${line.slice(0, 300)}`);
    }
  }

  if (adversarial) {
    out(
      table(
        `Adversarial answers: each graded with both rubrics in this process, first with empty caches, then 5 more runs (ms)`,
        ['answer', 'chars', 'graded', 'first', 'again p50', 'again max'],
        adversarial.rows.map((row) => [row.name, String(row.chars), row.partial ? 'beginning' : 'whole', fmt(row.coldMs, 1), fmt(row.warmP50Ms, 1), fmt(row.warmMaxMs, 1)]),
      ),
    );
    out(
      `worst over ${adversarial.inputs} answer × rubric pairs: first ${fmt(adversarial.cold.max, 1)} ms, again p50 ${fmt(adversarial.warm.max, 1)} ms, ` +
        `again max ${fmt(adversarial.warmMax.max, 1)} ms`,
    );
  }

  if (progressRun) {
    out(
      table(
        `GET /api/progress with ${progressRun.rows} graded answers (app.inject: routing, auth, SQL, response validation; ${progressRun.calls} calls per source; ms)`,
        ['source', 'rows', 'p50', 'p99', 'max', 'response bytes'],
        progressRun.bySource.map(({ source, latency, responseBytes }) => [
          source,
          String(progressRun.rows),
          fmt(latency.p50),
          fmt(latency.p99),
          fmt(latency.max),
          String(responseBytes),
        ]),
      ),
    );
  }

  if (abuse) {
    const { resumeFlood: flood, gradingFlood: grading, ungraded: left, caps } = abuse;
    out(
      table(
        `Abuse within the default limits, seen from another user (ms)`,
        ['scenario', 'measured', 'p50', 'p99', 'max', 'n'],
        [
          ['quiet (2 s before the flood)', 'HTTP sign-in (GET /api/me)', fmt(flood.baselineHttp.p50), fmt(flood.baselineHttp.p99), fmt(flood.baselineHttp.max), String(flood.baselineHttp.count)],
          ['quiet (2 s before the flood)', 'websocket sign-in (auth → auth.ok)', fmt(flood.baselineWs.p50), fmt(flood.baselineWs.p99), fmt(flood.baselineWs.max), String(flood.baselineWs.count)],
          ['resume flood', 'HTTP sign-in (GET /api/me)', fmt(flood.http.p50), fmt(flood.http.p99), fmt(flood.http.max), String(flood.http.count)],
          ['resume flood', 'websocket sign-in (auth → auth.ok)', fmt(flood.ws.p50), fmt(flood.ws.p99), fmt(flood.ws.max), String(flood.ws.count)],
          ['slow-grading flood', 'interview answer → feedback', fmt(grading.feedback.p50), fmt(grading.feedback.p99), fmt(grading.feedback.max), String(grading.feedback.count)],
        ],
      ),
    );
    out(
      `  resume flood: ${flood.attackerSockets} attacker sockets (${flood.attackerRefused} refused with 4429), ${flood.resumesSent} resumes of a ${flood.sessionMessages}-message ` +
        `interview sent, ${flood.resumesCompleted} completed, ${fmt(flood.attackerBytesPerSec / 1024, 0)} KiB/s sent to the attacker`,
    );
    out(
      `  slow-grading flood: POST /api/feedback dropped after 200 ms from 6 loops → ${JSON.stringify(grading.requests)}; ` +
        `${grading.attackerInterviewAnswers} adversarial interview answers; the victim's ${grading.victimAnswers} answers, ` +
        `${grading.victimWithoutFeedback} moved on from without feedback; server CPU ${pct(abuse.cpu, 'server')} %`,
    );
    out(
      `  afterwards: ${left.acknowledged - left.answeredNotGraded} of ${left.acknowledged} acknowledged answers graded (${fmt(left.drainMs, 0)} ms to drain); ` +
        `sockets held: ${caps.perUserMaxOpen} of ${caps.perUserOpened} for one user (${caps.perUserRefused} refused), ${caps.perAddressMaxOpen} of ${caps.perAddressOpened} from one address`,
    );
  }

  /* ---- Summary ---- */
  const at = (n: number) => runs.find((run) => run.n === n);
  const headline = at(TARGET_N) ?? [...runs].sort((a, b) => a.n - b.n).filter((run) => run.n <= TARGET_N).pop() ?? runs[0];
  const added = llmRuns.find((run) => run.label === 'added');
  const queued = llmRuns.find((run) => run.label === 'queue');
  const completed = runs.filter((run) => run.completedAll).map((run) => run.n);
  const lostAnswers = runs.reduce((sum, run) => sum + run.lost, 0) + llmRuns.reduce((sum, run) => sum + run.lost, 0);
  const gradingResult = grading?.result;
  const grade300 = gradingResult?.byLength.find((row) => row.words === 300)?.all.p50 ?? Number.NaN;
  const ratio = headline?.echo ? headline.accepted.p99 / headline.echo.latency.p99 : Number.NaN;
  const maxInFlight = llmRuns.length > 0 ? Math.max(...llmRuns.map((run) => run.maxInFlight)) : Number.NaN;

  const json: Record<string, number | null | string[]> = {
    gradeMedianMs: round(gradingResult?.all.p50 ?? Number.NaN, 3),
    gradeP99Ms: round(gradingResult?.all.p99 ?? Number.NaN, 3),
    grade300MedianMs: round(grade300, 3),
    gradeCorpusSweepMedianMs: round(gradingResult?.sweep.all.p50 ?? Number.NaN, 3),
    gradeCorpusSweepP99Ms: round(gradingResult?.sweep.all.p99 ?? Number.NaN, 3),
    gradeCorpusSweepColdMedianMs: round(gradingResult?.coldSweep.all.p50 ?? Number.NaN, 3),
    gradeCorpusSweepColdP99Ms: round(gradingResult?.coldSweep.all.p99 ?? Number.NaN, 3),
    gradeAnswersPerSec: round(gradingResult?.answersPerSec ?? Number.NaN, 0),
    wsSessions: completed.length > 0 ? Math.max(...completed) : 0,
    wsHeadlineN: headline?.n ?? null,
    wsAnswersPerSec: round(headline?.load.answersPerSec ?? Number.NaN, 1),
    wsAcceptedP50Ms: round(headline?.accepted.p50 ?? Number.NaN),
    wsAcceptedP99Ms: round(headline?.accepted.p99 ?? Number.NaN),
    wsFeedbackP50Ms: round(headline?.feedback.p50 ?? Number.NaN),
    wsFeedbackP99Ms: round(headline?.feedback.p99 ?? Number.NaN),
    llmAddedP50Ms: round(added?.added.p50 ?? Number.NaN),
    llmAddedP99Ms: round(added?.added.p99 ?? Number.NaN),
    llmBeforeModelP50Ms: round(added?.beforeModel.p50 ?? Number.NaN),
    llmBeforeModelP99Ms: round(added?.beforeModel.p99 ?? Number.NaN),
    llmAfterModelP50Ms: round(added?.afterModel.p50 ?? Number.NaN),
    llmAfterModelP99Ms: round(added?.afterModel.p99 ?? Number.NaN),
    llmSessions: added?.n ?? null,
    llmAnswersPerSec: round(added?.load.answersPerSec ?? Number.NaN, 1),
    llmConcurrencyCap: LLM_CAP,
    llmMaxInFlight: round(maxInFlight, 0),
    llmQueuedSessions: queued?.n ?? null,
    llmQueuedAnswersPerSec: round(queued?.load.answersPerSec ?? Number.NaN, 1),
    llmQueuedAddedP50Ms: round(queued?.added.p50 ?? Number.NaN),
    llmQueuedAddedP99Ms: round(queued?.added.p99 ?? Number.NaN),
    baselineMsgsPerSec: round(headline?.echo?.load.answersPerSec ?? Number.NaN, 1),
    baselineP99Ms: round(headline?.echo?.latency.p99 ?? Number.NaN),
    acceptedVsBaselineP99Ratio: round(ratio, 2),
    rssPerSessionKB: round(headline?.rssPerSessionKB ?? Number.NaN, 1),
    startupColdMs: round(startup ? median(startup.cold) : Number.NaN, 0),
    startupWarmMs: round(startup ? median(startup.warm) : Number.NaN, 0),
    startupTsxWarmMs: round(startup && startup.tsxWarm.length > 0 ? median(startup.tsxWarm) : Number.NaN, 0),
    graderWarmRssMB: round(graderShareMB ?? Number.NaN, 0),
    lostAnswers,
    adversarialGradingMaxMs: round(Math.max(adversarial?.cold.max ?? Number.NaN, adversarial?.warmMax.max ?? Number.NaN), 1),
    adversarialGradingWorstMedianMs: round(adversarial?.warm.max ?? Number.NaN, 1),
    progress20kP99Ms: round(progressOf('all')?.latency.p99 ?? Number.NaN),
    progress20kQuickP99Ms: round(progressOf('quick')?.latency.p99 ?? Number.NaN),
    floodHttpSignInP99Ms: round(abuse?.resumeFlood.http.p99 ?? Number.NaN),
    floodWsSignInP99Ms: round(abuse?.resumeFlood.ws.p99 ?? Number.NaN),
    floodAttackerKiBPerSec: round((abuse?.resumeFlood.attackerBytesPerSec ?? Number.NaN) / 1024, 0),
    gradingFloodFeedbackP99Ms: round(abuse?.gradingFlood.feedback.p99 ?? Number.NaN),
    abuseUngraded: abuse?.ungraded.answeredNotGraded ?? null,
    socketsPerUserMax: abuse?.caps.perUserMaxOpen ?? null,
    socketsPerAddressMax: abuse?.caps.perAddressMaxOpen ?? null,
  };
  for (const run of [...runs].sort((a, b) => a.n - b.n)) {
    json[`ws${run.n}Completed`] = run.load.completed;
    json[`ws${run.n}AnswersPerSec`] = round(run.load.answersPerSec, 1);
    json[`ws${run.n}AcceptedP50Ms`] = round(run.accepted.p50);
    json[`ws${run.n}AcceptedP99Ms`] = round(run.accepted.p99);
    json[`ws${run.n}FeedbackP50Ms`] = round(run.feedback.p50);
    json[`ws${run.n}FeedbackP99Ms`] = round(run.feedback.p99);
    json[`ws${run.n}RssPerSessionKB`] = round(run.rssPerSessionKB, 1);
    json[`ws${run.n}RssPerOpenSessionKB`] = round((run.openRssKB - run.idleRssKB) / run.n, 1);
    json[`ws${run.n}ServerCpuPercent`] = round(run.cpu.cpuPercent['server'] ?? Number.NaN, 0);
    json[`ws${run.n}ServerCpuMsPerAnswer`] = round(run.serverCpuMsPerAnswer);
    json[`ws${run.n}ServerRunQueuePercent`] = round(run.cpu.runQueuePercent['server'] ?? Number.NaN, 0);
    json[`ws${run.n}OtherProcessCores`] = round(run.cpu.otherCores);
    json[`ws${run.n}LostAnswers`] = run.lost;
    json[`baseline${run.n}MsgsPerSec`] = round(run.echo?.load.answersPerSec ?? Number.NaN, 1);
    json[`baseline${run.n}P99Ms`] = round(run.echo?.latency.p99 ?? Number.NaN);
  }

  const check = (label: string, value: number | null | undefined, pass: (value: number) => boolean, shown: string) => {
    const ok = value !== null && value !== undefined && Number.isFinite(value) && pass(value);
    out(`${ok ? 'PASS' : 'MISS'}  ${label}: ${shown}`);
  };
  out('\n## Targets');
  check('offline grading median < 2 ms (all answers)', gradingResult?.all.p50, (v) => v < 2, `${fmt(gradingResult?.all.p50, 3)} ms`);
  check('offline grading median < 2 ms (~300-word answers)', grade300, (v) => v < 2, `${fmt(grade300, 3)} ms`);
  check(
    `answer→accepted p99 < 10 ms at ${headline?.n ?? TARGET_N} sessions`,
    headline?.accepted.p99,
    (v) => v < 10,
    `${fmt(headline?.accepted.p99)} ms (echo baseline p99 ${fmt(headline?.echo?.latency.p99)} ms, ${fmt(headline?.load.answersPerSec, 0)} answers/s)`,
  );
  check(
    `LLM grader adds < 10 ms at p99 to answer→feedback (N=${added?.n ?? LLM_SESSIONS}, under the cap)`,
    added?.added.p99,
    (v) => v < 10,
    `${fmt(added?.added.p99)} ms (p50 ${fmt(added?.added.p50)} ms)`,
  );
  check(`LLM concurrency cap holds (max in flight ≤ ${LLM_CAP})`, maxInFlight, (v) => v <= LLM_CAP && v > 0, `max ${fmt(maxInFlight, 0)}`);
  check('no acknowledged answer lost', lostAnswers, (v) => v === 0, `${lostAnswers} lost`);
  check(
    "offline grader's RSS once warm < +100 MB",
    graderShareMB,
    (v) => v < 100,
    `+${fmt(graderShareMB ?? Number.NaN, 0)} MB`,
  );
  check('warm start-up < 1000 ms', startup ? median(startup.warm) : undefined, (v) => v < 1000, `${fmt(startup ? median(startup.warm) : Number.NaN, 0)} ms`);
  check(`memory per session < 100 KB (N=${headline?.n ?? TARGET_N})`, headline?.rssPerSessionKB, (v) => v < 100, `${fmt(headline?.rssPerSessionKB, 1)} KB`);
  check(
    `every session of N=${SIZES.join('/')} completed with no error`,
    completed.length,
    (v) => v === SIZES.length,
    `largest N completed = ${String(json['wsSessions'])}`,
  );
  const worstGrading = adversarial ? Math.max(adversarial.cold.max, adversarial.warmMax.max) : undefined;
  check(
    'offline grading of any adversarial answer < 100 ms (every run)',
    worstGrading,
    (v) => v < 100,
    `${fmt(worstGrading, 1)} ms at worst; the slowest answer's median ${fmt(adversarial?.warm.max, 1)} ms`,
  );
  for (const source of ['all', 'quick'] as const) {
    const p99 = progressOf(source)?.latency.p99;
    check(`GET /api/progress?source=${source} at 20,000 answers p99 < 50 ms`, p99, (v) => v < 50, `${fmt(p99)} ms`);
  }
  check('HTTP sign-in p99 < 500 ms during a resume flood', abuse?.resumeFlood.http.p99, (v) => v < 500, `${fmt(abuse?.resumeFlood.http.p99)} ms`);
  check('websocket sign-in p99 < 500 ms during a resume flood', abuse?.resumeFlood.ws.p99, (v) => v < 500, `${fmt(abuse?.resumeFlood.ws.p99)} ms`);
  check(
    'interview feedback < 2 s while another user floods slow-to-grade answers',
    abuse && abuse.gradingFlood.victimWithoutFeedback === 0 ? abuse.gradingFlood.feedback.max : undefined,
    (v) => v < 2000,
    `max ${fmt(abuse?.gradingFlood.feedback.max)} ms (p50 ${fmt(abuse?.gradingFlood.feedback.p50)} ms)`,
  );
  check('no acknowledged answer left ungraded (abuse run)', abuse?.ungraded.answeredNotGraded, (v) => v === 0, `${abuse?.ungraded.answeredNotGraded ?? '–'} of ${abuse?.ungraded.acknowledged ?? '–'}`);
  check(
    'no user holds more sockets than WS_MAX_PER_USER (10), no address more than WS_MAX_PER_ADDRESS (100)',
    abuse ? Math.max(abuse.caps.perUserMaxOpen / 10, abuse.caps.perAddressMaxOpen / 100) : undefined,
    (v) => v <= 1,
    `${abuse?.caps.perUserMaxOpen ?? '–'} per user, ${abuse?.caps.perAddressMaxOpen ?? '–'} per address`,
  );
  json['benchSeconds'] = round((performance.now() - benchStarted) / 1000, 1);
  if (skipped.length > 0) {
    json['skipped'] = skipped;
    out(`\nskipped to stay within the time budget:\n  ${skipped.join('\n  ')}`);
  }
  if (failures.length > 0) {
    json['failures'] = failures;
    out(`\n${failures.length} phase(s) failed:\n  ${failures.join('\n  ')}`);
  }
  // Correctness, unlike speed, is asserted: a broken cap or a lost answer fails the run.
  const violations = [
    ...(Number.isFinite(maxInFlight) && maxInFlight > LLM_CAP ? [`the fake model saw ${maxInFlight} calls in flight with LLM_CONCURRENCY=${LLM_CAP}`] : []),
    ...(lostAnswers > 0 ? [`${lostAnswers} acknowledged answer(s) missing from the database`] : []),
    ...(abuse && abuse.ungraded.answeredNotGraded > 0 ? [`${abuse.ungraded.answeredNotGraded} acknowledged answer(s) left ungraded`] : []),
    ...(abuse && (abuse.caps.perUserMaxOpen > 10 || abuse.caps.perAddressMaxOpen > 100) ? ['a socket cap did not hold'] : []),
  ];
  for (const violation of violations) out(`ASSERTION FAILED: ${violation}`);
  out(`\nbench finished in ${elapsedS()} s`);
  out(JSON.stringify(json));
  clearTimeout(watchdog);
  process.exitCode = failures.length > 0 || violations.length > 0 ? 1 : 0;
}

await main();
