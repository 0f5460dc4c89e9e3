import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { CorpusFile, readCorpus } from '../../src/corpus/parse-corpus.js';
import type { QuestionRecord } from '../../src/contracts/question-schema.js';
import {
  judgedQueries,
  measureRelatedThreshold,
  RelatedJudgementsSchema,
  scoreQueries,
  type Measurement,
  type RelatedJudgements,
} from '../../src/corpus/related-measurement.js';
import { createRelatedIndex, RELATED_THRESHOLD } from '../../src/corpus/related-questions.js';

const corpusDir = path.join(projectRoot, 'data', 'corpus');
let records: QuestionRecord[];
let judgements: RelatedJudgements;
let guideText: string;
let measurement: Measurement;

beforeAll(() => {
  records = readCorpus(corpusDir).questions;
  judgements = RelatedJudgementsSchema.parse(JSON.parse(readFileSync(path.join(projectRoot, 'data', 'related-question-judgements.json'), 'utf8')));
  guideText = readFileSync(path.join(corpusDir, CorpusFile.guide), 'utf8');
  measurement = measureRelatedThreshold(scoreQueries(records, judgements, guideText));
});

describe('relatedness threshold', () => {
  it('is the threshold the measurement chooses, so the code cannot drift from its figures', () => {
    expect(measurement.threshold).toBe(RELATED_THRESHOLD);
  });

  it('lends answers that are at least 90% clearly related, and at least 85% when chosen without the chapter judged', () => {
    expect(measurement.all.precision).toBeGreaterThanOrEqual(0.9);
    expect(measurement.heldOut.precision).toBeGreaterThanOrEqual(0.85);
    // Without the threshold nearly half of what grading borrowed came from unrelated questions.
    expect(measurement.noThreshold.precision).toBeLessThan(0.6);
  });

  it('lends nothing to questions about subjects the corpus does not cover', () => {
    expect(measurement.all.falseLendRate).toBe(0);
    expect(measurement.heldOut.falseLendRate).toBe(0);
    expect(measurement.noThreshold.falseLendRate).toBeGreaterThan(0.9);
  });

  it('still finds related material for about half of the questions that have some', () => {
    expect(measurement.heldOut.recall).toBeGreaterThanOrEqual(0.4);
  });

  it('measures on every technical question with its own record left out, plus the written queries', () => {
    const queries = judgedQueries(records, judgements, guideText);
    expect(queries.filter((query) => query.kind === 'corpus')).toHaveLength(386);
    expect(queries.filter((query) => query.kind === 'corpus').every((query) => query.excludeId !== undefined)).toBe(true);
    expect(queries.filter((query) => query.kind !== 'corpus')).toHaveLength(judgements.queries.length);
    expect(new Set(queries.map((query) => query.fold)).size).toBe(13);
  });

  it('never offers a behavioural record as related material, even for behavioural wording', () => {
    const index = createRelatedIndex(records);
    const behavioural = records.filter((record) => record.kind === 'behavioural');
    for (const record of behavioural) {
      expect(index.score(record.text).every((candidate) => candidate.record.kind === 'technical'), record.text).toBe(true);
    }
  });
});
