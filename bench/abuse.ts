/**
 * Abuse within the limits, measured from another user's side, against the real server process with its
 * default limits (bench/README.md, "Abuse"):
 *
 * 1. Resume flood: one user holds a long interview (~120 messages) and resumes it from the start on every
 *    socket it may open, 19 times a second each (under the 20 frames/s per socket). Meanwhile a victim signs
 *    in over HTTP (GET /api/me) and over the websocket (connect, auth → auth.ok) every 100 ms.
 * 2. Slow-grading flood: one user sends the slowest answers known (bench/adversarial.ts) to POST
 *    /api/feedback from 6 loops, dropping each request after 200 ms, and answers its own interviews with them.
 *    Meanwhile a victim does an interview and times answer → feedback.
 * 3. Afterwards: every acknowledged answer must be graded (within 45 s, the second retry of a failed grading).
 * 4. Socket caps: one user opens twice WS_MAX_PER_USER authenticated sockets; one address opens more than
 *    WS_MAX_PER_ADDRESS; how many stay open.
 */
import WebSocket from 'ws';
import { z } from 'zod';
import Database from 'better-sqlite3';
import { adversarialAnswers } from './adversarial.js';
import type { AnswerPools } from './load-client.js';
import { summarize, type Summary } from './stats.js';

export interface AbuseOptions {
  base: string;
  dbPath: string;
  answers: AnswerPools;
  floodMs: number;
  /** The server's caps (its defaults unless the bench set others). */
  maxPerUser: number;
  maxPerAddress: number;
  progress: (line: string) => void;
}

