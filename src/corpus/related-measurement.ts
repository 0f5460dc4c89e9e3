import { z } from 'zod';
import { sourceTitleOf } from '../contracts/curation.js';
import { CorpusFile } from './parse-corpus.js';
import type { QuestionRecord } from '../contracts/question-schema.js';
import { createRelatedIndex, RELATED_LIMIT } from './related-questions.js';
import { normaliseText, splitLines } from './text-utils.js';

/*
 * Measures the relatedness threshold of `related-questions.ts`: how often the answers a pasted question
 * would borrow belong to a clearly related question. The judgements (data/related-question-judgements.json)
 * say which questions share a subject; the queries are every technical corpus question asked with its own
 * record left out, plus questions written by the team that the corpus does not contain. Used by
 * `npm run measure:related` and by the test that keeps the threshold in step with its measurement.
 */

export const RelatedJudgementsSchema = z
  .object({
    about: z.string(),
    /** Guide sections that are one subject: "gradient-descent": ["8.2", "8.3", …]. */
    sectionGroups: z.record(z.string(), z.array(z.string().regex(/^\d+\.\d+$/)).min(2)),
    /** Subjects by question text or source title; every notebook question needs an entry. */
    subjects: z.record(z.string(), z.array(z.string().min(1)).min(1)),
    /** Keys of `subjects` added or extended after reviewing what a scorer lent: disclosed, not used. */
    addedAfterReview: z.array(z.string()).default([]),
    queries: z.array(
      z
        .object({
          text: z.string().min(1),
          /** The corpus question (text or source title) it paraphrases: related to it and to what it is related to. */
          paraphrases: z.string().min(1).optional(),
          subjects: z.array(z.string().min(1)).default([]),
          note: z.string().optional(),
        })
        .strict(),
    ),
  })
  .strict()
  .refine((judgements) => judgements.addedAfterReview.every((text) => text in judgements.subjects), {
    message: 'addedAfterReview names a question without subjects',
  });
export type RelatedJudgements = z.infer<typeof RelatedJudgementsSchema>;

export interface JudgedQuery {
  text: string;
  kind: 'corpus' | 'paraphrase' | 'written';
  /** The record the query is, left out of its own candidates. */
  excludeId?: string;
  subjects: ReadonlySet<string>;
  /** Some candidate record shares a subject: there is related material to find. */
  answerable: boolean;
  /**
   * Cross-validation fold: a guide question's chapter, so a threshold is never judged on the chapter it
   * was chosen on; notebook and written questions are dealt round the folds in turn.
   */
  fold: number;
}

export interface JudgedCandidate {
  id: string;
  text: string;
  questionSimilarity: number;
  answerSimilarity: number;
  related: boolean;
}

export interface ScoredQuery {
  query: JudgedQuery;
  /** Every candidate sharing a term with the query. */
  candidates: JudgedCandidate[];
}

/** How a candidate's two similarities make its score; `used` is what `related-questions.ts` does. */
export const Scorers = {
  used: (candidate: JudgedCandidate) => (candidate.questionSimilarity + candidate.answerSimilarity) / 2,
  questionOnly: (candidate: JudgedCandidate) => candidate.questionSimilarity,
  answerOnly: (candidate: JudgedCandidate) => candidate.answerSimilarity,
} as const;
export type Scorer = (candidate: JudgedCandidate) => number;

const SECTION_HEADING = /^(\d+)\.(\d+)\s+\S/;
/** Part 1 of the guide (the technical questions) ends where part 2 ("2. 50 Self-Preparation Prompts") begins. */
const GUIDE_PART_2 = /^2\.\s+\d+\s+Self-Preparation/;

/** The guide section ("8.7") of each line of its technical part, by the nearest heading above it. */
function guideSections(guideText: string): (string | undefined)[] {
  const sections: (string | undefined)[] = [];
  let current: string | undefined;
  let done = false;
  for (const line of splitLines(guideText)) {
    if (GUIDE_PART_2.test(line)) done = true;
    const heading = done ? null : SECTION_HEADING.exec(line);
    if (heading) current = `${heading[1]}.${heading[2]}`;
    sections.push(done ? undefined : current);
  }
  return sections;
}

