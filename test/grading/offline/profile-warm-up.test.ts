import { describe, expect, it } from 'vitest';
import { gradeOffline } from '../../../src/grading/offline/offline-grader.js';
import type { GradeInput } from '../../../src/grading/grader.js';
import {
  codeWarmUpInputs,
  warmGradingThread,
  warmReferenceProfiles,
  type IdleScheduler,
  type WarmUpItem,
} from '../../../src/grading/offline/profile-warm-up.js';
import { hasReferenceProfile, referenceProfile, type ReferenceProfile } from '../../../src/grading/offline/reference-profile.js';
import { TECHNICAL_FIXTURES, technicalInput } from './fixtures.js';

/** Idle slices run only when the test says so. */
function manualScheduler(): IdleScheduler & { pending(): number; runNext(): void } {
  const tasks: Array<{ task: () => void; cancelled: boolean }> = [];
  const schedule: IdleScheduler = (task) => {
    const entry = { task, cancelled: false };
    tasks.push(entry);
    return () => {
      entry.cancelled = true;
    };
  };
  return Object.assign(schedule, {
    pending: () => tasks.filter((entry) => !entry.cancelled).length,
    runNext(): void {
      const entry = tasks.shift();
      if (!entry) throw new Error('no idle slice is scheduled');
      if (!entry.cancelled) entry.task();
    },
  });
}

/** Each fixture's question, made unique to this file so no other test has built its profile. */
const items: WarmUpItem[] = TECHNICAL_FIXTURES.map((fixture, index) => ({
  question: `${fixture.question} (warm-up test ${index})`,
  rubric: 'technical',
  reference: { answers: [fixture.reference], notes: [], fromRelated: false },
}));

describe('idle warm-up of reference profiles', () => {
  it('builds one profile per idle slice into the cache the grader reads, then says how many', () => {
    const schedule = manualScheduler();
    const built: ReferenceProfile[] = [];
    const finished: number[] = [];
    const warmUp = warmReferenceProfiles(items, {
      schedule,
      build: (item) => built.push(referenceProfile(item.question, item.reference)),
      onFinished: (count) => finished.push(count),
    });
    expect(built).toHaveLength(0);
    for (let slice = 1; slice <= items.length; slice += 1) {
      expect(schedule.pending()).toBe(1);
      schedule.runNext();
      expect(built).toHaveLength(slice);
      expect(warmUp.done).toBe(slice);
    }
    expect(schedule.pending()).toBe(0);
    expect(warmUp.finished).toBe(true);
    expect(finished).toEqual([items.length]);
    // A grading of any of them now finds the very profile the warm-up built.
    items.forEach((item, index) => expect(referenceProfile(item.question, item.reference)).toBe(built[index]));
  });

  it('lets a grading that arrives between slices build its own profile and grade as without a warm-up', () => {
    const fixture = TECHNICAL_FIXTURES[1];
    if (!fixture) throw new Error('fixture missing');
    const question = `${fixture.question} (graded mid-warm-up)`;
    const input = { ...technicalInput(fixture, fixture.half), question: { id: null, text: question, kind: 'technical' as const, topic: null } };
    const others = items.map((item) => ({ ...item, question: `${item.question} (warmed around a grading)` }));
    const own: WarmUpItem[] = [others[0], { question, rubric: 'technical' as const, reference: input.reference }, others[2]].filter((item) => item !== undefined);
    const schedule = manualScheduler();
    const warmUp = warmReferenceProfiles(own, { schedule });
    schedule.runNext();
    expect(warmUp.done).toBe(1);
    expect(own.map((item) => hasReferenceProfile(item.question, item.reference))).toEqual([true, false, false]);
    // The grading runs before the next slice: its question's profile is not built yet, so it builds it.
    const graded = gradeOffline(input);
    expect(hasReferenceProfile(question, input.reference)).toBe(true);
    const profile = referenceProfile(question, input.reference);
    schedule.runNext();
    schedule.runNext();
    expect(warmUp.finished).toBe(true);
    expect(own.every((item) => hasReferenceProfile(item.question, item.reference))).toBe(true);
    // The warm-up's turn found the grading's profile and kept it; the grade is the one of a cold grader.
    expect(referenceProfile(question, input.reference)).toBe(profile);
    expect(gradeOffline(input)).toEqual(graded);
  });

  it('stops before its next slice: nothing more is built and it never says it finished', () => {
    const schedule = manualScheduler();
    const built: string[] = [];
    const finished: number[] = [];
    const warmUp = warmReferenceProfiles(items, {
      schedule,
      build: (item) => built.push(item.question),
      onFinished: (count) => finished.push(count),
    });
    schedule.runNext();
    warmUp.stop();
    expect(schedule.pending()).toBe(0);
    expect(built).toHaveLength(1);
    expect(warmUp.finished).toBe(false);
    expect(finished).toEqual([]);
  });

  it('skips a profile that cannot be built and warms the rest', () => {
    const schedule = manualScheduler();
    const built: string[] = [];
    const finished: number[] = [];
    warmReferenceProfiles(items.slice(0, 3), {
      schedule,
      build: (item) => {
        if (item === items[1]) throw new Error('unreadable reference');
        built.push(item.question);
      },
      onFinished: (count) => finished.push(count),
    });
    while (schedule.pending() > 0) schedule.runNext();
    expect(built).toEqual([items[0]?.question, items[2]?.question]);
    expect(finished).toEqual([3]);
  });

  it('has nothing to schedule without questions and says so at once', () => {
    const schedule = manualScheduler();
    const finished: number[] = [];
    const warmUp = warmReferenceProfiles([], { schedule, onFinished: (count) => finished.push(count) });
    expect(schedule.pending()).toBe(0);
    expect(warmUp.finished).toBe(true);
    expect(finished).toEqual([0]);
  });
});

