/**
 * Answers written to be slow to grade, all within the answer limit once normalised: one huge "word", a
 * ligature run that triples under NFKC, hyphen and e-mail chains, thousands of tiny sentences or lines,
 * emoji, punctuation runs. Each is graded with both rubrics in this process, cold (first time, caches empty)
 * and 5 more times, to show the worst case of one offline grading (the target: under 100 ms). The grader is
 * the server's: the offline grader behind `boundedGrader` (which grades an answer denser than prose on its
 * beginning), without a thread, so no time limit cuts anything short.
 */
import type { QuestionRecord } from '../src/contracts/question-schema.js';
import type { GradeInput } from '../src/grading/grader.js';
import { boundedGrader } from '../src/grading/offline/bounded-grader.js';
import { createOfflineGrader } from '../src/grading/offline/offline-grader.js';
import { MAX_ANSWER_CHARS } from '../src/contracts/protocol.js';
import { sanitizeAnswer } from '../src/text/sanitize.js';
import { summarize, type Summary } from './stats.js';

/** `unit` repeated after `prefix` up to the answer limit (counted once normalised, as the server counts it). */
function fill(unit: string, prefix = ''): string {
  let count = Math.floor((MAX_ANSWER_CHARS - prefix.length) / Math.max(1, sanitizeAnswer(unit).length));
  let text = sanitizeAnswer(prefix + unit.repeat(count));
  while (text.length > MAX_ANSWER_CHARS) {
    count -= 1;
    text = sanitizeAnswer(prefix + unit.repeat(count));
  }
  return text;
}

/** Name → answer text, each at most MAX_ANSWER_CHARS once normalised. */
export function adversarialAnswers(): Record<string, string> {
  return {
    'one 12,000-letter word': 'a'.repeat(MAX_ANSWER_CHARS),
    'one word repeated without spaces': fill('regularization'),
    '"ﬃ" ligatures (×3 under NFKC)': fill('\ufb03'),
    'hyphen chain a-a-a-…': fill('a-'),
    'e-mail-like run': `${'a'.repeat(5_990)}@${'b'.repeat(5_990)}.com`,
    'URL with a long path': fill('a', 'http://example.com/'),
    '1,200 tiny sentences': fill('I did it. '),
    '1,300 tiny lines': fill('I did it\n'),
    'single letters and tabs': fill('a \t'),
    'quoted letters': fill('"a" '),
    'contractions': fill("don't "),
    'decimal numbers': fill('1.5 '),
    'capitalised words': fill('ABC '),
    'emoji with spaces': fill('😀 '),
    'emoji run': fill('😀'),
    'nested parentheses': `${'('.repeat(6_000)}${')'.repeat(6_000)}`,
    'the same word 1,000 times': fill('overfitting '),
  };
}

export interface AdversarialResult {
  inputs: number;
  rows: Array<{ name: string; chars: number; partial: boolean; coldMs: number; warmP50Ms: number; warmMaxMs: number }>;
  cold: Summary;
  /** The median of each input's repeated runs. */
  warm: Summary;
  /** The slowest of each input's repeated runs (on a busy machine, mostly the machine). */
  warmMax: Summary;
}

/** Grades every adversarial answer against `question` with both rubrics: once cold, then `warmRuns` times. */
export async function runAdversarialGrading(question: QuestionRecord, warmRuns = 5): Promise<AdversarialResult> {
  const grader = boundedGrader(createOfflineGrader(), 1_000);
  const rows: AdversarialResult['rows'] = [];
  for (const [name, answer] of Object.entries(adversarialAnswers())) {
    for (const rubric of ['technical', 'star'] as const) {
      const input: GradeInput = {
        rubric,
        question: { id: question.id, text: question.text, kind: question.kind, topic: question.topic },
        answer,
        reference: { answers: question.answers, notes: question.notes, fromRelated: false },
      };
      let partial = false;
      const time = async (text: string) => {
        const started = performance.now();
        const result = await grader.grade({ ...input, answer: text });
        partial = result.grader.partialReason !== undefined;
        return performance.now() - started;
      };
      // Caches (stems, tokens) are keyed by text: a fresh suffix makes the warm runs do the work again.
      const coldMs = await time(answer);
      const runs: number[] = [];
      for (let run = 1; run <= warmRuns; run += 1) runs.push(await time(`${answer.slice(0, -1)}${run % 10}`));
      const warm = summarize(runs);
      rows.push({ name: `${name} (${rubric})`, chars: answer.length, partial, coldMs, warmP50Ms: warm.p50, warmMaxMs: warm.max });
    }
  }
  return {
    inputs: rows.length,
    rows,
    cold: summarize(rows.map((row) => row.coldMs)),
    warm: summarize(rows.map((row) => row.warmP50Ms)),
    warmMax: summarize(rows.map((row) => row.warmMaxMs)),
  };
}
