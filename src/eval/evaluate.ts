import type { RubricId } from '../contracts/rubric-schema.js';
import type { Grader } from '../grading/grader.js';
import { exampleQuestions, readLabelledSets, rubricAssigner, selectGradedExamples } from '../grading/llm/graded-examples.js';
import { SHIPPED_BEHAVIOURAL_MODEL } from '../grading/offline/behavioural-model.js';
import { createOfflineGrader, SHIPPED_MODELS, type OfflineModels } from '../grading/offline/offline-grader.js';
import { SHIPPED_TECHNICAL_MODEL } from '../grading/offline/technical-model.js';
import { TERM_IDF_VERSION } from '../grading/offline/term-weights.js';
import { DEFAULT_EVAL_DIR } from './arguments.js';
import { inverseDocumentFrequency, overlapRecall, tfidfCosine } from './baselines.js';
import { fitBehaviouralModel, measureBehaviouralSets, type MeasuredBehavioural } from './behavioural-fit.js';
import { fitTechnicalModel, gradeSets, type GradedAnswer } from './fit.js';
import { fitNoReferenceModel } from './no-reference-fit.js';
import { SHIPPED_NO_REFERENCE_MODEL } from '../grading/offline/no-reference.js';
import { gradeLabelled, type EvalContext } from './harness.js';
import type { LabelledSet } from './labelled-set.js';
import { agreement, spearman, type Agreement } from './metrics.js';

/** How the grader's figures on a set were obtained. */
export type Protocol =
  /** The offline weights (technical or behavioural) were refitted without the held-out questions, fold by fold. */
  | 'cross-validated'
  /** The shipped weights, which were not fitted on this set (or the set is not graded by them). */
  | 'shipped'
  /** A held-out set (data/eval/holdout/): the shipped weights, and no refit ever trains on it. */
  | 'held-out'
  /** The shipped weights on a set they were fitted on: an optimistic figure, never the result. */
  | 'in-sample'
  /** A model behind an OpenAI-compatible server. */
  | 'llm';

/** What the baselines compare an answer with: the reference, or (graded without reference) the question's text. */
export type BaselineText = 'reference' | 'question';

export interface SetReport {
  readonly name: string;
  readonly baselineAgainst: BaselineText;
  readonly questions: number;
  readonly scale: readonly [number, number];
  readonly protocol: Protocol;
  readonly folds?: number;
  readonly grader: Agreement & { msPerAnswer: number };
  readonly tfidf: Agreement;
  readonly overlap: Agreement;
  /**
   * Behavioural sets graded by the offline grader: the type graders' rules alone, without the fitted
   * calibration (fitted on nothing, so never in-sample for the calibration), in the same run.
   */
  readonly rules?: Agreement;
  /** Behavioural sets graded by the offline grader: Spearman per rubric, for the grader, the rules alone and TF-IDF. */
  readonly byRubric?: readonly RubricBreakdown[];
  /** Answers the model could not grade (the offline grader answered): left out of the grader's figures. */
  readonly fallbacks: number;
  /**
   * Answers to the questions whose answers the model's prompt shows as graded examples (LLM grader only):
   * left out, so the figures are not measured on what the model was shown.
   */
  readonly shownAsExamples: number;
  /** Mean gold and mean grader score per kind of answer, when the set notes its answers' kinds. */
  readonly byKind?: readonly KindFigures[];
  /** Every answer the figures were computed on, with the score that entered them (held out when cross-validated). */
  readonly answers: readonly AnswerScore[];
}

/** One answer's gold and scores, for looking at where a grader and people disagree. */
export interface AnswerScore {
  readonly item: string;
  /** Position of the answer in its item, from 0. */
  readonly answer: number;
  readonly kind: string | undefined;
  readonly gold: number;
  readonly score: number;
  readonly tfidf: number;
  readonly overlap: number;
}

