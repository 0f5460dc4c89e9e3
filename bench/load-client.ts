/**
 * Simulated candidates over real websockets (`ws`). One client code path drives both the interview server
 * and the echo baseline, so connection handling, JSON work and timers cost the same on both sides:
 *
 * 1. Connect phase: N sockets open and authenticate, spread over `connectSpreadMs` (a connect storm is
 *    not what is measured).
 * 2. Start phase: every session sends `start` within `startSpreadMs`; each holds its first question until
 *    all have one (then N interviews are open at once: the moment memory per session is read).
 * 3. Run phase: every session answers its first question within `startSpreadMs` plus a random think
 *    time, and each later question after a think time. Interview: answer → `answer.accepted` and
 *    answer → `feedback` latencies. Echo: the same answer frames, send → echo latency.
 *
 * Every phase is bounded by a deadline; sockets still open at the deadline are terminated and counted.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createRandom, epochNow } from './stats.js';

export interface AnswerPools {
  behavioural: readonly string[];
  technical: readonly string[];
}

export interface LoadOptions {
  /** ws://127.0.0.1:<port>/ws */
  url: string;
  /** One bearer token per session (ignored by the echo server, which echoes the auth frame). */
  tokens: readonly string[];
  sessions: number;
  /** Main questions per interview (`start.count`). */
  questions: number;
  secondsPerQuestion: number;
  /** Think time before each answer, uniformly random in [min, max] ms. */
  thinkMs: readonly [number, number];
  connectSpreadMs: number;
  startSpreadMs: number;
  answers: AnswerPools;
  /** Appends `benchref<clientId>` to each answer so the fake model can time each request. */
  marker: boolean;
  /** Limit of the connect phase beyond `connectSpreadMs`, and of the start + run phases together. */
  timeoutMs: number;
  /** `performance.now()` by which the start + run phases must end, whatever `timeoutMs` allows. */
  deadline?: number;
  seed: number;
  /** Makes client ids unique across runs against one database. */
  runTag: string;
  /** Called once every socket is connected and authenticated, right before the start phase. */
  onConnected?: () => void;
  /** Called once every session holds its first question, right before the run phase. */
  onAllStarted?: () => void;
}

export interface AnswerTiming {
  clientId: string;
  /** Epoch ms (sub-ms precision) when the answer frame was sent. */
  sentAt: number;
  acceptedMs: number | null;
  /** The server's `at` (epoch ms, whole milliseconds) on answer.accepted: when the answer was stored. */
  acceptedServerAt: number | null;
  /** Epoch ms when answer.accepted arrived. */
  acceptedAt: number | null;
  feedbackMs: number | null;
  /** Epoch ms when the feedback arrived. */
  feedbackAt: number | null;
}

export interface LoadResult {
  sessions: number;
  connected: number;
  /** Sessions that ran to `session.ended` (interview) or through every round (echo) without an error. */
  completed: number;
  connectPhaseMs: number;
  /** Socket created → `auth.ok` (or its echo). */
  connectMs: number[];
  /** `start` sent → first `question`. */
  startMs: number[];
  /** Interview: answer → answer.accepted. Echo: send → echo. */
  acceptedMs: number[];
  /** Interview only: answer → feedback. */
  feedbackMs: number[];
  answers: AnswerTiming[];
  answersSent: number;
  acceptedCount: number;
  feedbackCount: number;
  deltaFrames: number;
  /** Feedback frames by grader: `llm`, `offline`, or `fallback` (the LLM grader fell back to offline). */
  gradedBy: Record<string, number>;
  ackedClientIds: string[];
  /** `error` frames by code, plus client-side failures (`socket_error`, `timeout`, `unexpected:<type>`). */
  errors: Record<string, number>;
  /** Sockets closed by the server before the session ended, by close code. */
  unexpectedCloses: Record<string, number>;
  /** First `start` sent → every session holds its first question. */
  startPhaseMs: number;
  /** First questions released → last session done. */
  runPhaseMs: number;
  /** Answers acknowledged (or echoed) per second of the run phase. */
  answersPerSec: number;
  /** This process's event-loop delay during the run phase: if high, the client, not the server, limits. */
  clientLoopDelayP99Ms: number;
  /** CPU this process used during the run phase, in % of one core. */
  clientCpuPercent: number;
}