describe('idle warm-up of the grading code', () => {
  const long = Array.from({ length: 400 }, (_, index) => `word${index}`).join(' \n ');
  const listed: WarmUpItem[] = [
    { question: 'Q0', rubric: 'technical', reference: { answers: [long, 'second answer'], notes: [], fromRelated: false } },
    { question: 'Q1', rubric: 'star', reference: { answers: [], notes: ['a note only'], fromRelated: false } },
    { question: 'Q2', rubric: 'star', reference: { answers: ['A short story.'], notes: [], fromRelated: true } },
    { question: 'Q3', rubric: 'motivation', reference: { answers: ['Because I like it.'], notes: [], fromRelated: false } },
  ];

  it('answers questions spread over the list with about 300 words in paragraphs, its own reference answers first, graded with their own rubric', () => {
    const inputs = codeWarmUpInputs(listed, 2);
    expect(inputs.map((input) => [input.question.text, input.rubric])).toEqual([
      ['Q0', 'technical'],
      ['Q2', 'star'],
    ]);
    const [first, second] = inputs;
    expect(first?.answer.split(/\s+/)).toHaveLength(300);
    // Its line breaks are kept: a typed answer comes in lines and paragraphs.
    expect(first?.answer.startsWith('word0 \n word1 \n word2')).toBe(true);
    expect(first?.reference).toBe(listed[0]?.reference);
    // A short answer goes on with the next questions' answers, one paragraph each, and wraps round the list.
    expect(second?.answer.startsWith('A short story.\n\nBecause I like it.\n\nword0 \n word1')).toBe(true);
    expect(second?.answer.split(/\s+/)).toHaveLength(300);
    // A question without a reference answer has nothing to answer with; asking for more gives every other one once.
    expect(codeWarmUpInputs(listed, 10).map((input) => input.question.text)).toEqual(['Q0', 'Q2', 'Q3']);
  });

  it('grades one answer per idle slice once every profile is built, then says how many profiles it built', () => {
    const schedule = manualScheduler();
    const own = items.slice(0, 2).map((item) => ({ ...item, question: `${item.question} (code warm-up)` }));
    const graded: GradeInput[] = [];
    const finished: number[] = [];
    warmGradingThread(own, { schedule, grade: (input) => graded.push(input), onFinished: (built) => finished.push(built) });
    schedule.runNext();
    schedule.runNext();
    expect(own.every((item) => hasReferenceProfile(item.question, item.reference))).toBe(true);
    expect(graded).toHaveLength(0);
    schedule.runNext();
    expect(graded.map((input) => input.question.text)).toEqual([own[0]?.question]);
    expect(finished).toEqual([]);
    schedule.runNext();
    expect(graded).toHaveLength(2);
    expect(schedule.pending()).toBe(0);
    expect(finished).toEqual([2]);
  });

  it('stops in either phase when told to, and never says it finished', () => {
    for (const slices of [1, 3]) {
      const schedule = manualScheduler();
      const graded: GradeInput[] = [];
      const finished: number[] = [];
      const warmUp = warmGradingThread(items.slice(0, 2), { schedule, grade: (input) => graded.push(input), onFinished: (built) => finished.push(built) });
      for (let slice = 0; slice < slices; slice += 1) schedule.runNext();
      warmUp.stop();
      expect(schedule.pending()).toBe(0);
      expect(graded).toHaveLength(Math.max(0, slices - 2));
      expect(finished).toEqual([]);
    }
  });
});