export interface KindFigures {
  readonly kind: string;
  readonly n: number;
  readonly gold: number;
  readonly score: number;
}

/** The kind of every answer of the set in file order (undefined where not noted), or undefined without notes. */
function answerKinds(set: LabelledSet): (string | undefined)[] | undefined {
  const { kinds } = set;
  if (!kinds) return undefined;
  return set.items.flatMap((item) => item.answers.map((_, index) => kinds.get(item.id)?.[index]));
}

/** Mean gold and score per kind, kinds in order of their mean gold (then name). */
export function byKind(rows: readonly { kind: string | undefined; gold: number; score: number }[]): KindFigures[] {
  const sums = new Map<string, { n: number; gold: number; score: number }>();
  for (const { kind, gold, score } of rows) {
    if (kind === undefined) continue;
    const sum = sums.get(kind) ?? { n: 0, gold: 0, score: 0 };
    sums.set(kind, { n: sum.n + 1, gold: sum.gold + gold, score: sum.score + score });
  }
  return [...sums]
    .map(([kind, sum]) => ({ kind, n: sum.n, gold: sum.gold / sum.n, score: sum.score / sum.n }))
    .sort((a, b) => a.gold - b.gold || a.kind.localeCompare(b.kind));
}

export interface RubricBreakdown {
  readonly rubric: RubricId;
  readonly n: number;
  readonly grader: number;
  readonly rules: number;
  readonly tfidf: number;
}

export interface EvalReport {
  readonly grader: 'offline' | 'llm';
  /** Every answer was graded as if its question had no reference (the eval context's \`withoutReference\`). */
  readonly withoutReference: boolean;
  /** The model name (llm) or the offline weights' version. */
  readonly model: string;
  readonly sets: readonly SetReport[];
}

export interface EvalOptions {
  readonly sets: readonly LabelledSet[];
  /**
   * Folds for leave-questions-out refitting of the offline weights. Undefined: 5 for sets the shipped
   * weights were fitted on, none for others. 0: the shipped weights everywhere (in-sample where fitted).
   */
  readonly folds?: number | undefined;
  /** Grade with a model instead (its name for the report); the offline grader is its fallback. */
  readonly llm?: { grader: Grader; model: string };
}

const DEFAULT_FOLDS = 5;

function scaleOf(set: LabelledSet): [number, number] {
  const [first] = set.items;
  if (!first) throw new Error(`${set.name}: no items`);
  for (const item of set.items) {
    if (item.scale[0] !== first.scale[0] || item.scale[1] !== first.scale[1]) {
      throw new Error(`${set.name}: item ${item.id} has scale [${item.scale.join(', ')}], the set [${first.scale.join(', ')}]`);
    }
  }
  return first.scale;
}

/**
 * The baselines compare each answer with the text a grader of the run has: the item's reference, or, graded
 * without reference, the question itself (a reference-free baseline, not an upper bound).
 */
function baselines(set: LabelledSet, against: BaselineText): { tfidf: number[]; overlap: number[] } {
  const target = (item: LabelledSet['items'][number]): string => (against === 'question' ? item.question : item.reference);
  const idf = inverseDocumentFrequency(set.items.flatMap((item) => [target(item), ...item.answers.map((answer) => answer.text)]));
  const tfidf: number[] = [];
  const overlap: number[] = [];
  for (const item of set.items) {
    for (const answer of item.answers) {
      tfidf.push(tfidfCosine(answer.text, target(item), idf));
      overlap.push(overlapRecall(answer.text, target(item)));
    }
  }
  return { tfidf, overlap };
}

/** The set's answers in file order with the scores that entered its figures. */
function answerScores(
  set: LabelledSet,
  columns: { overall: readonly number[]; kinds: readonly (string | undefined)[] | undefined; base: { tfidf: readonly number[]; overlap: readonly number[] } },
): AnswerScore[] {
  const positions = set.items.flatMap((item) => item.answers.map((answer, position) => ({ item: item.id, answer: position, gold: answer.gold })));
  return positions.map((row, index) => ({
    ...row,
    kind: columns.kinds?.[index],
    score: columns.overall[index] ?? 0,
    tfidf: columns.base.tfidf[index] ?? 0,
    overlap: columns.base.overlap[index] ?? 0,
  }));
}