/** Subjects of every technical record: its guide section and that section's groups, plus the hand-written ones. */
function recordSubjects(records: readonly QuestionRecord[], judgements: RelatedJudgements, guideText: string): Map<string, Set<string>> {
  const lineSections = guideSections(guideText);
  const groupsOf = (section: string): string[] =>
    Object.entries(judgements.sectionGroups).flatMap(([name, sections]) => (sections.includes(section) ? [name] : []));
  const byText = new Map(Object.entries(judgements.subjects).map(([text, subjects]) => [normaliseText(text), subjects]));
  const used = new Set<string>();
  const result = new Map<string, Set<string>>();
  for (const record of records) {
    if (record.kind !== 'technical') continue;
    const subjects = new Set<string>();
    for (const source of record.sources) {
      const section = source.file === CorpusFile.guide ? lineSections[source.line - 1] : undefined;
      if (section !== undefined) for (const subject of [section, ...groupsOf(section)]) subjects.add(subject);
    }
    for (const form of [record.text, sourceTitleOf(record)]) {
      const key = form === undefined ? undefined : normaliseText(form);
      const extra = key === undefined ? undefined : byText.get(key);
      if (key === undefined || extra === undefined) continue;
      used.add(key);
      for (const subject of extra) subjects.add(subject);
    }
    if (subjects.size === 0) throw new Error(`no subject for "${record.text}": add it to the judgements' subjects`);
    result.set(record.id, subjects);
  }
  const unused = [...byText.keys()].filter((key) => !used.has(key));
  if (unused.length > 0) throw new Error(`judgements name questions the corpus lacks: ${unused.join('; ')}`);
  return result;
}

const shares = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].some((subject) => b.has(subject));

/** The queries: each technical record with itself left out, then the written paraphrases and questions. */
export function judgedQueries(records: readonly QuestionRecord[], judgements: RelatedJudgements, guideText: string): JudgedQuery[] {
  const subjectsOf = recordSubjects(records, judgements, guideText);
  const technical = records.filter((record) => subjectsOf.has(record.id));
  const answerable = (subjects: ReadonlySet<string>, excludeId?: string): boolean =>
    technical.some((record) => record.id !== excludeId && shares(subjects, subjectsOf.get(record.id) ?? new Set()));
  const find = (text: string): QuestionRecord => {
    const key = normaliseText(text);
    const found = technical.find((record) => [record.text, sourceTitleOf(record)].some((form) => form !== undefined && normaliseText(form) === key));
    if (found === undefined) throw new Error(`judgements paraphrase "${text}", which is not a technical question of the corpus`);
    return found;
  };

  const lineSections = guideSections(guideText);
  const chapterOf = (record: QuestionRecord): number | undefined => {
    const source = record.sources[0];
    const section = source?.file === CorpusFile.guide ? lineSections[source.line - 1] : undefined;
    return section === undefined ? undefined : Number(section.split('.')[0]);
  };
  const folds = Math.max(...technical.map((record) => chapterOf(record) ?? 0));
  let dealt = 0;
  const deal = (): number => (dealt++ % folds) + 1;
  const queries: JudgedQuery[] = technical.map((record) => {
    const subjects = subjectsOf.get(record.id) ?? new Set<string>();
    return { text: record.text, kind: 'corpus', excludeId: record.id, subjects, answerable: answerable(subjects, record.id), fold: chapterOf(record) ?? deal() };
  });
  judgements.queries.forEach((written) => {
    const target = written.paraphrases === undefined ? undefined : find(written.paraphrases);
    const subjects = new Set([...written.subjects, ...(target ? (subjectsOf.get(target.id) ?? []) : [])]);
    queries.push({
      text: written.text,
      kind: target ? 'paraphrase' : 'written',
      subjects,
      answerable: answerable(subjects),
      fold: deal(),
    });
  });
  return queries;
}

/** Scores every query against every candidate once; thresholds and scorers are then applied to these lists. */
export function scoreQueries(records: readonly QuestionRecord[], judgements: RelatedJudgements, guideText: string): ScoredQuery[] {
  const subjectsOf = recordSubjects(records, judgements, guideText);
  const index = createRelatedIndex(records);
  return judgedQueries(records, judgements, guideText).map((query) => ({
    query,
    candidates: index.score(query.text, query.excludeId).map(({ record, questionSimilarity, answerSimilarity }) => ({
      id: record.id,
      text: record.text,
      questionSimilarity,
      answerSimilarity,
      related: shares(query.subjects, subjectsOf.get(record.id) ?? new Set()),
    })),
  }));
}

/** The candidates a query borrows: the best `RELATED_LIMIT` by the scorer, at or above the threshold. */
export function lentAt(candidates: readonly JudgedCandidate[], threshold: number, scorer: Scorer = Scorers.used): JudgedCandidate[] {
  return best(candidates, scorer)
    .filter(({ score }) => score >= threshold)
    .map(({ candidate }) => candidate);
}

interface Ranked {
  candidate: JudgedCandidate;
  score: number;
}

