import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/corpus-loader.js';
import { createCorpusRepository } from '../../src/corpus/corpus-repository.js';
import { createCorpusService, type CorpusService } from '../../src/corpus/corpus-service.js';
import { createFeedbackRepository } from '../../src/grading/feedback-repository.js';
import { createPreviousAttempts } from '../../src/grading/previous-attempts.js';
import type { Grader } from '../../src/grading/grader.js';
import { createGradingService } from '../../src/grading/grading-service.js';
import { gradeOffline } from '../../src/grading/offline/offline-grader.js';
import { GradingUnavailableError } from '../../src/grading/offline/threaded-grader.js';
import { createUsageRepository } from '../../src/grading/usage-repository.js';
import { createInterviewService, type InterviewService } from '../../src/interview/interview-service.js';
import type { Subscriber } from '../../src/interview/live-sessions.js';
import type { ServerMessage } from '../../src/contracts/protocol.js';
import { createSessionRepository } from '../../src/interview/session-repository.js';
import { openDb, type Db } from '../../src/store/db.js';
import { createUserRepository } from '../../src/users/user-repository.js';
import { createUserService } from '../../src/users/user-service.js';
import { tempDir } from '../helpers/app.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { suiteLogStream } from '../helpers/log-capture.js';

const SECONDS = 60;
const ANSWER = 'I would use k-fold cross-validation: it averages the error over folds, so the estimate has less variance.';

/**
 * The interview service over a real database, restarted at will: a graceful restart closes the service
 * (drafts written, timers stopped) and starts another with `recover()`; a crash drops it without a word
 * and continues on a fresh clock, so none of its timers or gradings can act again. The grader fails while
 * `failing` is set, as when no grading thread runs.
 */
class Harness {
  clock = new FakeClock();
  service!: InterviewService;
  failing = false;
  readonly messages: ServerMessage[] = [];
  sessionId = '';
  private readonly subscriber: Subscriber = {
    send: (message) => void this.messages.push(message),
    replay: async (read) => {
      const page = read();
      if (page) this.messages.push(...page);
      return page !== undefined;
    },
  };

  constructor(
    readonly db: Db,
    private readonly corpus: CorpusService,
    readonly userId: string,
  ) {
    this.boot();
  }

  private boot(): void {
    const grader: Grader = {
      kind: 'offline',
      identity: () => 'restarts-test-grader',
      grade: async (input) => {
        if (this.failing) throw new GradingUnavailableError('no offline grading thread is running');
        return gradeOffline(input);
      },
    };
    const clock = this.clock;
    const grading = createGradingService({
      corpus: this.corpus,
      feedback: createFeedbackRepository(this.db),
      previousAttempts: createPreviousAttempts(this.db),
      usage: createUsageRepository(this.db),
      graders: { primary: grader, offline: grader },
      dailyTokenBudget: 1,
      concurrencyPerUser: 2,
      now: () => clock.now(),
    });
    this.service = createInterviewService({
      db: this.db,
      sessions: createSessionRepository(this.db),
      corpus: this.corpus,
      grading,
      clock,
      log: pino({ level: 'debug' }, suiteLogStream()),
      options: { draftSaveIntervalMs: 3_000, draftQuotaBytes: 1_000_000 },
    });
    this.service.recover();
    if (this.sessionId) this.service.resume(this.userId, this.sessionId, this.lastSeq(), this.subscriber);
  }

  async restart(kind: 'graceful' | 'crash'): Promise<void> {
    if (kind === 'graceful') await this.service.close();
    else this.clock = new FakeClock(this.clock.now());
    this.boot();
    await settle();
  }

  lastSeq(): number {
    return this.messages.reduce((max, message) => Math.max(max, message.seq), 0);
  }

  async start(): Promise<void> {
    this.sessionId = this.service.start(
      this.userId,
      { mode: 'technical', count: 3, secondsPerQuestion: SECONDS, followUps: false, pacing: 'practice' },
      this.subscriber,
    );
    await settle();
  }

  /** The open turn: the latest one, asked and not closed. */
  openTurn(): { id: string; deadline: number } {
    const row = this.db
      .prepare<[string], { id: string; deadline: number }>("SELECT id, deadline FROM turns WHERE session_id = ? AND status = 'asked' ORDER BY position DESC LIMIT 1")
      .get(this.sessionId);
    if (!row) throw new Error('no open turn');
    return row;
  }

  async answer(): Promise<void> {
    this.service.answer(this.userId, this.sessionId, this.openTurn().id, `c-${this.messages.length}`, ANSWER, this.subscriber);
    await settle();
  }

  async draft(): Promise<void> {
    this.service.draft(this.userId, this.sessionId, this.openTurn().id, ANSWER);
    await settle();
  }

  async skip(): Promise<void> {
    this.service.skip(this.userId, this.sessionId, this.openTurn().id);
    await settle();
  }

  /** Practice pacing: goes on to the next question once the feedback is out (a question already open needs no `next`). */
  async next(): Promise<void> {
    if (this.events().at(-1)?.type === 'next.ready') this.service.next(this.userId, this.sessionId);
    await settle();
  }

  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await settle();
  }

  events(): Array<{ type: string; at: number; turnId: string | null }> {
    return this.db
      .prepare<[string], { type: string; at: number; turnId: string | null }>(
        "SELECT type, at, json_extract(payload, '$.turnId') AS turnId FROM events WHERE session_id = ? ORDER BY seq",
      )
      .all(this.sessionId);
  }

  turns(): Array<{ id: string; status: string; deadline: number }> {
    return this.db
      .prepare<[string], { id: string; status: string; deadline: number }>('SELECT id, status, deadline FROM turns WHERE session_id = ? ORDER BY position')
      .all(this.sessionId);
  }
}

