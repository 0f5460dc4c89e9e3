import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot } from '../../src/config.js';
import { parseCorpus, readCorpus } from '../../src/corpus/parse-corpus.js';
import type { QuestionRecord } from '../../src/contracts/question-schema.js';

// The project's own labelled sets (data/eval/README.md). They are read here exactly as an evaluation would read
// them, in the shared labelled-set format plus the optional questionId; the kinds of answer and the question types
// live in data/eval/notes/ (data/eval/holdout/notes/ for a held-out set) so that nothing in the sets themselves
// hints at the gold.
const evalDir = path.join(projectRoot, 'data', 'eval');
const SCALE: [number, number] = [1, 5];

const LabelledAnswerSchema = z.strictObject({
  text: z.string().trim().min(1),
  gold: z
    .number()
    .min(SCALE[0])
    .max(SCALE[1])
    .refine((gold) => Number.isInteger(gold * 2), 'gold is a whole or half point'),
});
const LabelledItemSchema = z.strictObject({
  id: z.string().min(1),
  questionId: z
    .string()
    .regex(/^q_[0-9a-f]{16}$/)
    .optional(),
  question: z.string().trim().min(1),
  reference: z.string().trim().min(1),
  scale: z.tuple([z.literal(SCALE[0]), z.literal(SCALE[1])]),
  answers: z.array(LabelledAnswerSchema),
});
type LabelledItem = z.infer<typeof LabelledItemSchema>;
const LabelledSetSchema = z.array(LabelledItemSchema);

const TechnicalKind = z.enum([
  'excellent',
  'paraphrase',
  'short-correct',
  'rambling',
  'partly-right',
  'vague',
  'truncated',
  'order-error',
  'negation',
  'swap',
  'long-wrong',
  'wrong',
  'keywords',
  'off-topic',
]);
const TechnicalNotesSchema = z.record(z.string(), z.array(TechnicalKind));

const QuestionType = z.enum(['story', 'self-presentation', 'motivation', 'opinion', 'approach', 'compensation']);
const BehaviouralNotesSchema = z.record(
  z.string(),
  z.strictObject({
    type: QuestionType,
    reference: z.enum(['corpus', 'written']),
    kinds: z.array(z.string().regex(/^[a-z]+(-[a-z]+)*$/)),
  }),
);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(evalDir, file), 'utf8'));
}

const words = (text: string): number => text.split(/\s+/).filter((word) => word !== '').length;

