import { afterEach, describe, expect, it } from 'vitest';
import type { GradeInput } from '../../../src/grading/grader.js';
import { gradeOffline } from '../../../src/grading/offline/offline-grader.js';
import { beginningOf, boundedGrader } from '../../../src/grading/offline/bounded-grader.js';
import { createThreadedOfflineGrader, GradingThreadError, GradingUnavailableError } from '../../../src/grading/offline/threaded-grader.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { TECHNICAL_FIXTURES, technicalInput } from './fixtures.js';

const input: GradeInput = {
  rubric: 'star',
  question: { id: null, text: 'Tell me about a time you fixed a failing pipeline.', kind: 'behavioural', topic: null },
  answer:
    'Last spring our nightly feature pipeline failed twice a week. I owned its reliability. ' +
    'I added retries, split it into stages and wrote alerts. Failures dropped to one a month.',
  reference: { answers: [], notes: [], fromRelated: false },
};

const controlled = new URL('../../helpers/grading-worker.mjs', import.meta.url);
const diesAtStart = new URL('../../helpers/grading-worker-dies.mjs', import.meta.url);

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Resolves once `promise` settles, with how it settled; never throws. */
const settled = <T>(promise: Promise<T>) =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** Real threads answer on their own time: lets them, without touching the fake clock's timers. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('offline grading on worker threads', () => {
  it('gives exactly the result of the in-process grader, for many answers at once', async () => {
    const grader = createThreadedOfflineGrader(2, { timeoutMs: 60_000 });
    close = () => grader.close();
    const answers = Array.from({ length: 12 }, (_, index) => ({ ...input, answer: `${input.answer} Case ${index}.` }));
    const results = await Promise.all(answers.map((answer) => grader.grade(answer)));
    expect(results).toEqual(answers.map((answer) => gradeOffline(answer)));
  });

  it('stops a grading past its time limit inside the thread, which goes on grading', async () => {
    const grader = createThreadedOfflineGrader(1, { timeoutMs: 60_000 });
    close = () => grader.close();
    const long = { ...input, answer: Array.from({ length: 100 }, (_, i) => `In step ${i} I profiled the job and fixed a slow join.`).join(' ') };
    const outcome = await settled(grader.grade(long, { timeoutMs: 1 }));
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(GradingThreadError);
    expect(outcome.ok ? '' : String(outcome.error)).toMatch(/longer than 1 ms/);
    expect(await grader.grade(input)).toEqual(gradeOffline(input));
    expect(grader.restarts).toBe(0);
  });

  it('terminates a thread stuck past five times the limit (at least a second), fails only that grading, and grades on with a new thread', async () => {
    const clock = new FakeClock();
    const grader = createThreadedOfflineGrader(1, { timeoutMs: 100, clock, workerUrl: controlled });
    close = () => grader.close();
    const stuck = settled(grader.grade({ ...input, answer: 'spin' }));
    const queued = grader.grade({ ...input, answer: 'after' });
    await until(() => clock.pendingTimers() === 1, 'the stuck grading to start');
    clock.advance(999);
    expect(grader.restarts).toBe(0);
    clock.advance(1);
    expect(grader.restarts).toBe(1);
    const outcome = await stuck;
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(GradingThreadError);
    expect(outcome.ok ? '' : String(outcome.error)).toMatch(/longer than 100 ms/);
    // The answer queued behind it goes to the replacement thread.
    expect((await queued).dimensions[0]?.rationale).toBe('graded 5 characters');
  });

  it('drops an aborted grading from the queue without running it, and answers an aborted running one at once', async () => {
    const clock = new FakeClock();
    const grader = createThreadedOfflineGrader(1, { timeoutMs: 100, clock, workerUrl: controlled });
    close = () => grader.close();
    const running = new AbortController();
    const waiting = new AbortController();
    const first = settled(grader.grade({ ...input, answer: 'spin' }, { signal: running.signal }));
    const second = settled(grader.grade({ ...input, answer: 'never graded' }, { signal: waiting.signal }));
    await until(() => clock.pendingTimers() === 1, 'the first grading to start');
    waiting.abort(new Error('client left'));
    running.abort(new Error('client left'));
    expect(await second).toMatchObject({ ok: false, error: new Error('client left') });
    expect(await first).toMatchObject({ ok: false, error: new Error('client left') });
    // The thread still runs the first until it is found stuck; then the pool is free again.
    clock.advance(1_000);
    expect((await grader.grade({ ...input, answer: 'next' })).dimensions[0]?.rationale).toBe('graded 4 characters');
  });

  it('fails the grading of a thread that dies or throws, and replaces the thread', async () => {
    const grader = createThreadedOfflineGrader(1, { timeoutMs: 60_000, workerUrl: controlled });
    close = () => grader.close();
    await expect(grader.grade({ ...input, answer: 'throw' })).rejects.toThrow(/the grader threw/);
    await expect(grader.grade({ ...input, answer: 'exit' })).rejects.toThrow(/thread stopped/);
    expect((await grader.grade({ ...input, answer: 'alive' })).overall).toBe(3);
  });

  it('runs its threads with a young generation of 24 MB, not the 48 MB a thread gets by default', async () => {
    const grader = createThreadedOfflineGrader(1, { timeoutMs: 60_000, workerUrl: controlled });
    close = () => grader.close();
    const [dimension] = (await grader.grade({ ...input, answer: 'limits' })).dimensions;
    expect(JSON.parse(dimension?.rationale ?? '{}')).toMatchObject({ maxYoungGenerationSizeMb: 24 });
  });

  it('fails a grading at once, instead of queueing it, while no thread runs', async () => {
    const grader = createThreadedOfflineGrader(1, { timeoutMs: 60_000, workerUrl: diesAtStart });
    close = () => grader.close();
    const outcome = await settled(grader.grade(input));
    expect(outcome.ok).toBe(false);
    await until(() => !grader.available, 'the thread to die');
    await expect(grader.grade(input)).rejects.toBeInstanceOf(GradingUnavailableError);
    await grader.close();
    await expect(grader.grade(input)).rejects.toThrow(/closed/);
  });

  it('grades the beginning of an answer whose whole grading timed out, and says so', async () => {
    const clock = new FakeClock();
    const threaded = createThreadedOfflineGrader(1, { timeoutMs: 100, clock, workerUrl: controlled });
    close = () => threaded.close();
    const grader = boundedGrader(threaded, 1_000);
    const long = 'I profiled the pipeline and fixed the slow join. '.repeat(80);
    const graded = grader.grade({ ...input, answer: long });
    await until(() => clock.pendingTimers() === 1, 'the grading to start');
    clock.advance(1_000);
    const result = await graded;
    expect(result.dimensions[0]?.rationale).toBe(`graded ${beginningOf(long).length} characters`);
    expect(beginningOf(long).length).toBeLessThanOrEqual(2_000);
    expect(beginningOf(long).endsWith('join.')).toBe(true);
    expect(result.grader.partialReason).toMatch(/longer than 100 ms.*first \d+ characters/);
  });
});

