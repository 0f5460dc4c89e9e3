import { z } from 'zod';
import { RubricIdSchema } from '../../contracts/rubric-schema.js';
import type { GradeInput } from '../grader.js';
import { prepareRoles } from './features.js';
import { gradeOffline } from './offline-grader.js';
import { referenceProfile } from './reference-profile.js';
import { referenceDepthOf } from './technical-grader.js';

/** A question as the grading service will send it: its text, the rubric of its type and the reference it is graded against. */
export const WarmUpItemSchema = z.object({
  question: z.string(),
  rubric: RubricIdSchema,
  reference: z.object({ answers: z.array(z.string()), notes: z.array(z.string()), fromRelated: z.boolean() }),
});
export type WarmUpItem = z.infer<typeof WarmUpItemSchema>;

/** Runs `task` once the thread has nothing else to do; returns what cancels it. */
export type IdleScheduler = (task: () => void) => () => void;

/*
 * `setImmediate` runs after the poll phase, where a grading thread's messages arrive: a grading posted
 * while a slice runs is handled before the next slice starts.
 */
export const afterPendingMessages: IdleScheduler = (task) => {
  const handle = setImmediate(task);
  return () => clearImmediate(handle);
};

export interface ProfileWarmUp {
  /** Profiles built (or found already built) so far. */
  readonly done: number;
  readonly finished: boolean;
  /** Stops before the next slice; a slice already running completes. */
  stop(): void;
}

export interface ProfileWarmUpOptions {
  schedule: IdleScheduler;
  /** Builds one question's profile; default: the reference-profile cache the grader reads, with its role-swap reading, term weights and depth quotes. */
  build?: (item: WarmUpItem) => void;
  /** Called once, after the last profile. */
  onFinished?: (built: number) => void;
}

/**
 * Builds the reference profiles of `items` one per idle slice, so the first grading of a corpus question
 * finds its profile ready (a long notebook answer's takes tens of milliseconds to build) while a grading
 * that arrives meanwhile waits for at most one profile. A question graded before its turn builds its own
 * profile as always, and its turn then finds it in the cache.
 */
export function warmReferenceProfiles(items: readonly WarmUpItem[], options: ProfileWarmUpOptions): ProfileWarmUp {
  return inIdleSlices(items, options.build ?? prepareReference, options);
}

/** A question's reference profile, with what the first grading of an answer to it would add to the profile's caches. */
function prepareReference(item: WarmUpItem): void {
  const profile = referenceProfile(item.question, item.reference);
  prepareRoles(profile);
  if (item.rubric === 'technical') referenceDepthOf(profile);
}

/** `task` on each of `items`, one per idle slice; a task that throws is skipped. */
function inIdleSlices<T>(items: readonly T[], task: (item: T) => void, options: { schedule: IdleScheduler; onFinished?: (done: number) => void }): ProfileWarmUp {
  let next = 0;
  let stopped = false;
  let cancel: (() => void) | null = null;

  const slice = (): void => {
    cancel = null;
    if (stopped) return;
    const item = items[next];
    if (item) {
      try {
        task(item);
      } catch {
        // A profile is left to the grading of its question, which builds it again and reports why it fails.
      }
      next += 1;
    }
    if (next < items.length) cancel = options.schedule(slice);
    else options.onFinished?.(next);
  };
  if (items.length === 0) options.onFinished?.(0);
  else cancel = options.schedule(slice);

  return {
    get done() {
      return next;
    },
    get finished() {
      return next >= items.length;
    },
    stop() {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}


/*
 * A thread's first gradings ran 1.5–2× slower than later ones (the first 50 of the bench's corpus sweep,
 * CPU time): V8 optimises the grading code only after it has run many times, and the few start-up gradings
 * (offline-worker.ts) are far from enough. 120 gradings of the first reference answer's opening words (one
 * line of about 80 words for most questions) still left the first 150 gradings of ~300-word answers in
 * paragraphs 1–3 ms slower on average than the same answers graded again: the sweep's p99. Answering every
 * question once, at interview length and in paragraphs, brought them in line with later ones.
 */
/** Gradings of the code warm-up: every answered corpus question once (441 today), bounded for a corpus grown much larger. */
export const CODE_WARM_UP_GRADINGS = 1_000;
/** About the length of a spoken interview answer. */
const CODE_WARM_UP_WORDS = 300;

/** The first `count` words of `text`, with its line breaks and spacing. */
function firstWords(text: string, count: number): string {
  let seen = 0;
  for (const word of text.matchAll(/\S+/g)) {
    seen += 1;
    if (seen === count) return text.slice(0, word.index + word[0].length);
  }
  return text;
}

/**
 * The reference answers of `answered[at]`, continued with those of the questions after it until about
 * CODE_WARM_UP_WORDS words, one paragraph each: an answer of interview length, typed in paragraphs.
 */
function warmUpAnswer(answered: readonly WarmUpItem[], at: number): string {
  const paragraphs: string[] = [];
  let words = 0;
  for (let offset = 0; offset < answered.length && words < CODE_WARM_UP_WORDS; offset += 1) {
    for (const answer of answered[(at + offset) % answered.length]?.reference.answers ?? []) {
      if (words >= CODE_WARM_UP_WORDS) break;
      const paragraph = answer.trim();
      paragraphs.push(paragraph);
      words += paragraph.split(/\s+/).length;
    }
  }
  return firstWords(paragraphs.join('\n\n'), CODE_WARM_UP_WORDS);
}

/**
 * The answers the code warm-up grades: questions spread over `items` (every one, when there are at most
 * `count`), each answered with its own reference answers continued with the next questions' (warmUpAnswer)
 * and graded with its rubric, as the grading service would grade it.
 */
export function codeWarmUpInputs(items: readonly WarmUpItem[], count = CODE_WARM_UP_GRADINGS): GradeInput[] {
  const answered = items.filter((item) => item.reference.answers.length > 0);
  const taken = Math.min(count, answered.length);
  const inputs: GradeInput[] = [];
  for (let index = 0; index < taken; index += 1) {
    const at = Math.floor((index * answered.length) / taken);
    const item = answered[at];
    if (!item) continue;
    inputs.push({
      rubric: item.rubric,
      question: { id: null, text: item.question, kind: null, topic: null },
      answer: warmUpAnswer(answered, at),
      reference: item.reference,
    });
  }
  return inputs;
}

/**
 * A grading thread's warm-up: the profiles of `items` (warmReferenceProfiles), then the grading code
 * (codeWarmUpInputs), one profile or grading per idle slice. `onFinished` gets the number of profiles.
 */
export function warmGradingThread(
  items: readonly WarmUpItem[],
  options: {
    schedule: IdleScheduler;
    /** Grades one answer of the code warm-up; default: the offline grader, its result dropped. */
    grade?: (input: GradeInput) => void;
    onFinished?: (built: number) => void;
  },
): { stop(): void } {
  const grade = options.grade ?? ((input: GradeInput) => void gradeOffline(input));
  let current: ProfileWarmUp = warmReferenceProfiles(items, {
    schedule: options.schedule,
    onFinished: (built) => {
      current = inIdleSlices(codeWarmUpInputs(items), grade, {
        schedule: options.schedule,
        onFinished: () => options.onFinished?.(built),
      });
    },
  });
  return { stop: () => current.stop() };
}