function pearson(xs: number[], ys: number[]): number {
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? my;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** Checks every set has: unique ids, distinct answers within an item, and a spread of gold within each item. */
function expectWellFormed(set: LabelledItem[]): void {
  const ids = set.map((item) => item.id);
  expect(new Set(ids).size).toBe(ids.length);
  const questionIds = set.flatMap((item) => (item.questionId === undefined ? [] : [item.questionId]));
  expect(new Set(questionIds).size).toBe(questionIds.length);
  const questions = set.map((item) => item.question.toLowerCase());
  expect(new Set(questions).size).toBe(questions.length);
  for (const item of set) {
    const texts = item.answers.map((answer) => answer.text);
    expect(new Set(texts).size, `${item.id} repeats an answer`).toBe(texts.length);
    const golds = item.answers.map((answer) => answer.gold);
    expect(Math.min(...golds), `${item.id} has no weak answer`).toBeLessThanOrEqual(2);
    expect(Math.max(...golds), `${item.id} has no strong answer`).toBeGreaterThanOrEqual(4);
  }
  const allTexts = set.flatMap((item) => item.answers.map((answer) => answer.text));
  expect(new Set(allTexts).size).toBe(allTexts.length);
}

// The held-out set's answer shapes (data/eval/README.md), each with its gold range on the anchored scale and how
// many answers of it the set must have.
const SHAPES = {
  'list-correct': { gold: [4.5, 5], min: 3 },
  'list-terse': { gold: [3.5, 4], min: 3 },
  'list-keywords': { gold: [1, 1.5], min: 5 },
  'list-one-wrong': { gold: [2, 3], min: 5 },
  'code-correct': { gold: [3.5, 5], min: 6 },
  'code-dump': { gold: [1.5, 3], min: 4 },
  'code-wrong': { gold: [1, 2], min: 2 },
  'off-topic-code': { gold: [1, 1], min: 1 },
  'yes-reason': { gold: [4, 5], min: 4 },
  'bare-yes': { gold: [2, 2], min: 4 },
  'wrong-no': { gold: [1, 1.5], min: 4 },
  'swap-inside': { gold: [1, 2], min: 5 },
  'swap-across': { gold: [1, 1.5], min: 5 },
  'contrast-correct': { gold: [4.5, 5], min: 6 },
  'order-correct': { gold: [4.5, 5], min: 3 },
  'order-reversed': { gold: [1, 1.5], min: 3 },
  'order-neighbour-swap': { gold: [2, 3], min: 4 },
  'goal-first': { gold: [4.5, 5], min: 3 },
  'recap-end': { gold: [4.5, 5], min: 2 },
  paraphrase: { gold: [4, 5], min: 4 },
  synonym: { gold: [4, 5], min: 4 },
  'compact-excellent': { gold: [4.5, 5], min: 3 },
  'short-correct': { gold: [3.5, 4], min: 8 },
  misspelled: { gold: [4, 4.5], min: 6 },
  rambling: { gold: [2.5, 3.5], min: 4 },
  negation: { gold: [1.5, 3], min: 8 },
  truncated: { gold: [1.5, 3], min: 8 },
  'long-wrong': { gold: [1, 2], min: 15 },
  keywords: { gold: [1, 1.5], min: 2 },
} as const satisfies Record<string, { gold: readonly [number, number]; min: number }>;
const ShapesNotesSchema = z.record(z.string(), z.array(z.enum(Object.keys(SHAPES) as [keyof typeof SHAPES, ...(keyof typeof SHAPES)[]])));

let corpus: Map<string, QuestionRecord>;
let technical: LabelledItem[];
let behavioural: LabelledItem[];
let technicalKinds: z.infer<typeof TechnicalNotesSchema>;
let behaviouralNotes: z.infer<typeof BehaviouralNotesSchema>;

beforeAll(() => {
  corpus = new Map(parseCorpus(path.join(projectRoot, 'data', 'corpus')).questions.map((record) => [record.id, record]));
  technical = LabelledSetSchema.parse(readJson('technical-ml.json'));
  behavioural = LabelledSetSchema.parse(readJson('behavioural.json'));
  technicalKinds = TechnicalNotesSchema.parse(readJson('notes/technical-ml-kinds.json'));
  behaviouralNotes = BehaviouralNotesSchema.parse(readJson('notes/behavioural-kinds.json'));
});

describe('the held-out technical set of answer shapes (holdout/technical-shapes.json)', () => {
  let shapes: LabelledItem[];
  let kinds: z.infer<typeof ShapesNotesSchema>;
  let served: Map<string, QuestionRecord>;
  beforeAll(() => {
    shapes = LabelledSetSchema.parse(readJson('holdout/technical-shapes.json'));
    kinds = ShapesNotesSchema.parse(readJson('holdout/notes/technical-shapes-kinds.json'));
    // As the app serves them: the documents completed with the curated references.
    served = new Map(readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.map((record) => [record.id, record]));
  });

  it('has at least 25 corpus technical questions with 6 to 8 answers each', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(25);
    for (const item of shapes) {
      expect(item.answers.length, item.id).toBeGreaterThanOrEqual(6);
      expect(item.answers.length, item.id).toBeLessThanOrEqual(8);
    }
    expect(shapes.flatMap((item) => item.answers).length).toBeGreaterThanOrEqual(170);
    expectWellFormed(shapes);
  });

  it('grades through the corpus record: question text and model answer verbatim as the app serves them', () => {
    for (const item of shapes) {
      const record = served.get(item.questionId ?? '');
      expect(record?.kind, item.id).toBe('technical');
      expect(record?.text, item.id).toBe(item.question);
      expect(record?.answers, item.id).toEqual([item.reference]);
    }
  });

  it('shares no question and no answer with the development set', () => {
    const developed = new Set(technical.map((item) => item.questionId));
    for (const item of shapes) expect(developed.has(item.questionId), item.id).toBe(false);
    const developedTexts = new Set(technical.flatMap((item) => item.answers.map((answer) => answer.text)));
    for (const item of shapes) for (const answer of item.answers) expect(developedTexts.has(answer.text), item.id).toBe(false);
  });

  it('spreads over the corpus areas: fundamentals, Python and its libraries, statistics, deep learning, system design', () => {
    const topics = new Set(shapes.map((item) => served.get(item.questionId ?? '')?.topic));
    for (const topic of [
      'Machine Learning Fundamentals',
      'Classification Models',
      'Regression Models',
      'Python Programming Fundamentals',
      'Data Libraries - NumPy',
      'Data Libraries - Pandas',
      'Mathematics for Machine Learning',
      'Statistics & Math',
      'Deep Learning',
      'System Design & Production',
      'Unsupervised Learning Techniques',
      'Random Forests and Ensemble Methods',
    ]) {
      expect(topics, topic).toContain(topic);
    }
  });

  it('labels every answer with its shape, and each shape has enough answers with golds on its anchors', () => {
    expect(Object.keys(kinds).sort()).toEqual(shapes.map((item) => item.id).sort());
    const goldsOf = new Map<string, number[]>();
    for (const item of shapes) {
      const noted = kinds[item.id] ?? [];
      expect(noted.length, item.id).toBe(item.answers.length);
      item.answers.forEach((answer, i) => {
        const kind = noted[i] ?? 'unlabelled';
        goldsOf.set(kind, [...(goldsOf.get(kind) ?? []), answer.gold]);
        if (kind.startsWith('list-')) expect(answer.text, `${item.id} ${kind}`).toMatch(/^\s*(?:[-*]|\d+\.) /m);
        if (kind.startsWith('code-') || kind === 'off-topic-code') expect(answer.text, `${item.id} ${kind}`).toContain('`');
        if (kind === 'bare-yes') expect(answer.text.split(/\s+/).length, item.id).toBeLessThanOrEqual(3);
      });
    }
    for (const [kind, { gold, min }] of Object.entries(SHAPES)) {
      const golds = goldsOf.get(kind) ?? [];
      expect(golds.length, kind).toBeGreaterThanOrEqual(min);
      expect(Math.min(...golds), kind).toBeGreaterThanOrEqual(gold[0]);
      expect(Math.max(...golds), kind).toBeLessThanOrEqual(gold[1]);
    }
  });

  it('does not let length predict the gold', () => {
    const answers = shapes.flatMap((item) => item.answers);
    const r = pearson(
      answers.map((answer) => words(answer.text)),
      answers.map((answer) => answer.gold),
    );
    expect(Math.abs(r)).toBeLessThan(0.2);
  });
});

