import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CorpusService } from '../../corpus/corpus-service.js';
import { classifyQuestion } from '../../contracts/classify-question.js';
import { RUBRIC_FOR_TYPE, type RubricId } from '../../contracts/rubric-schema.js';

/*
 * Two short graded examples per rubric, taken from the project's labelled sets (data/eval/*.json) by a fixed
 * rule, so nobody picks the ones that flatter a model:
 *   1. candidates: every labelled answer of a question graded with the rubric, of at most MAX_WORDS words,
 *      to a question of at most MAX_QUESTION_CHARS characters;
 *   2. one strong answer (gold at least 4 on 1–5) and one weak answer (gold at most 2), to anchor both ends of
 *      the scale, since judges compress scores towards the middle;
 *   3. within each band, the answer whose SHA-256 of `graded-examples:<rubric>:<set>:<item id>:<answer index>`
 *      is lowest; the weak one from another question than the strong one.
 * `npm run prompts:examples` writes the result as `prompts/examples-<rubric>.v<N>.md`; a test fails when the
 * pinned files no longer match the data. An evaluation of the LLM grader leaves out the questions the examples
 * come from (`exampleQuestions`), so its figures are not measured on what the prompt shows.
 */

const MAX_WORDS = 80;
const MAX_QUESTION_CHARS = 200;
const STRONG_AT_LEAST = 4;
const WEAK_AT_MOST = 2;

/** The fields of the labelled-set format (`../shared/benchmarks/README.md`) the examples need. */
const LabelledSetSchema = z.array(
  z.object({
    id: z.string().min(1),
    question: z.string().min(1),
    questionId: z.string().optional(),
    scale: z.tuple([z.number(), z.number()]),
    answers: z.array(z.object({ text: z.string(), gold: z.number() })),
  }),
);
export type LabelledItem = z.infer<typeof LabelledSetSchema>[number];

export interface LabelledSetFile {
  /** The file name without `.json`. */
  name: string;
  items: LabelledItem[];
}

/** Every `*.json` directly in `dir` (not its `notes/`), in name order. */
export function readLabelledSets(dir: string): LabelledSetFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: path.basename(file, '.json'), items: LabelledSetSchema.parse(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))) }));
}

/** The rubric the grading service picks for a labelled item: its corpus record's type's, else its wording's. */
export function rubricAssigner(corpus: Pick<CorpusService, 'find' | 'matchQuestion'>): (item: LabelledItem) => RubricId {
  return (item) => {
    const record = item.questionId === undefined ? corpus.matchQuestion(item.question) : corpus.find(item.questionId);
    return RUBRIC_FOR_TYPE[record?.type ?? classifyQuestion(item.question).type];
  };
}

export interface GradedExample {
  set: string;
  itemId: string;
  answerIndex: number;
  question: string;
  answer: string;
  /** On 1–5, whatever the set's scale. */
  gold: number;
}

const words = (text: string) => text.split(/\s+/).filter((word) => word !== '').length;

/** The examples of each rubric, strong first; `rubricOf` names the rubric an item's answers are graded with. */
export function selectGradedExamples(sets: readonly LabelledSetFile[], rubricOf: (item: LabelledItem) => RubricId): Map<RubricId, GradedExample[]> {
  const candidates = new Map<RubricId, Array<GradedExample & { rank: string }>>();
  for (const set of sets) {
    for (const item of set.items) {
      if (item.question.length > MAX_QUESTION_CHARS) continue;
      const rubric = rubricOf(item);
      const [low, high] = item.scale;
      item.answers.forEach((answer, answerIndex) => {
        if (words(answer.text) > MAX_WORDS) return;
        const gold = Math.round((1 + (4 * (answer.gold - low)) / (high - low)) * 10) / 10;
        const rank = createHash('sha256').update(`graded-examples:${rubric}:${set.name}:${item.id}:${answerIndex}`).digest('hex');
        const list = candidates.get(rubric) ?? [];
        list.push({ set: set.name, itemId: item.id, answerIndex, question: item.question, answer: answer.text.trim(), gold, rank });
        candidates.set(rubric, list);
      });
    }
  }
  const chosen = new Map<RubricId, GradedExample[]>();
  for (const [rubric, list] of candidates) {
    const ranked = [...list].sort((a, b) => a.rank.localeCompare(b.rank));
    const strong = ranked.find((candidate) => candidate.gold >= STRONG_AT_LEAST);
    const weak = ranked.find((candidate) => candidate.gold <= WEAK_AT_MOST && (strong === undefined || candidate.itemId !== strong.itemId || candidate.set !== strong.set));
    const examples = [strong, weak].filter((example) => example !== undefined).map(({ rank: _rank, ...example }) => example);
    if (examples.length > 0) chosen.set(rubric, examples);
  }
  return chosen;
}

/** The labelled questions the examples come from, as `<set>#<item id>`. */
export function exampleQuestions(examples: ReadonlyMap<RubricId, readonly GradedExample[]>): Set<string> {
  return new Set([...examples.values()].flat().map((example) => `${example.set}#${example.itemId}`));
}

/** The prompt section for one rubric's examples, as the generated template file holds it. */
export function renderGradedExamples(rubric: RubricId, examples: readonly GradedExample[]): string {
  const sources = examples.map((example) => `${example.set}#${example.itemId} answer ${example.answerIndex}`).join('; ');
  return [
    '<!--',
    `Generated by \`npm run prompts:examples\` from data/eval for the ${rubric} rubric: do not edit by hand.`,
    `Rule: src/grading/llm/graded-examples.ts. Sources: ${sources}.`,
    '-->',
    '## Graded examples',
    `${examples.length === 1 ? 'An answer' : 'Answers'} to other questions, each with the overall grade (1 to 5) an experienced interviewer gave it. They show how the scale is used; they are not the answer you grade.`,
    '',
    ...examples.flatMap((example, index) => [
      `### Example ${index + 1}: graded ${example.gold} out of 5`,
      `Question: ${example.question}`,
      `Answer: """${example.answer}"""`,
      '',
    ]),
  ].join('\n');
}