export interface AbuseResult {
  resumeFlood: {
    baselineHttp: Summary;
    baselineWs: Summary;
    http: Summary;
    ws: Summary;
    attackerSockets: number;
    attackerRefused: number;
    resumesSent: number;
    resumesCompleted: number;
    attackerBytesPerSec: number;
    sessionMessages: number;
  };
  gradingFlood: {
    feedback: Summary;
    victimAnswers: number;
    /** Victim answers the interview moved on from without feedback (their grading failed; graded later). */
    victimWithoutFeedback: number;
    requests: Record<string, number>;
    attackerInterviewAnswers: number;
  };
  ungraded: { acknowledged: number; answeredNotGraded: number; drainMs: number };
  caps: { perUserOpened: number; perUserRefused: number; perUserMaxOpen: number; perAddressOpened: number; perAddressMaxOpen: number };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const FrameSchema = z.object({ type: z.string(), seq: z.number() }).passthrough();
type Frame = z.infer<typeof FrameSchema>;

/** A websocket with a queue of parsed frames and a way to wait for one. */
class Socket {
  readonly frames: Frame[] = [];
  closed: number | null = null;
  bytes = 0;
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.bytes += data.length;
      this.frames.push(FrameSchema.parse(JSON.parse(data.toString('utf8'))));
      this.wake();
    });
    ws.on('close', (code: number) => {
      this.closed = code;
      this.wake();
    });
    ws.on('error', () => undefined);
  }

  static open(url: string): Promise<Socket> {
    const ws = new WebSocket(url);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Socket(ws)));
      ws.once('error', reject);
    });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  send(message: object): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  /** The first frame from `from` on matching `match`; its index. Fails after `timeoutMs` or on close. */
  async wait(match: (frame: Frame) => boolean, from = 0, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex((frame, i) => i >= from && match(frame));
      if (index !== -1) return index;
      if (this.closed !== null) throw new Error(`socket closed (${this.closed})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.ws.terminate();
  }
}

const wsUrl = (base: string) => `${base.replace('http://', 'ws://')}/ws`;

async function newUser(base: string): Promise<string> {
  const response = await fetch(`${base}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (response.status !== 201) throw new Error(`POST /api/users → ${response.status}`);
  return z.object({ token: z.string() }).parse(await response.json()).token;
}

async function authed(base: string, token: string): Promise<Socket> {
  const socket = await Socket.open(wsUrl(base));
  socket.send({ type: 'auth', token });
  await socket.wait((frame) => frame.type === 'auth.ok' || frame.type === 'error');
  return socket;
}

/** Sign-in latencies of a victim every `everyMs` until `until()`: HTTP GET /api/me and websocket auth. */
async function victimSignIns(base: string, token: string, everyMs: number, until: () => boolean): Promise<{ http: number[]; ws: number[] }> {
  const http: number[] = [];
  const ws: number[] = [];
  const httpLoop = async () => {
    while (!until()) {
      const started = performance.now();
      const response = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      if (response.status === 200) http.push(performance.now() - started);
      await sleep(everyMs);
    }
  };
  const wsLoop = async () => {
    while (!until()) {
      const started = performance.now();
      const socket = await Socket.open(wsUrl(base));
      socket.send({ type: 'auth', token });
      await socket.wait((frame) => frame.type === 'auth.ok');
      ws.push(performance.now() - started);
      socket.close();
      await sleep(everyMs);
    }
  };
  await Promise.all([httpLoop(), wsLoop()]);
  return { http, ws };
}

/**
 * Runs an interview of `count` questions answering each with `answer(i)` after `thinkMs`; returns answer →
 * feedback ms, and how many answers got no feedback before the interview moved on (a failed grading: the
 * server grades it later).
 */
async function interview(
  base: string,
  token: string,
  count: number,
  answer: (index: number) => string,
  thinkMs: number,
): Promise<{ feedbackMs: number[]; acked: string[]; withoutFeedback: number }> {
  const socket = await authed(base, token);
  socket.send({ type: 'start', mode: 'technical', count, secondsPerQuestion: 600, followUps: false });
  const feedbackMs: number[] = [];
  const acked: string[] = [];
  let withoutFeedback = 0;
  const TurnSchema = z.object({ turnId: z.string() });
  let q = await socket.wait((frame) => frame.type === 'question', 0, 60_000);
  try {
    for (let index = 0; index < count; index += 1) {
      const turnId = TurnSchema.parse(socket.frames[q]).turnId;
      await sleep(thinkMs);
      const clientId = `${turnId}-a`;
      const sent = performance.now();
      socket.send({ type: 'answer', turnId, clientId, text: answer(index) });
      const ack = await socket.wait((frame) => frame.type === 'answer.accepted' || (frame.type === 'error' && frame['ref'] !== undefined), q + 1, 60_000);
      if (socket.frames[ack]?.type !== 'answer.accepted') throw new Error(`answer refused: ${JSON.stringify(socket.frames[ack])}`);
      acked.push(clientId);
      const next = await socket.wait(
        (frame) => (frame.type === 'feedback' && frame['turnId'] === turnId) || frame.type === 'question' || frame.type === 'session.ended',
        ack + 1,
        60_000,
      );
      if (socket.frames[next]?.type === 'feedback') {
        feedbackMs.push(performance.now() - sent);
        if (index + 1 < count) q = await socket.wait((frame) => frame.type === 'question', next + 1, 60_000);
      } else {
        withoutFeedback += 1;
        q = next;
      }
    }
  } finally {
    socket.close();
  }
  return { feedbackMs, acked, withoutFeedback };
}

async function resumeFlood(options: AbuseOptions): Promise<AbuseResult['resumeFlood'] & { acked: string[] }> {
  const { base } = options;
  const attacker = await newUser(base);
  const victim = await newUser(base);
  // A long transcript: 20 questions with follow-ups, each answered at once (~120 messages).
  const setup = await authed(base, attacker);
  setup.send({ type: 'start', mode: 'technical', count: 20, secondsPerQuestion: 600, followUps: true, clientId: 'flood-session' });
  const started = await setup.wait((frame) => frame.type === 'session.started');
  const sessionId = z.object({ sessionId: z.string() }).parse(setup.frames[started]).sessionId;
  const acked: string[] = [];
  let from = 0;
  for (;;) {
    const next = await setup.wait((frame) => frame.type === 'question' || frame.type === 'followup' || frame.type === 'session.ended', from, 30_000);
    const frame = setup.frames[next];
    from = next + 1;
    if (frame?.type === 'session.ended') break;
    const turnId = z.object({ turnId: z.string() }).parse(frame).turnId;
    setup.send({ type: 'answer', turnId, clientId: `${turnId}-f`, text: options.answers.technical[next % options.answers.technical.length] ?? 'An answer.' });
    acked.push(`${turnId}-f`);
  }
  const sessionMessages = setup.frames.filter((frame) => frame.seq > 0).length;
  setup.close();

  let stop = false;
  const baselineEnd = Date.now() + 2_000;
  const baseline = await victimSignIns(base, victim, 100, () => Date.now() > baselineEnd);

  // The flood: as many sockets as the attacker can get (twice the cap is tried), 19 resumes/s each.
  const sockets: Socket[] = [];
  let refused = 0;
  for (let index = 0; index < 2 * options.maxPerUser; index += 1) {
    const socket = await authed(base, attacker);
    if (socket.frames.some((frame) => frame.type === 'auth.ok')) sockets.push(socket);
    else {
      refused += 1;
      socket.close();
    }
  }
  let resumesSent = 0;
  const floodStart = performance.now();
  const floods = sockets.map(async (socket) => {
    while (!stop && socket.closed === null) {
      socket.send({ type: 'resume', sessionId, lastSeq: 0 });
      resumesSent += 1;
      await sleep(1000 / 19);
    }
  });
  const floodEnd = Date.now() + options.floodMs;
  const during = await victimSignIns(base, victim, 100, () => Date.now() > floodEnd);
  stop = true;
  await Promise.all(floods);
  const floodSeconds = (performance.now() - floodStart) / 1000;
  const bytes = sockets.reduce((sum, socket) => sum + socket.bytes, 0);
  const resumesCompleted = sockets.reduce((sum, socket) => sum + socket.frames.filter((frame) => frame.type === 'session.resumed').length, 0);
  for (const socket of sockets) socket.close();
  return {
    baselineHttp: summarize(baseline.http),
    baselineWs: summarize(baseline.ws),
    http: summarize(during.http),
    ws: summarize(during.ws),
    attackerSockets: sockets.length,
    attackerRefused: refused,
    resumesSent,
    resumesCompleted,
    attackerBytesPerSec: bytes / floodSeconds,
    sessionMessages,
    acked,
  };
}

async function gradingFlood(options: AbuseOptions): Promise<AbuseResult['gradingFlood'] & { acked: string[] }> {
  const { base } = options;
  const attacker = await newUser(base);
  const victim = await newUser(base);
  const slow = Object.values(adversarialAnswers());
  const requests: Record<string, number> = {};
  let stop = false;
  let counter = 0;
  const dropAfter200ms = async () => {
    while (!stop) {
      counter += 1;
      const answer = (slow[counter % slow.length] ?? '').slice(0, -4) + String(counter % 10_000).padStart(4, '0');
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 200);
      try {
        const response = await fetch(`${base}/api/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${attacker}` },
          body: JSON.stringify({ question: 'Explain the bias-variance trade-off.', answer, rubric: 'technical' }),
          signal: controller.signal,
        });
        await response.arrayBuffer();
        requests[String(response.status)] = (requests[String(response.status)] ?? 0) + 1;
        // Within the limits: a refused client waits as told.
        if (response.status === 429) await sleep(Math.min(5_000, Number(response.headers.get('retry-after') ?? '1') * 1000));
      } catch {
        requests['dropped'] = (requests['dropped'] ?? 0) + 1;
      } finally {
        clearTimeout(timer);
      }
    }
  };
  const attackerInterviews = async () => {
    let answered = 0;
    const acked: string[] = [];
    while (!stop) {
      const run = await interview(base, attacker, 3, (index) => slow[(answered + index) % slow.length] ?? 'x', 0);
      answered += run.acked.length;
      acked.push(...run.acked);
    }
    return acked;
  };
  const loops = Array.from({ length: 6 }, dropAfter200ms);
  const attackerRuns = Array.from({ length: 3 }, attackerInterviews);
  await sleep(1_000);
  const victimRun = await interview(base, victim, 8, (index) => options.answers.technical[index % options.answers.technical.length] ?? 'An answer.', 300);
  stop = true;
  await Promise.all(loops);
  const attackerAcked = (await Promise.all(attackerRuns)).flat();
  return {
    feedback: summarize(victimRun.feedbackMs),
    victimAnswers: victimRun.acked.length,
    victimWithoutFeedback: victimRun.withoutFeedback,
    requests,
    attackerInterviewAnswers: attackerAcked.length,
    acked: [...victimRun.acked, ...attackerAcked],
  };
}