/** Overall scores by the type graders' rules alone: the calibration applies to no rubric. */
async function rulesAlone(context: EvalContext, set: LabelledSet): Promise<number[]> {
  const service = context.service(createOfflineGrader({ ...SHIPPED_MODELS, behavioural: { ...SHIPPED_BEHAVIOURAL_MODEL, rubrics: [] } }));
  const overall: number[] = [];
  for (const item of set.items) for (const answer of item.answers) overall.push((await gradeLabelled(service, item, answer.text)).overall);
  return overall;
}

/** Spearman per behavioural rubric with at least five answers, in the order the rubrics first appear. */
function breakdown(rubrics: readonly RubricId[], gold: readonly number[], columns: { grader: readonly number[]; rules: readonly number[]; tfidf: readonly number[] }): RubricBreakdown[] {
  const rows: RubricBreakdown[] = [];
  for (const rubric of new Set(rubrics)) {
    if (rubric === 'technical') continue;
    const index = rubrics.flatMap((value, position) => (value === rubric ? [position] : []));
    if (index.length < 5) continue;
    const pick = (values: readonly number[]) => index.map((position) => values[position] ?? 0);
    const goldOf = pick(gold);
    rows.push({
      rubric,
      n: index.length,
      grader: spearman(pick(columns.grader), goldOf),
      rules: spearman(pick(columns.rules), goldOf),
      tfidf: spearman(pick(columns.tfidf), goldOf),
    });
  }
  return rows;
}

/** Questions go to folds in turn, in file order: deterministic, and every fold gets a spread of them. */
export const foldOf = (itemIndex: number, folds: number): number => itemIndex % folds;

/**
 * Overall scores of a set's answers, in file order, each graded with weights refitted on every answer of `pool` but
 * those of its own fold's questions of this set (`refit` turns the training answers into the grader's models).
 */
async function refittedByFold<Answer extends { readonly set: string; readonly item: number }>(
  context: EvalContext,
  set: LabelledSet,
  pool: readonly Answer[],
  folds: number,
  refit: (training: Answer[]) => OfflineModels,
): Promise<number[]> {
  const byItem: number[][] = set.items.map(() => []);
  for (let fold = 0; fold < folds; fold += 1) {
    const heldOut = (answer: Answer) => answer.set === set.name && foldOf(answer.item, folds) === fold;
    const service = context.service(createOfflineGrader(refit(pool.filter((answer) => !heldOut(answer)))));
    for (const [itemIndex, item] of set.items.entries()) {
      if (foldOf(itemIndex, folds) !== fold) continue;
      for (const answer of item.answers) byItem[itemIndex]?.push((await gradeLabelled(service, item, answer.text)).overall);
    }
  }
  return byItem.flat();
}

const fitted = { idfVersion: TERM_IDF_VERSION };

/** The technical weights refitted fold by fold. */
const crossValidated = (context: EvalContext, set: LabelledSet, pool: readonly GradedAnswer[], folds: number) =>
  refittedByFold(context, set, pool, folds, (training) => ({
    ...SHIPPED_MODELS,
    technical: fitTechnicalModel(training, [], { ...fitted, ridge: SHIPPED_TECHNICAL_MODEL.ridge }),
  }));

/** Graded without references: the no-reference weights refitted fold by fold. */
const crossValidatedNoReference = (context: EvalContext, set: LabelledSet, pool: readonly GradedAnswer[], folds: number) =>
  refittedByFold(context, set, pool, folds, (training) => ({
    ...SHIPPED_MODELS,
    noReference: fitNoReferenceModel(training, [], { ...fitted, ridge: SHIPPED_NO_REFERENCE_MODEL.ridge }),
  }));