describe('the technical code set (technical-code.json)', () => {
  // Each kind of code answer with its gold range on the anchored scale (data/eval/README.md, its section).
  const CODE_KINDS = {
    'code-why': [4.5, 5],
    'code-only': [4, 4],
    'one-liner': [3, 3.5],
    'code-bug': [1.5, 2.5],
    'other-task': [1, 1],
    'code-contradicts': [2, 2.5],
  } as const satisfies Record<string, readonly [number, number]>;
  const CodeNotesSchema = z.record(
    z.string(),
    z.array(z.enum(Object.keys(CODE_KINDS) as [keyof typeof CODE_KINDS, ...(keyof typeof CODE_KINDS)[]])),
  );
  let code: LabelledItem[];
  let kinds: z.infer<typeof CodeNotesSchema>;
  let served: Map<string, QuestionRecord>;
  beforeAll(() => {
    code = LabelledSetSchema.parse(readJson('technical-code.json'));
    kinds = CodeNotesSchema.parse(readJson('notes/technical-code-kinds.json'));
    served = new Map(readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.map((record) => [record.id, record]));
  });

  it('has at least 20 corpus technical questions with 4 to 6 answers each', () => {
    expect(code.filter((item) => item.questionId !== undefined).length).toBeGreaterThanOrEqual(20);
    for (const item of code) {
      expect(item.answers.length, item.id).toBeGreaterThanOrEqual(4);
      expect(item.answers.length, item.id).toBeLessThanOrEqual(6);
    }
    expectWellFormed(code);
  });

  it('grades through the corpus record: question text and model answer verbatim as the app serves them', () => {
    for (const item of code) {
      if (item.questionId === undefined) {
        const known = [...served.values()].some((record) => record.text.toLowerCase() === item.question.toLowerCase());
        expect(known, `${item.id} is phrased like a corpus question but has no questionId`).toBe(false);
        continue;
      }
      const record = served.get(item.questionId);
      expect(record?.kind, item.id).toBe('technical');
      expect(record?.text, item.id).toBe(item.question);
      expect(record?.answers, item.id).toEqual([item.reference]);
    }
  });

  it('shares no question and no answer with the ML set', () => {
    const developed = new Set(technical.map((item) => item.questionId));
    for (const item of code) if (item.questionId !== undefined) expect(developed.has(item.questionId), item.id).toBe(false);
    const developedTexts = new Set(technical.flatMap((item) => item.answers.map((answer) => answer.text)));
    for (const item of code) for (const answer of item.answers) expect(developedTexts.has(answer.text), item.id).toBe(false);
  });

  it('labels every answer with its kind, each question has one of every kind, and golds sit on their anchors', () => {
    expect(Object.keys(kinds).sort()).toEqual(code.map((item) => item.id).sort());
    for (const item of code) {
      const noted = kinds[item.id] ?? [];
      expect(noted.length, item.id).toBe(item.answers.length);
      expect([...noted].sort(), item.id).toEqual(Object.keys(CODE_KINDS).sort());
      item.answers.forEach((answer, i) => {
        const kind = noted[i];
        if (kind === undefined) return;
        const [low, high] = CODE_KINDS[kind];
        expect(answer.gold, `${item.id} ${kind}`).toBeGreaterThanOrEqual(low);
        expect(answer.gold, `${item.id} ${kind}`).toBeLessThanOrEqual(high);
        // Every answer carries code: backticks, a call, an index, an assignment or a block header.
        expect(answer.text, `${item.id} ${kind}`).toMatch(/`|\w\(|\w\[|\s=\s|:\n/);
      });
    }
  });

  it('does not let length predict the gold', () => {
    const answers = code.flatMap((item) => item.answers);
    const r = pearson(
      answers.map((answer) => words(answer.text)),
      answers.map((answer) => answer.gold),
    );
    expect(Math.abs(r)).toBeLessThan(0.2);
  });
});

describe('the labelled technical ML set', () => {
  it('has at least 40 corpus technical questions with at least 6 answers each', () => {
    expect(technical.length).toBeGreaterThanOrEqual(40);
    for (const item of technical) expect(item.answers.length, item.id).toBeGreaterThanOrEqual(6);
    expectWellFormed(technical);
  });

  it('grades through the corpus record: question text and model answer are the corpus record verbatim', () => {
    for (const item of technical) {
      expect(item.questionId, item.id).toBeDefined();
      const record = corpus.get(item.questionId ?? '');
      expect(record?.kind, item.id).toBe('technical');
      expect(record?.text, item.id).toBe(item.question);
      expect(record?.answers, item.id).toContain(item.reference);
    }
  });

  it('spreads over all 13 chapters of the guide and the notebook', () => {
    const guide = 'ml-interview-preparation-guide.txt';
    const notebook = 'ml-engineer-interview-notebook.md';
    const records = technical.map((item) => corpus.get(item.questionId ?? ''));
    const guideTopics = new Set(
      records.filter((record) => record?.sources[0]?.file === guide).map((record) => record?.topic),
    );
    const allGuideTopics = new Set(
      [...corpus.values()]
        .filter((record) => record.kind === 'technical' && record.sources[0]?.file === guide)
        .map((record) => record.topic),
    );
    expect(allGuideTopics.size).toBe(13);
    expect(guideTopics).toEqual(allGuideTopics);
    const notebookAnswered = [...corpus.values()].filter(
      (record) => record.kind === 'technical' && record.sources[0]?.file === notebook && record.answers.length > 0,
    );
    const inSet = new Set(technical.map((item) => item.questionId));
    expect(notebookAnswered.every((record) => inSet.has(record.id))).toBe(true);
  });

  it('labels every answer with a kind in the notes, and the kinds agree with the anchored scale', () => {
    expect(Object.keys(technicalKinds).sort()).toEqual(technical.map((item) => item.id).sort());
    const goldsOf = new Map<string, number[]>();
    for (const item of technical) {
      const kinds = technicalKinds[item.id] ?? [];
      expect(kinds.length, item.id).toBe(item.answers.length);
      for (const kind of ['excellent', 'paraphrase', 'short-correct', 'long-wrong'] as const) {
        expect(kinds, `${item.id} lacks ${kind}`).toContain(kind);
      }
      item.answers.forEach((answer, i) => {
        const kind = kinds[i] ?? 'unlabelled';
        goldsOf.set(kind, [...(goldsOf.get(kind) ?? []), answer.gold]);
      });
    }
    const range = (kind: string): [number, number] => {
      const golds = goldsOf.get(kind) ?? [];
      return [Math.min(...golds), Math.max(...golds)];
    };
    expect(range('excellent')).toEqual([5, 5]);
    expect(range('short-correct')[0]).toBeGreaterThanOrEqual(3.5);
    expect(range('paraphrase')[0]).toBeGreaterThanOrEqual(4);
    expect(range('keywords')[1]).toBeLessThanOrEqual(1.5);
    expect(range('off-topic')[1]).toBe(1);
    expect(range('wrong')[1]).toBeLessThanOrEqual(1.5);
    expect(range('long-wrong')[1]).toBeLessThanOrEqual(2);
    for (const kind of ['keywords', 'off-topic', 'order-error', 'negation', 'truncated', 'partly-right']) {
      expect(goldsOf.get(kind)?.length ?? 0, kind).toBeGreaterThanOrEqual(8);
    }
  });

  it('does not let length predict the gold', () => {
    const answers = technical.flatMap((item) => item.answers);
    const r = pearson(
      answers.map((answer) => words(answer.text)),
      answers.map((answer) => answer.gold),
    );
    expect(Math.abs(r)).toBeLessThan(0.2);
  });
});

describe('the labelled behavioural set', () => {
  it('has at least 30 questions with at least 5 answers each', () => {
    expect(behavioural.length).toBeGreaterThanOrEqual(30);
    for (const item of behavioural) expect(item.answers.length, item.id).toBeGreaterThanOrEqual(5);
    expectWellFormed(behavioural);
  });

  it('takes most questions from the corpus, with the example answer as reference when there is one', () => {
    const fromCorpus = behavioural.filter((item) => item.questionId !== undefined);
    expect(fromCorpus.length).toBeGreaterThan(behavioural.length / 2);
    expect(fromCorpus.length).toBeLessThan(behavioural.length);
    for (const item of fromCorpus) {
      const record = corpus.get(item.questionId ?? '');
      expect(record?.kind, item.id).toBe('behavioural');
      expect(record?.text, item.id).toBe(item.question);
      const note = behaviouralNotes[item.id];
      if (record !== undefined && record.answers.length > 0) {
        expect(record.answers, item.id).toContain(item.reference);
        expect(note?.reference, item.id).toBe('corpus');
      } else {
        expect(note?.reference, item.id).toBe('written');
      }
    }
    for (const item of behavioural.filter((candidate) => candidate.questionId === undefined)) {
      const known = [...corpus.values()].some((record) => record.text.toLowerCase() === item.question.toLowerCase());
      expect(known, `${item.id} is phrased like a corpus question but has no questionId`).toBe(false);
    }
  });

  it('covers all six question types with at least 4 questions each', () => {
    expect(Object.keys(behaviouralNotes).sort()).toEqual(behavioural.map((item) => item.id).sort());
    const perType = new Map<string, number>();
    for (const item of behavioural) {
      const note = behaviouralNotes[item.id];
      expect(note?.kinds.length, item.id).toBe(item.answers.length);
      perType.set(note?.type ?? 'none', (perType.get(note?.type ?? 'none') ?? 0) + 1);
    }
    for (const type of QuestionType.options) expect(perType.get(type) ?? 0, type).toBeGreaterThanOrEqual(4);
  });

  it('asks stories for stories: hypothetical and "we" answers to a story question stay below 3', () => {
    for (const item of behavioural) {
      const note = behaviouralNotes[item.id];
      if (note?.type !== 'story') continue;
      item.answers.forEach((answer, i) => {
        const kind = note.kinds[i];
        if (kind === 'hypothetical' || kind === 'we-no-i') expect(answer.gold, item.id).toBeLessThan(3);
      });
    }
  });

  it('does not let length predict the gold', () => {
    const answers = behavioural.flatMap((item) => item.answers);
    const r = pearson(
      answers.map((answer) => words(answer.text)),
      answers.map((answer) => answer.gold),
    );
    expect(Math.abs(r)).toBeLessThan(0.2);
  });
});

describe('the held-out blind set (holdout/technical-blind.json)', () => {
  // Each kind with its gold range (data/eval/README.md): correct answers in four styles and one flawed answer.
  const BLIND_KINDS = {
    formula: [4, 5],
    code: [3.5, 5],
    paraphrase: [4, 5],
    short: [3.5, 4],
    'flawed-partly-right-error': [1.5, 3],
    'flawed-fluent-wrong': [1, 2.5],
    'flawed-keywords': [1.5, 2],
    'flawed-neighbour-question': [1.5, 2],
  } as const satisfies Record<string, readonly [number, number]>;
  const BlindNotesSchema = z.record(
    z.string(),
    z.array(z.enum(Object.keys(BLIND_KINDS) as [keyof typeof BLIND_KINDS, ...(keyof typeof BLIND_KINDS)[]])).length(5),
  );
  let blind: LabelledItem[];
  let kinds: z.infer<typeof BlindNotesSchema>;
  beforeAll(() => {
    blind = LabelledSetSchema.parse(readJson('holdout/technical-blind.json'));
    kinds = BlindNotesSchema.parse(readJson('holdout/notes/technical-blind-kinds.json'));
  });

  it('has 50 corpus questions, each answered once in every correct style and once flawed, golds within each kind\'s range', () => {
    expect(blind).toHaveLength(50);
    expect(Object.keys(kinds).sort()).toEqual(blind.map((item) => item.id).sort());
    for (const item of blind) {
      const noted = kinds[item.id] ?? [];
      expect(noted.length, item.id).toBe(item.answers.length);
      expect(noted.filter((kind) => !kind.startsWith('flawed-')).sort(), item.id).toEqual(['code', 'formula', 'paraphrase', 'short']);
      item.answers.forEach((answer, i) => {
        const [low, high] = BLIND_KINDS[noted[i] ?? 'short'];
        expect(answer.gold, `${item.id} ${noted[i]}`).toBeGreaterThanOrEqual(low);
        expect(answer.gold, `${item.id} ${noted[i]}`).toBeLessThanOrEqual(high);
      });
    }
  });

  it('grades through the corpus record as the app serves it, and shares no answer with a development set', () => {
    const served = new Map(readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.map((record) => [record.id, record]));
    for (const item of blind) {
      const record = served.get(item.questionId ?? '');
      expect(record?.kind, item.id).toBe('technical');
      expect(record?.text, item.id).toBe(item.question);
      expect(record?.answers, item.id).toEqual([item.reference]);
    }
    const developed = new Set(
      ['technical-ml.json', 'technical-code.json'].flatMap((file) =>
        LabelledSetSchema.parse(readJson(file)).flatMap((item) => item.answers.map((answer) => answer.text)),
      ),
    );
    for (const item of blind) for (const answer of item.answers) expect(developed.has(answer.text), item.id).toBe(false);
  });
});

/**
 * A held-out set written blind, with its kinds in notes/: its size, every answer of a kind and its gold within that
 * kind's range (data/eval/README.md), graded through the corpus record as the app serves it, no answer in `others`.
 */
function describeBlindSet(set: {
  file: string;
  notes: string;
  kinds: Record<string, readonly [number, number]>;
  questions: number;
  answers: number;
  others: readonly string[];
}): void {
  describe(`the held-out set holdout/${set.file}`, () => {
    const names = Object.keys(set.kinds) as [string, ...string[]];
    const NotesSchema = z.record(z.string(), z.array(z.enum(names)).min(1));
    let items: LabelledItem[];
    let kinds: z.infer<typeof NotesSchema>;
    beforeAll(() => {
      items = LabelledSetSchema.parse(readJson(`holdout/${set.file}`));
      kinds = NotesSchema.parse(readJson(`holdout/notes/${set.notes}`));
    });

    it(`has ${set.questions} corpus questions and ${set.answers} answers, every one of a kind and its gold within that kind's range`, () => {
      expect(items).toHaveLength(set.questions);
      expect(items.flatMap((item) => item.answers)).toHaveLength(set.answers);
      expect(Object.keys(kinds).sort()).toEqual(items.map((item) => item.id).sort());
      for (const item of items) {
        const noted = kinds[item.id] ?? [];
        expect(noted.length, item.id).toBe(item.answers.length);
        item.answers.forEach((answer, i) => {
          const [low, high] = set.kinds[noted[i] ?? names[0]] ?? [Number.NaN, Number.NaN];
          expect(answer.gold, `${item.id} ${noted[i]}`).toBeGreaterThanOrEqual(low);
          expect(answer.gold, `${item.id} ${noted[i]}`).toBeLessThanOrEqual(high);
        });
      }
    });

    it('grades through the corpus record as the app serves it, and shares no answer with another set', () => {
      const served = new Map(readCorpus(path.join(projectRoot, 'data', 'corpus')).questions.map((record) => [record.id, record]));
      for (const item of items) {
        const record = served.get(item.questionId ?? '');
        expect(record?.kind, item.id).toBe('technical');
        expect(record?.text, item.id).toBe(item.question);
        expect(record?.answers, item.id).toEqual([item.reference]);
      }
      const others = new Set(set.others.flatMap((file) => LabelledSetSchema.parse(readJson(file)).flatMap((item) => item.answers.map((answer) => answer.text))));
      for (const item of items) for (const answer of item.answers) expect(others.has(answer.text), item.id).toBe(false);
    });
  });
}

// Round 17: answers in notation, bare lists and formulas, right and wrong.
describeBlindSet({
  file: 'technical-compact.json',
  notes: 'technical-compact-kinds.json',
  kinds: {
    'notation-right': [3, 5],
    'notation-dump': [1, 1.5],
    'list-right': [3, 4],
    'list-wrong': [1, 2.5],
    'formula-right': [3, 5],
    'formula-wrong': [1, 2],
  },
  questions: 76,
  answers: 226,
  others: ['technical-ml.json', 'technical-code.json', 'holdout/technical-shapes.json', 'holdout/technical-blind.json'],
});

// Round 18: right and wrong answers in pairs, one claim denied, steps out of order or two roles swapped, beside the
// same claims made rightly; and long fluent answers wrong at the core.
describeBlindSet({
  file: 'technical-contrasts.json',
  notes: 'technical-contrasts-kinds.json',
  kinds: {
    'denial-right': [4, 4.5],
    'denial-wrong': [2, 2.5],
    'order-right': [4, 4.5],
    'order-wrong': [1.5, 2.5],
    'swap-right': [4, 4.5],
    'swap-wrong': [1.5, 2],
    'long-wrong': [1.5, 1.5],
  },
  questions: 105,
  answers: 241,
  others: ['technical-ml.json', 'technical-code.json', 'holdout/technical-shapes.json', 'holdout/technical-blind.json', 'holdout/technical-compact.json'],
});

// Round 19: right answers as a candidate writes them at a whiteboard (notation, short code) beside wrong ones in the
// same style, long fluent answers wrong at the core, right answers in other words, and partial ones.
describeBlindSet({
  file: 'technical-whiteboard.json',
  notes: 'technical-whiteboard-kinds.json',
  kinds: {
    'notation-right': [4, 5],
    'notation-wrong': [1, 1.5],
    'code-right': [3.5, 4.5],
    'code-wrong': [1.5, 1.5],
    'long-wrong': [1.5, 2],
    'paraphrase-right': [4, 4.5],
    partial: [2.5, 3],
  },
  questions: 115,
  answers: 293,
  others: [
    'technical-ml.json',
    'technical-code.json',
    'holdout/technical-shapes.json',
    'holdout/technical-blind.json',
    'holdout/technical-compact.json',
    'holdout/technical-contrasts.json',
  ],
});
