/**
 * Chaos: rounds of `kill -9` of the real server while several candidates answer at once, each resuming its
 * interview on every restart and re-sending the answers it has not seen acknowledged (like the UI's outbox).
 * Afterwards one clean start grades whatever was left, and the database is checked: every acknowledged answer
 * stored exactly once, and graded; every resume gapless; `PRAGMA integrity_check` clean.
 *
 * Shared by `npm run chaos` (bench/chaos.ts, many rounds) and the test suite (test/interview/chaos.test.ts,
 * a few). Only 127.0.0.1 is contacted; every wait is bounded.
 */
import type { ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import WebSocket from 'ws';

export interface ChaosOptions {
  rounds: number;
  clients: number;
  dbPath: string;
  port: number;
  /** Starts the server on `dbPath` and `port` and resolves once it is ready. */
  start: (dbPath: string, port: number) => Promise<ChildProcess>;
  /** Longest wait for each client's first new acknowledgement of a round. */
  roundTimeoutMs?: number;
  /** After every client has a new acknowledgement, the kill comes within this many ms, at random. */
  killWindowMs?: number;
  progress?: (line: string) => void;
}

export interface ChaosResult {
  rounds: number;
  acknowledged: number;
  /** Acknowledged client ids with no stored answer, or more than one. */
  lost: string[];
  duplicated: string[];
  /** Acknowledged answers still not graded after the final clean start. */
  ungraded: string[];
  /** Resumes that skipped or repeated a message. */
  gaps: string[];
  integrity: string;
  /** Interviews the clients completed along the way. */
  completedSessions: number;
  elapsedMs: number;
}

interface Answer {
  type: 'answer';
  turnId: string;
  clientId: string;
  text: string;
}

interface Frame {
  type: string;
  seq: number;
  turnId?: string;
  clientId?: string;
  sessionId?: string;
  lastSeq?: number;
}

/** One candidate: its interview, what it has seen, and its outbox; it survives the server's deaths. */
class Candidate {
  token = '';
  sessionId: string | null = null;
  lastSeq = 0;
  readonly outbox = new Map<string, Answer>();
  readonly acked = new Set<string>();
  readonly answeredTurns = new Set<string>();
  completed = 0;
  gaps: string[] = [];
  private socket: WebSocket | null = null;
  private counter = 0;
  private starts = 0;
  /** The latest message said the interview waits for `next`. */
  private awaitingNext = false;
  private startClientId = '';
  /** While resuming: the seq the next replayed message must have. */
  private expected: number | null = null;

  constructor(readonly name: string) {}

  connect(url: string, round: number): void {
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.on('error', () => undefined);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: this.token })));
    socket.on('message', (data: Buffer) => this.receive(JSON.parse(data.toString('utf8')) as Frame, round));
  }

  drop(): void {
    this.socket?.terminate();
    this.socket = null;
    this.expected = null;
  }

  private send(message: object): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }

  /** Starts an interview; a start is sent again with the same clientId until its session.started arrives. */
  private startNew(): void {
    this.sessionId = null;
    this.lastSeq = 0;
    this.awaitingNext = false;
    this.outbox.clear();
    this.starts += 1;
    this.startClientId = `${this.name}-start-${this.starts}`;
    this.sendStart();
  }

  private sendStart(): void {
    this.send({ type: 'start', mode: 'technical', count: 20, secondsPerQuestion: 600, clientId: this.startClientId });
  }

  private receive(message: Frame, round: number): void {
    if (message.type === 'auth.ok') {
      if (this.startClientId === '') this.startNew();
      else if (this.sessionId === null) this.sendStart();
      else {
        this.expected = this.lastSeq + 1;
        this.send({ type: 'resume', sessionId: this.sessionId, lastSeq: this.lastSeq });
      }
      return;
    }
    if (message.type === 'session.resumed') {
      if (this.expected !== null && message.lastSeq !== undefined && this.expected !== message.lastSeq + 1) {
        this.gaps.push(`${this.name}: resumed to ${message.lastSeq} but the replay ended at ${this.expected - 1}`);
      }
      this.expected = null;
      for (const answer of this.outbox.values()) this.send(answer);
      // A `next` sent just before the kill may be lost: asking again once caught up is harmless.
      if (this.awaitingNext) this.send({ type: 'next' });
      return;
    }
    if (message.seq > 0) {
      if (message.type === 'session.started' && message.sessionId !== this.sessionId) {
        this.sessionId = message.sessionId ?? null;
        this.lastSeq = 0;
      }
      // A late message of an interview this candidate has left.
      if (message.sessionId !== this.sessionId) return;
      if (message.type === 'answer.accepted' && message.seq <= this.lastSeq) {
        // The original acknowledgement of a resent answer.
      } else if (message.seq !== this.lastSeq + 1) {
        this.gaps.push(`${this.name}: got seq ${message.seq} (${message.type}) after ${this.lastSeq}`);
      }
      if (this.expected !== null && message.seq === this.expected) this.expected += 1;
      this.lastSeq = Math.max(this.lastSeq, message.seq);
    }
    switch (message.type) {
      case 'next.ready':
        // Practice pacing: go on at once (during a replay, once it has caught up: see session.resumed).
        this.awaitingNext = true;
        if (this.expected === null) this.send({ type: 'next' });
        return;
      case 'answer.accepted':
        if (message.clientId) this.acked.add(message.clientId);
        if (message.turnId) this.outbox.delete(message.turnId);
        return;
      case 'question':
      case 'followup': {
        this.awaitingNext = false;
        const turnId = message.turnId;
        if (!turnId || this.answeredTurns.has(turnId)) return;
        this.answeredTurns.add(turnId);
        this.counter += 1;
        const answer: Answer = {
          type: 'answer',
          turnId,
          clientId: `${this.name}-r${round}-${this.counter}`,
          text: `In round ${round} I cut the training time of job ${this.counter} by ${this.counter % 90}% by profiling its input pipeline.`,
        };
        this.outbox.set(turnId, answer);
        // A little thinking, so answers of several candidates interleave with the kill.
        setTimeout(() => this.send(answer), Math.floor(Math.random() * 30));
        return;
      }
      case 'session.ended':
        this.completed += 1;
        this.startNew();
        return;
      default:
        return;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

async function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function createToken(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'chaos' }),
  });
  if (response.status !== 201) throw new Error(`POST /api/users → ${response.status}`);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string') throw new Error('no token');
  return body.token;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
  const started = Date.now();
  const { port, dbPath } = options;
  const url = `ws://127.0.0.1:${port}/ws`;
  const candidates = Array.from({ length: options.clients }, (_, index) => new Candidate(`c${index}`));
  const roundTimeout = options.roundTimeoutMs ?? 15_000;
  const killWindow = options.killWindowMs ?? 300;

  for (let round = 0; round < options.rounds; round += 1) {
    const server = await options.start(dbPath, port);
    try {
      for (const candidate of candidates) if (candidate.token === '') candidate.token = await createToken(port);
      const before = candidates.map((candidate) => candidate.acked.size);
      for (const candidate of candidates) candidate.connect(url, round);
      // Every candidate gets an answer in, then the server dies at a random moment of the traffic.
      await waitFor(() => candidates.every((candidate, index) => candidate.acked.size > (before[index] ?? 0)), roundTimeout);
      await sleep(Math.floor(Math.random() * killWindow));
    } finally {
      await kill9(server);
      for (const candidate of candidates) candidate.drop();
    }
    options.progress?.(`round ${round + 1}/${options.rounds}: ${candidates.reduce((sum, c) => sum + c.acked.size, 0)} acknowledged so far`);
  }

  // One clean start: recovery grades whatever the kills left ungraded.
  const final = await options.start(dbPath, port);
  const acked = candidates.flatMap((candidate) => [...candidate.acked]);
  try {
    const reader = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const pending = reader.prepare<[], { n: number }>("SELECT count(*) AS n FROM turns WHERE status = 'answered'");
      await waitFor(() => (pending.get()?.n ?? 0) === 0, 30_000);
    } finally {
      reader.close();
    }
  } finally {
    const exited = new Promise((resolve) => final.once('exit', resolve));
    final.kill('SIGTERM');
    await exited;
  }

  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const stored = db.prepare<[string], { n: number; graded: number }>(
      "SELECT count(*) AS n, sum(status = 'graded') AS graded FROM turns WHERE answer_client_id = ?",
    );
    const inputs = db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM client_events c JOIN turns t ON t.id = c.turn_id WHERE t.answer_client_id = ? AND c.type = 'answer'",
    );
    const lost: string[] = [];
    const duplicated: string[] = [];
    const ungraded: string[] = [];
    for (const clientId of acked) {
      const row = stored.get(clientId);
      const n = row?.n ?? 0;
      if (n === 0) lost.push(clientId);
      if (n > 1 || (inputs.get(clientId)?.n ?? 0) > 1) duplicated.push(clientId);
      if (n > 0 && (row?.graded ?? 0) < n) ungraded.push(clientId);
    }
    return {
      rounds: options.rounds,
      acknowledged: acked.length,
      lost,
      duplicated,
      ungraded,
      gaps: candidates.flatMap((candidate) => candidate.gaps),
      integrity,
      completedSessions: candidates.reduce((sum, candidate) => sum + candidate.completed, 0),
      elapsedMs: Date.now() - started,
    };
  } finally {
    db.close();
  }
}