async function socketCaps(options: AbuseOptions): Promise<AbuseResult['caps']> {
  const { base } = options;
  const user = await newUser(base);
  const perUser = await Promise.all(Array.from({ length: 2 * options.maxPerUser }, () => authed(base, user)));
  await sleep(300);
  const perUserOpen = perUser.filter((socket) => socket.closed === null && socket.frames.some((frame) => frame.type === 'auth.ok')).length;
  const perUserRefused = perUser.filter((socket) => socket.closed === 4429).length;
  for (const socket of perUser) socket.close();
  await sleep(300);
  const perAddress = await Promise.all(Array.from({ length: options.maxPerAddress + 50 }, () => Socket.open(wsUrl(base)).catch(() => null)));
  await sleep(500);
  const perAddressOpen = perAddress.filter((socket) => socket !== null && socket.closed === null).length;
  for (const socket of perAddress) socket?.close();
  return {
    perUserOpened: perUser.length,
    perUserRefused,
    perUserMaxOpen: perUserOpen,
    perAddressOpened: perAddress.length,
    perAddressMaxOpen: perAddressOpen,
  };
}

/** Acknowledged answers not graded once the server has had `timeoutMs` to drain its queue. */
async function ungradedAfterDrain(dbPath: string, acked: readonly string[], timeoutMs: number): Promise<AbuseResult['ungraded']> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const status = db.prepare<[string], { status: string }>('SELECT status FROM turns WHERE answer_client_id = ?');
    const started = performance.now();
    let notGraded = acked.length;
    while (performance.now() - started < timeoutMs) {
      notGraded = acked.filter((clientId) => status.get(clientId)?.status !== 'graded').length;
      if (notGraded === 0) break;
      await sleep(50);
    }
    return { acknowledged: acked.length, answeredNotGraded: notGraded, drainMs: performance.now() - started };
  } finally {
    db.close();
  }
}

export async function runAbuseBench(options: AbuseOptions): Promise<AbuseResult> {
  options.progress('abuse: resume flood');
  const flood = await resumeFlood(options);
  options.progress('abuse: slow-grading flood');
  const grading = await gradingFlood(options);
  options.progress('abuse: ungraded answers, socket caps');
  // Long enough for the retries of a failed grading (after 5 s and 30 s).
  const ungraded = await ungradedAfterDrain(options.dbPath, [...flood.acked, ...grading.acked], 45_000);
  const caps = await socketCaps(options);
  const { acked: _floodAcked, ...resumeFloodResult } = flood;
  const { acked: _gradingAcked, ...gradingFloodResult } = grading;
  return { resumeFlood: resumeFloodResult, gradingFlood: gradingFloodResult, ungraded, caps };
}
