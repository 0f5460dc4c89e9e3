import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import {
  STAR_FIXTURES,
  completeStar,
  starInput,
  toWe,
  withoutNumbers,
  withoutResult,
  scoreOf as score,
  type StarFixture,
} from './fixtures.js';

const grader = createOfflineGrader();

const grade = (fixture: StarFixture, answer: string): Promise<GradeResult> => grader.grade(starInput(fixture, answer));

describe.each(STAR_FIXTURES)('STAR grading: $name', (fixture) => {
  it('scores the complete STAR answer at least 3.5 overall and quotes every part', async () => {
    const result = await grade(fixture, completeStar(fixture));
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
    for (const part of ['situation', 'task', 'action', 'result']) {
      const dimension = result.dimensions.find((candidate) => candidate.key === part);
      expect(dimension?.evidence?.length, part).toBeGreaterThan(0);
    }
    expect(result.missingPoints).toEqual([]);
  });

  it('drops the result score and names the missing result when the result is removed', async () => {
    const complete = await grade(fixture, completeStar(fixture));
    const planted = await grade(fixture, withoutResult(fixture));
    expect(score(planted, 'result')).toBeLessThan(score(complete, 'result'));
    expect(planted.missingPoints.some((point) => point.startsWith('Result'))).toBe(true);
    expect(planted.improvements.some((text) => text.includes('Result is missing'))).toBe(true);
  });

  it('drops ownership when "I" becomes "we"', async () => {
    const complete = await grade(fixture, completeStar(fixture));
    const planted = await grade(fixture, toWe(completeStar(fixture)));
    expect(score(planted, 'ownership')).toBeLessThan(score(complete, 'ownership'));
    expect(score(planted, 'action')).toBeLessThan(score(complete, 'action'));
  });

  it('drops situation and specificity when the story is told hypothetically', async () => {
    const complete = await grade(fixture, completeStar(fixture));
    const planted = await grade(fixture, fixture.hypothetical);
    expect(score(planted, 'situation')).toBeLessThan(score(complete, 'situation'));
    expect(score(planted, 'specificity')).toBeLessThan(score(complete, 'specificity'));
    expect(score(planted, 'ownership')).toBeLessThan(score(complete, 'ownership'));
    expect(planted.improvements.some((text) => text.includes('what you would do'))).toBe(true);
  });

  it('drops specificity when the numbers are removed and flags the result as unquantified', async () => {
    const complete = await grade(fixture, completeStar(fixture));
    const planted = await grade(fixture, withoutNumbers(fixture));
    expect(score(planted, 'specificity')).toBeLessThan(score(complete, 'specificity'));
    expect(planted.improvements.some((text) => text.includes('unquantified'))).toBe(true);
    expect(complete.strengths.some((text) => text.startsWith('Quantified result'))).toBe(true);
  });
});

describe('STAR grading: other answer shapes', () => {
  const [fixture] = STAR_FIXTURES;
  if (!fixture) throw new Error('no STAR fixture');

  it('rates an off-topic answer 1–2 on relevance', async () => {
    const result = await grade(
      fixture,
      'I really enjoy hiking in the mountains on weekends. Last summer I climbed three peaks in the Alps with my brother and we camped near a lake. Cooking over a fire and reading a good novel is how I relax after a long week.',
    );
    expect(score(result, 'relevance')).toBeLessThanOrEqual(2);
  });

  it('treats habitual "I always / I usually" statements as generic, lowering situation, ownership and specificity', async () => {
    const generic =
      'I always handle difficult team members by talking to them early. I usually schedule a one-on-one and listen to their side first. Generally I try to find a shared goal, and I typically write down clear priorities with them so that everyone knows what to expect. I tend to follow up every week until things improve.';
    const complete = await grade(fixture, completeStar(fixture));
    const result = await grade(fixture, generic);
    for (const key of ['situation', 'specificity', 'ownership']) {
      expect(score(result, key), key).toBeLessThan(score(complete, key));
    }
    expect(score(result, 'situation')).toBeLessThanOrEqual(2);
  });

  it('penalises an answer far too short for a story on concision', async () => {
    const result = await grade(fixture, 'I talked to him and it got better.');
    expect(score(result, 'concision')).toBe(1);
    expect(result.overall).toBeLessThan(2.5);
  });

  it('scores an empty answer 1 on every dimension', async () => {
    const result = await grade(fixture, '   \n ');
    expect(result.dimensions.every((dimension) => dimension.score === 1)).toBe(true);
    expect(result.overall).toBe(1);
  });
});