/** The behavioural calibration refitted fold by fold, on every behavioural answer of the run but the fold's questions of this set. */
const crossValidatedBehavioural = (context: EvalContext, set: LabelledSet, pool: readonly MeasuredBehavioural[], folds: number) =>
  refittedByFold(context, set, pool, folds, (training) => ({ ...SHIPPED_MODELS, behavioural: fitBehaviouralModel(training, []) }));

/**
 * The sets whose answers train the fold refits: as the shipped weights were fitted, the sets of their trainedOn (by
 * content hash), never a held-out set (only ever measured), nor a development set they were not fitted on (measured with
 * the shipped weights); with an explicit --cv, every set of the run but the held-out ones.
 */
export function foldTrainingSets(sets: readonly LabelledSet[], trainedOn: ReadonlySet<string>, crossValidateAll: boolean): Set<string> {
  return new Set(sets.filter((set) => !set.heldOut && (crossValidateAll || trainedOn.has(set.sha256))).map((set) => set.name));
}

export async function evaluate(context: EvalContext, options: EvalOptions): Promise<EvalReport> {
  const { sets } = options;
  const against: BaselineText = context.withoutReference ? 'question' : 'reference';
  // Graded without references, the no-reference weights are the fitted ones that apply to technical answers.
  const trained = new Set((context.withoutReference ? SHIPPED_NO_REFERENCE_MODEL : SHIPPED_TECHNICAL_MODEL).trainedOn.map((set) => set.sha256));
  const trainedBehavioural = new Set(SHIPPED_BEHAVIOURAL_MODEL.trainedOn.map((set) => set.sha256));
  const reports: SetReport[] = [];

  if (options.llm) {
    const { grader, model } = options.llm;
    const service = context.service(grader, { offline: createOfflineGrader() });
    const shown = exampleQuestions(selectGradedExamples(readLabelledSets(DEFAULT_EVAL_DIR), rubricAssigner(context.corpus)));
    for (const set of sets) {
      const scale = scaleOf(set);
      const base = baselines(set, against);
      const kinds = answerKinds(set);
      const kept: { item: string; answer: number; overall: number; gold: number; tfidf: number; overlap: number; kind: string | undefined }[] = [];
      let fallbacks = 0;
      let shownAsExamples = 0;
      let ms = 0;
      let index = 0;
      for (const item of set.items) {
        if (shown.has(`${set.name}#${item.id}`)) {
          shownAsExamples += item.answers.length;
          index += item.answers.length;
          continue;
        }
        for (const [position, answer] of item.answers.entries()) {
          const started = performance.now();
          const result = await gradeLabelled(service, item, answer.text);
          ms += performance.now() - started;
          if (result.grader.fallbackReason !== undefined) fallbacks += 1;
          else {
            kept.push({ item: item.id, answer: position, overall: result.overall, gold: answer.gold, tfidf: base.tfidf[index] ?? 0, overlap: base.overlap[index] ?? 0, kind: kinds?.[index] });
          }
          index += 1;
        }
      }
      const gold = kept.map((row) => row.gold);
      reports.push({
        name: set.name,
        baselineAgainst: against,
        questions: set.items.length,
        scale,
        protocol: 'llm',
        grader: { ...agreement(kept.map((row) => row.overall), gold, scale), msPerAnswer: ms / Math.max(1, index - shownAsExamples) },
        tfidf: agreement(kept.map((row) => row.tfidf), gold, scale),
        overlap: agreement(kept.map((row) => row.overlap), gold, scale),
        fallbacks,
        shownAsExamples,
        ...(kinds ? { byKind: byKind(kept.map((row) => ({ kind: row.kind, gold: row.gold, score: row.overall }))) } : {}),
        answers: kept.map((row) => ({ item: row.item, answer: row.answer, kind: row.kind, gold: row.gold, score: row.overall, tfidf: row.tfidf, overlap: row.overlap })),
      });
    }
    return { grader: 'llm', model, withoutReference: context.withoutReference, sets: reports };
  }

  const graded = await gradeSets(context, sets);
  const foldSets = foldTrainingSets(sets, new Set([...trained, ...trainedBehavioural]), options.folds !== undefined);
  const pool = graded.filter((answer) => foldSets.has(answer.set));
  let behaviouralPool: MeasuredBehavioural[] | undefined;
  for (const set of sets) {
    if (set.heldOut && (trained.has(set.sha256) || trainedBehavioural.has(set.sha256))) {
      throw new Error(`${set.name}: a held-out set, yet the shipped weights list it in trainedOn; refit without it`);
    }
    const scale = scaleOf(set);
    const answers = graded.filter((answer) => answer.set === set.name);
    const gold = answers.map((answer) => answer.gold);
    const measured = answers.some((answer) => (context.withoutReference ? answer.noReference : answer.features) !== null);
    const folds = set.heldOut ? 0 : (options.folds ?? (trained.has(set.sha256) ? DEFAULT_FOLDS : 0));
    let protocol: Protocol = set.heldOut ? 'held-out' : trained.has(set.sha256) && measured ? 'in-sample' : 'shipped';
    let overall = answers.map((answer) => answer.result.overall);
    if (folds > 1 && measured) {
      overall = context.withoutReference
        ? await crossValidatedNoReference(context, set, pool, Math.min(folds, set.items.length))
        : await crossValidated(context, set, pool, Math.min(folds, set.items.length));
      protocol = 'cross-validated';
    } else if (!set.heldOut && trainedBehavioural.has(set.sha256)) {
      const behaviouralFolds = options.folds ?? DEFAULT_FOLDS;
      protocol = 'in-sample';
      if (behaviouralFolds > 1) {
        behaviouralPool ??= await measureBehaviouralSets(context, sets.filter((candidate) => !candidate.heldOut));
        overall = await crossValidatedBehavioural(context, set, behaviouralPool, Math.min(behaviouralFolds, set.items.length));
        protocol = 'cross-validated';
      }
    }
    const base = baselines(set, against);
    const rubrics = answers.map((answer) => answer.result.rubric);
    const behavioural = rubrics.some((rubric) => SHIPPED_BEHAVIOURAL_MODEL.rubrics.includes(rubric));
    const rules = behavioural ? await rulesAlone(context, set) : undefined;
    const kinds = answerKinds(set);
    reports.push({
      name: set.name,
      baselineAgainst: against,
      questions: set.items.length,
      scale,
      protocol,
      ...(rules ? { rules: agreement(rules, gold, scale), byRubric: breakdown(rubrics, gold, { grader: overall, rules, tfidf: base.tfidf }) } : {}),
      ...(protocol === 'cross-validated' ? { folds: Math.min(measured ? folds : (options.folds ?? DEFAULT_FOLDS), set.items.length) } : {}),
      grader: { ...agreement(overall, gold, scale), msPerAnswer: answers.reduce((sum, answer) => sum + answer.ms, 0) / Math.max(1, answers.length) },
      tfidf: agreement(base.tfidf, gold, scale),
      overlap: agreement(base.overlap, gold, scale),
      fallbacks: 0,
      shownAsExamples: 0,
      ...(kinds ? { byKind: byKind(answers.map((answer, index) => ({ kind: kinds[index], gold: answer.gold, score: overall[index] ?? 0 }))) } : {}),
      answers: answerScores(set, { overall, kinds, base }),
    });
  }
  return { grader: 'offline', model: context.withoutReference ? SHIPPED_NO_REFERENCE_MODEL.version : SHIPPED_TECHNICAL_MODEL.version, withoutReference: context.withoutReference, sets: reports };
}
