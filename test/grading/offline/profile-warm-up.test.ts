import { describe, expect, it } from 'vitest';
import { gradeOffline } from '../../../src/grading/offline/offline-grader.js';
import { warmReferenceProfiles, type IdleScheduler, type WarmUpItem } from '../../../src/grading/offline/profile-warm-up.js';
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
    const own: WarmUpItem[] = [others[0], { question, reference: input.reference }, others[2]].filter((item) => item !== undefined);
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