describe('idle warm-up of the corpus questions on grading threads', () => {
  const longest = [...TECHNICAL_FIXTURES].sort((a, b) => b.reference.length - a.reference.length)[0];
  if (!longest) throw new Error('fixture missing');
  /** Questions whose profiles take a while to build, so the warm-up is still running when gradings arrive. */
  const warmUp = Array.from({ length: 80 }, (_, index) => ({
    question: `${longest.question} (thread warm-up ${index})`,
    rubric: 'technical' as const,
    reference: { answers: [longest.reference], notes: [], fromRelated: false },
  }));
  const technical = technicalInput(longest, longest.half);

  it('serves gradings between its profile builds, and says when every thread has built them', async () => {
    const grader = createThreadedOfflineGrader(1, { timeoutMs: 60_000, warmUp });
    close = () => grader.close();
    let warm = false;
    const warmed = grader.whenWarm().then(() => {
      warm = true;
    });
    // The first grading is sent as the thread becomes ready, the warm-up right after it: the second one
    // arrives while profiles are being built and is answered long before the last of them.
    expect(await grader.grade(technical)).toEqual(gradeOffline(technical));
    expect(warm).toBe(false);
    expect(await grader.grade(input)).toEqual(gradeOffline(input));
    expect(warm).toBe(false);
    await warmed;
    expect(await grader.grade(technical)).toEqual(gradeOffline(technical));
    // 80 builds of the corpus's longest profile: a few seconds on an idle machine, over 20 on a busy one.
  }, 60_000);

  it('stops warming up when closed: whoever waits for it is answered and the threads end', async () => {
    const grader = createThreadedOfflineGrader(1, { timeoutMs: 60_000, warmUp });
    close = () => grader.close();
    let warm = false;
    const warmed = grader.whenWarm().then(() => {
      warm = true;
    });
    await grader.grade(input);
    expect(warm).toBe(false);
    await grader.close();
    await warmed;
    expect(grader.available).toBe(false);
    await expect(grader.grade(input)).rejects.toBeInstanceOf(GradingUnavailableError);
  });
});