/** A threshold keeps a prefix of this list, so it is computed once per query and scorer. */
function best(candidates: readonly JudgedCandidate[], scorer: Scorer): Ranked[] {
  return candidates
    .map((candidate) => ({ candidate, score: scorer(candidate) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, RELATED_LIMIT);
}

interface RankedQuery {
  query: JudgedQuery;
  best: Ranked[];
}

function rank(scored: readonly ScoredQuery[], scorer: Scorer): RankedQuery[] {
  return scored.map(({ query, candidates }) => ({ query, best: best(candidates, scorer) }));
}

export interface ThresholdFigures {
  threshold: number;
  queries: number;
  /** Borrowed answers (query, candidate pairs at or above the threshold). */
  lent: number;
  /** Share of borrowed answers that belong to a clearly related question. */
  precision: number;
  /** Share of queries with related material in the corpus that borrow at least one related answer. */
  recall: number;
  /** Share of queries with nothing related in the corpus that still borrow something. */
  falseLendRate: number;
}

interface Counts {
  queries: number;
  lent: number;
  correct: number;
  answerable: number;
  found: number;
  unanswerable: number;
  falselyLent: number;
}

function count(ranked: readonly RankedQuery[], threshold: number | ((query: JudgedQuery) => number)): Counts {
  const counts: Counts = { queries: 0, lent: 0, correct: 0, answerable: 0, found: 0, unanswerable: 0, falselyLent: 0 };
  for (const { query, best: top } of ranked) {
    const at = typeof threshold === 'number' ? threshold : threshold(query);
    const lent = top.filter(({ score }) => score >= at).map(({ candidate }) => candidate);
    counts.queries += 1;
    counts.lent += lent.length;
    counts.correct += lent.filter((candidate) => candidate.related).length;
    if (query.answerable) {
      counts.answerable += 1;
      if (lent.some((candidate) => candidate.related)) counts.found += 1;
    } else {
      counts.unanswerable += 1;
      if (lent.length > 0) counts.falselyLent += 1;
    }
  }
  return counts;
}

function toFigures(counts: Counts, threshold: number): ThresholdFigures {
  return {
    threshold,
    queries: counts.queries,
    lent: counts.lent,
    precision: counts.lent === 0 ? 1 : counts.correct / counts.lent,
    recall: counts.answerable === 0 ? 0 : counts.found / counts.answerable,
    falseLendRate: counts.unanswerable === 0 ? 0 : counts.falselyLent / counts.unanswerable,
  };
}

/** Candidate thresholds: 0.05 to 0.95 in steps of 0.01. */
const THRESHOLD_GRID: readonly number[] = Array.from({ length: 91 }, (_, step) => Math.round((0.05 + step * 0.01) * 100) / 100);

/** The wanted precision of borrowed answers: at most one in ten from a question that is not clearly related. */
const TARGET_PRECISION = 0.9;

/** The lowest threshold on the grid whose precision reaches the target: as much related material as that allows. */
function chooseOnRanked(ranked: readonly RankedQuery[], target: number): number {
  return THRESHOLD_GRID.find((threshold) => toFigures(count(ranked, threshold), threshold).precision >= target) ?? 1;
}

export interface Measurement {
  /** Chosen on all queries: the value `RELATED_THRESHOLD` must have (for the `used` scorer). */
  threshold: number;
  /** All queries at that threshold: in-sample. */
  all: ThresholdFigures;
  /**
   * Cross-validated by chapter: each fold's queries judged at the threshold chosen on the other folds,
   * pooled. `threshold` here is the mean of the thresholds chosen.
   */
  heldOut: ThresholdFigures;
  /** By query kind at the chosen threshold. */
  byKind: Record<JudgedQuery['kind'], ThresholdFigures>;
  /** Lending the best three whatever their score, as grading did before the threshold. */
  noThreshold: ThresholdFigures;
}

export function measureRelatedThreshold(scored: readonly ScoredQuery[], scorer: Scorer = Scorers.used): Measurement {
  const ranked = rank(scored, scorer);
  const threshold = chooseOnRanked(ranked, TARGET_PRECISION);
  const folds = [...new Set(ranked.map(({ query }) => query.fold))].sort((a, b) => a - b);
  const chosenFor = new Map(folds.map((fold) => [fold, chooseOnRanked(ranked.filter(({ query }) => query.fold !== fold), TARGET_PRECISION)]));
  const heldOutCounts = count(ranked, (query) => chosenFor.get(query.fold) ?? threshold);
  const meanThreshold = [...chosenFor.values()].reduce((sum, value) => sum + value, 0) / Math.max(1, chosenFor.size);
  const at = (subset: readonly RankedQuery[], value: number) => toFigures(count(subset, value), value);
  const kind = (name: JudgedQuery['kind']) => at(ranked.filter(({ query }) => query.kind === name), threshold);
  return {
    threshold,
    all: at(ranked, threshold),
    heldOut: toFigures(heldOutCounts, Math.round(meanThreshold * 1000) / 1000),
    byKind: { corpus: kind('corpus'), paraphrase: kind('paraphrase'), written: kind('written') },
    noThreshold: at(ranked, 0),
  };
}