/** Lets promise callbacks (gradings, replays) run; no time passes on any clock. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

type Step = { name: string; run: (h: Harness) => Promise<void> };

/**
 * Q1 is answered while grading fails, so the interview moves on to Q2 with Q1 still to grade (the state in
 * which a restart used to let Q1's late grade cancel Q2's deadline); Q2 gets a draft and times out; Q3 is
 * skipped. Every deadline must fire exactly when due, whatever restarts happen in between.
 */
const STEPS: Step[] = [
  { name: 'start', run: (h) => h.start() },
  {
    name: 'answer Q1 while grading fails',
    run: async (h) => {
      h.failing = true;
      await h.answer();
      h.failing = false;
    },
  },
  { name: 'wait 20 s', run: (h) => h.advance(20_000) },
  { name: 'draft Q2', run: (h) => h.draft() },
  { name: 'wait 5 s', run: (h) => h.advance(5_000) },
  { name: 'wait until Q2 is due', run: (h) => h.advance(Math.max(0, h.openTurn().deadline - h.clock.now())) },
  { name: 'read the feedback and go on', run: (h) => h.next() },
  { name: 'skip Q3', run: (h) => h.skip() },
];

const templateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'interview-coach-restarts-'));
const template = path.join(templateDir, 'template.db');
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(() => fs.rmSync(templateDir, { recursive: true, force: true }));

/** A database with the corpus loaded; each run copies the one made by the first (loading takes a while). */
async function setUp(): Promise<{ db: Db; corpus: CorpusService; userId: string }> {
  if (!fs.existsSync(template)) {
    const db = openDb(template);
    loadCorpus(db, createCorpusRepository(db), path.join(projectRoot, 'data', 'corpus'), new Date());
    db.close();
  }
  const file = path.join(tempDir(), 'restarts.db');
  fs.copyFileSync(template, file);
  const db = openDb(file);
  opened.push(db);
  const repository = createCorpusRepository(db);
  const corpus = createCorpusService(repository);
  const userId = createUserService(createUserRepository(db), () => Date.now()).create('Ada').id;
  return { db, corpus, userId };
}

async function run(restartAfter: (index: number) => 'graceful' | 'crash' | null): Promise<Harness> {
  const { db, corpus, userId } = await setUp();
  const h = new Harness(db, corpus, userId);
  for (const [index, step] of STEPS.entries()) {
    await step.run(h);
    const restart = restartAfter(index);
    if (restart) await h.restart(restart);
  }
  return h;
}

function checkInvariants(h: Harness): void {
  const events = h.events();
  const turns = h.turns();
  expect(events.at(-1)?.type).toBe('session.ended');
  // Every turn closed, every answer graded.
  expect(turns.filter((turn) => turn.status === 'asked' || turn.status === 'answered')).toEqual([]);
  // Every time-up was committed exactly at its deadline: no timer was lost or delayed by a restart.
  for (const event of events.filter((e) => e.type === 'time.up')) {
    expect(event.at).toBe(turns.find((turn) => turn.id === event.turnId)?.deadline);
  }
}

describe('interview timers across restarts', () => {
  it('keeps each turn its own deadline when a late grade of an earlier answer commits after a restart', async () => {
    const baseline = await run(() => null);
    checkInvariants(baseline);
    const types = baseline.events().map((event) => event.type);
    expect(types).toEqual([
      'session.started',
      'question',
      'answer.accepted',
      'question',
      'feedback',
      'time.up',
      'feedback',
      'next.ready',
      'question',
      'turn.skipped',
      'session.summary',
      'session.ended',
    ]);

    // The reported incident: a restart right after Q1's failed grading. recover() arms Q2's deadline and
    // grades Q1 again; that commit must not cancel Q2's timer.
    const incident = await run((index) => (index === 1 ? 'graceful' : null));
    checkInvariants(incident);
    expect(incident.events().filter((event) => event.type === 'feedback').map((event) => event.turnId)).toHaveLength(2);
  });

  for (const kind of ['graceful', 'crash'] as const) {
    it(`reaches the same end with a ${kind} restart after any one step, and after every step`, async () => {
      const baseline = (await run(() => null)).events().map((event) => event.type).sort();
      const plans: Array<{ label: string; after: (index: number) => boolean }> = [
        ...STEPS.map((step, at) => ({ label: `after "${step.name}"`, after: (index: number) => index === at })),
        { label: 'after every step', after: () => true },
      ];
      for (const plan of plans) {
        const h = await run((index) => (plan.after(index) ? kind : null));
        checkInvariants(h);
        const types = h.events().map((event) => event.type).sort();
        // A crash right after a draft loses that draft (it was only in memory): Q2 then times out unanswered
        // and gets no feedback, so the next question follows at once. Everything else is the same as without restarts.
        const expected = [...baseline];
        if (kind === 'crash' && plan.after(STEPS.findIndex((step) => step.name === 'draft Q2'))) {
          expected.splice(expected.indexOf('feedback'), 1);
          expected.splice(expected.indexOf('next.ready'), 1);
        }
        expect(types, plan.label).toEqual(expected);
      }
    });
  }
});