type Mode = 'interview' | 'echo';

interface Session {
  index: number;
  socket: WebSocket | null;
  createdAt: number;
  authed: boolean;
  startSentAt: number;
  firstQuestionSeen: boolean;
  /** The first question, held until every session has one. */
  held: { turnId: string; kind: string } | null;
  asked: number;
  /** Answers in flight, by client id (interview: until feedback; echo: until the echo). */
  pending: Map<string, AnswerTiming & { sentPerf: number; turnId: string }>;
  done: boolean;
  failed: boolean;
  timer: NodeJS.Timeout | null;
  random: () => number;
}

function field(message: Record<string, unknown>, key: string): string | undefined {
  const value = message[key];
  return typeof value === 'string' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFrame(data: WebSocket.RawData): Record<string, unknown> | null {
  const text = Buffer.isBuffer(data)
    ? data.toString('utf8')
    : Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data).toString('utf8');
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export async function runLoad(mode: Mode, options: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = {
    sessions: options.sessions,
    connected: 0,
    completed: 0,
    connectPhaseMs: 0,
    connectMs: [],
    startMs: [],
    acceptedMs: [],
    feedbackMs: [],
    answers: [],
    answersSent: 0,
    acceptedCount: 0,
    feedbackCount: 0,
    deltaFrames: 0,
    gradedBy: {},
    ackedClientIds: [],
    errors: {},
    unexpectedCloses: {},
    startPhaseMs: 0,
    runPhaseMs: 0,
    answersPerSec: 0,
    clientLoopDelayP99Ms: 0,
    clientCpuPercent: 0,
  };
  if (options.tokens.length < options.sessions) throw new Error(`need ${options.sessions} tokens, got ${options.tokens.length}`);
  const pickRandom = createRandom(options.seed);
  const sessions: Session[] = Array.from({ length: options.sessions }, (_, index) => ({
    index,
    socket: null,
    createdAt: 0,
    authed: false,
    startSentAt: 0,
    firstQuestionSeen: false,
    held: null,
    asked: 0,
    pending: new Map(),
    done: false,
    failed: false,
    timer: null,
    random: createRandom(options.seed * 7919 + index),
  }));

  let phase: 'connect' | 'start' = 'connect';
  let onProgress: () => void = () => undefined;
  let lastDoneAt = 0;
  let releasedAt: number | null = null;

  const think = (session: Session) => {
    const [min, max] = options.thinkMs;
    return min + session.random() * (max - min);
  };

  const finish = (session: Session, failed: boolean) => {
    if (session.done) return;
    session.done = true;
    session.failed = failed;
    if (session.timer) clearTimeout(session.timer);
    if (!failed) result.completed += 1;
    lastDoneAt = performance.now();
    session.socket?.close(1000, 'done');
    checkBarrier();
    onProgress();
  };

  const fail = (session: Session, code: string) => {
    bump(result.errors, code);
    finish(session, true);
  };

  const answerText = (session: Session, kind: string): string => {
    const pool = kind === 'behavioural' ? options.answers.behavioural : options.answers.technical;
    const text = pool[(session.index * 7 + session.asked * 13) % pool.length] ?? 'I would start with a baseline.';
    return text;
  };

  /** Sends the answer frame to `turnId` and starts its clocks. */
  const sendAnswer = (session: Session, turnId: string, kind: string) => {
    const socket = session.socket;
    if (!socket || session.done || socket.readyState !== WebSocket.OPEN) return;
    const clientId = `${options.runTag}s${session.index}a${session.asked}`;
    const base = answerText(session, kind);
    const text = options.marker ? `${base} benchref${clientId}` : base;
    const frame = JSON.stringify({ type: 'answer', turnId, clientId, text });
    const timing = { clientId, sentAt: epochNow(), acceptedMs: null, acceptedServerAt: null, acceptedAt: null, feedbackMs: null, feedbackAt: null, sentPerf: performance.now(), turnId };
    session.pending.set(clientId, timing);
    result.answers.push(timing);
    result.answersSent += 1;
    socket.send(frame);
  };

  const scheduleAnswer = (session: Session, turnId: string, kind: string) => {
    session.asked += 1;
    session.timer = setTimeout(() => {
      session.timer = null;
      sendAnswer(session, turnId, kind);
    }, think(session));
  };

  /** Lets every session answer its held first question: spread over `startSpreadMs`, plus a think time. */
  function checkBarrier(): void {
    if (releasedAt !== null || phase !== 'start' || !sessions.every((session) => session.done || session.held !== null)) return;
    options.onAllStarted?.();
    releasedAt = performance.now();
    for (const session of sessions) {
      const held = session.held;
      session.held = null;
      if (!held || session.done) continue;
      session.asked += 1;
      session.timer = setTimeout(() => {
        session.timer = null;
        sendAnswer(session, held.turnId, held.kind);
      }, pickRandom() * options.startSpreadMs + think(session));
    }
  }

  /** Echo mode has no questions: the client plays them itself, alternating kinds like a mixed interview. */
  const echoNextRound = (session: Session) => {
    if (session.asked >= options.questions) return finish(session, false);
    const kind = session.asked % 2 === 0 ? 'behavioural' : 'technical';
    scheduleAnswer(session, `echo-${session.index}-${session.asked}`, kind);
  };

  const onInterviewMessage = (session: Session, message: Record<string, unknown>, at: number) => {
    const type = field(message, 'type');
    switch (type) {
      case 'auth.ok':
        session.authed = true;
        result.connectMs.push(at - session.createdAt);
        result.connected += 1;
        return onProgress();
      case 'session.started':
      case 'session.summary':
        return undefined;
      case 'question':
      case 'followup': {
        const turnId = field(message, 'turnId');
        const kind = field(message, 'kind') ?? 'technical';
        if (!turnId) return fail(session, 'bad_question_frame');
        if (!session.firstQuestionSeen) {
          session.firstQuestionSeen = true;
          result.startMs.push(at - session.startSentAt);
          session.held = { turnId, kind };
          return checkBarrier();
        }
        return scheduleAnswer(session, turnId, kind);
      }
      case 'answer.accepted': {
        const pending = session.pending.get(field(message, 'clientId') ?? '');
        if (!pending) return bump(result.errors, 'unmatched_ack');
        pending.acceptedMs = at - pending.sentPerf;
        pending.acceptedAt = epochNow();
        const serverAt = message['at'];
        pending.acceptedServerAt = typeof serverAt === 'number' ? serverAt : null;
        result.acceptedMs.push(pending.acceptedMs);
        result.acceptedCount += 1;
        result.ackedClientIds.push(pending.clientId);
        return undefined;
      }
      case 'feedback.delta':
        result.deltaFrames += 1;
        return undefined;
      case 'feedback': {
        const turnId = field(message, 'turnId');
        const pending = [...session.pending.values()].find((item) => item.turnId === turnId);
        if (!pending) return bump(result.errors, 'unmatched_feedback');
        pending.feedbackMs = at - pending.sentPerf;
        pending.feedbackAt = epochNow();
        result.feedbackMs.push(pending.feedbackMs);
        result.feedbackCount += 1;
        session.pending.delete(pending.clientId);
        const grader = message['grader'];
        if (isRecord(grader)) bump(result.gradedBy, field(grader, 'fallbackReason') ? 'fallback' : (field(grader, 'kind') ?? '?'));
        return undefined;
      }
      case 'session.ended':
        // Every question answered and every answer graded, or the interview went wrong.
        if (session.pending.size > 0 || session.asked < options.questions) return fail(session, 'ended_early');
        return finish(session, false);
      case 'error':
        return fail(session, `error:${field(message, 'code') ?? 'unknown'}`);
      default:
        // time.up, turn.skipped or anything new: not part of a steady interview.
        return fail(session, `unexpected:${type ?? 'no-type'}`);
    }
  };

  const onEchoMessage = (session: Session, message: Record<string, unknown>, at: number) => {
    const type = field(message, 'type');
    if (type === 'auth') {
      session.authed = true;
      result.connectMs.push(at - session.createdAt);
      result.connected += 1;
      return onProgress();
    }
    if (type !== 'answer') return fail(session, `unexpected:${type ?? 'no-type'}`);
    const pending = session.pending.get(field(message, 'clientId') ?? '');
    if (!pending) return bump(result.errors, 'unmatched_echo');
    pending.acceptedMs = at - pending.sentPerf;
    result.acceptedMs.push(pending.acceptedMs);
    result.acceptedCount += 1;
    session.pending.delete(pending.clientId);
    return echoNextRound(session);
  };

  const open = (session: Session) => {
    session.createdAt = performance.now();
    const socket = new WebSocket(options.url, { perMessageDeflate: false, handshakeTimeout: Math.min(options.timeoutMs, 10_000) });
    session.socket = socket;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: options.tokens[session.index] })));
    socket.on('message', (data: WebSocket.RawData) => {
      const at = performance.now();
      if (session.done) return;
      const message = parseFrame(data);
      if (!message) return fail(session, 'bad_frame');
      if (mode === 'interview') onInterviewMessage(session, message, at);
      else onEchoMessage(session, message, at);
    });
    socket.on('error', () => bump(result.errors, 'socket_error'));
    socket.on('close', (code: number) => {
      if (session.done) return;
      bump(result.unexpectedCloses, String(code));
      finish(session, true);
    });
  };

  const waitUntil = (condition: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        onProgress = () => undefined;
        resolve(false);
      }, timeoutMs);
      onProgress = () => {
        if (condition()) {
          clearTimeout(timer);
          onProgress = () => undefined;
          resolve(true);
        }
      };
      onProgress();
    });

  // Connect phase.
  const connectStarted = performance.now();
  const connectTimers = sessions.map((session) =>
    setTimeout(() => open(session), (session.index * options.connectSpreadMs) / options.sessions),
  );
  const connectedInTime = await waitUntil(
    () => sessions.every((session) => session.authed || session.done),
    options.connectSpreadMs + options.timeoutMs,
  );
  connectTimers.forEach(clearTimeout);
  result.connectPhaseMs = performance.now() - connectStarted;
  if (!connectedInTime) {
    for (const session of sessions) if (!session.authed && !session.done) fail(session, 'connect_timeout');
  }

  // Start and run phases.
  options.onConnected?.();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const cpuBefore = process.cpuUsage();
  const runStarted = performance.now();
  phase = 'start';
  for (const session of sessions) {
    if (session.done) continue;
    session.timer = setTimeout(() => {
      session.timer = null;
      session.startSentAt = performance.now();
      if (mode === 'echo') {
        // The echo server has no interview to start: the first "question" is there at once.
        session.firstQuestionSeen = true;
        result.startMs.push(0);
        session.held = { turnId: `echo-${session.index}-0`, kind: 'behavioural' };
        return checkBarrier();
      }
      session.socket?.send(
        JSON.stringify({ type: 'start', mode: 'mixed', count: options.questions, secondsPerQuestion: options.secondsPerQuestion }),
      );
      return undefined;
    }, pickRandom() * options.startSpreadMs);
  }
  const runLimit = Math.min(options.startSpreadMs + options.timeoutMs, (options.deadline ?? Number.POSITIVE_INFINITY) - performance.now());
  const allDone = await waitUntil(() => sessions.every((session) => session.done), Math.max(1_000, runLimit));
  const runEnded = allDone ? lastDoneAt : performance.now();
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuBefore);
  if (!allDone) {
    for (const session of sessions) {
      if (!session.done) {
        session.socket?.terminate();
        fail(session, 'run_timeout');
      }
    }
  }
  result.startPhaseMs = (releasedAt ?? runEnded) - runStarted;
  result.runPhaseMs = releasedAt === null ? 0 : runEnded - releasedAt;
  result.answersPerSec = result.runPhaseMs > 0 ? (result.acceptedCount / result.runPhaseMs) * 1000 : 0;
  result.clientLoopDelayP99Ms = loopDelay.percentile(99) / 1e6;
  result.clientCpuPercent = ((cpu.user + cpu.system) / 1000 / Math.max(1, runEnded - runStarted)) * 100;

  // Let the close handshakes finish so the next run starts from a quiet server.
  await Promise.all(
    sessions.map(
      (session) =>
        new Promise<void>((resolve) => {
          const socket = session.socket;
          if (!socket || socket.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 2000);
          socket.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          return undefined;
        }),
    ),
  );
  return result;
}
