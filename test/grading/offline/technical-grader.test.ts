import { describe, expect, it } from 'vitest';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { scoreOf as score, TECHNICAL_FIXTURES, technicalInput } from './fixtures.js';

const grader = createOfflineGrader();

describe.each(TECHNICAL_FIXTURES)('technical grading: $name', (fixture) => {
  it('scores the full answer at least 3.5 overall', async () => {
    const result = await grader.grade(technicalInput(fixture, fixture.full));
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
    expect(score(result, 'coverage')).toBeGreaterThanOrEqual(4);
  });

  it('drops coverage for half the key points and lists the missed ones', async () => {
    const full = await grader.grade(technicalInput(fixture, fixture.full));
    const half = await grader.grade(technicalInput(fixture, fixture.half));
    expect(score(half, 'coverage')).toBeLessThan(score(full, 'coverage'));
    expect(half.missingPoints.length).toBeGreaterThan(full.missingPoints.length);
    expect(half.improvements.some((text) => text.includes('missed key point'))).toBe(true);
  });

  it('scores a bare keyword list at most 2 overall although it names the key terms', async () => {
    const result = await grader.grade(technicalInput(fixture, fixture.keywords));
    expect(result.overall).toBeLessThanOrEqual(2);
    expect(score(result, 'clarity')).toBe(1);
  });

  it('scores an off-topic answer at most 2 overall, with no key point covered', async () => {
    // The off-topic rule reads what the answer is about, not the fitted estimate, so a refit cannot lift one of these
    // over its line (the Python-dictionaries answer to the bias-variance question sat at 0.352 against 0.35 once).
    const result = await grader.grade(technicalInput(fixture, fixture.offTopic));
    expect(result.overall).toBeLessThanOrEqual(2);
    expect((result.coverage ?? []).filter((entry) => entry.status === 'covered')).toEqual([]);
    expect(result.improvements.join(' ')).toContain('The answer does not address the question');
  });

  it('gives no extra coverage for a keyword list appended to a partial answer', async () => {
    const half = await grader.grade(technicalInput(fixture, fixture.half));
    const stuffed = await grader.grade(technicalInput(fixture, `${fixture.half}\n${fixture.keywords}`));
    expect(score(stuffed, 'coverage')).toBeLessThanOrEqual(score(half, 'coverage'));
    expect(stuffed.missingPoints).toEqual(half.missingPoints);
  });

  it('is more lenient when the reference comes from related questions', async () => {
    const own = await grader.grade(technicalInput(fixture, fixture.half));
    const related = await grader.grade(technicalInput(fixture, fixture.half, true));
    expect(score(related, 'coverage')).toBeGreaterThanOrEqual(score(own, 'coverage'));
    expect(related.dimensions.find((dimension) => dimension.key === 'coverage')?.rationale).toContain('related questions');
  });

  it('says in the correctness rationale that correctness is an estimate', async () => {
    const result = await grader.grade(technicalInput(fixture, fixture.full));
    expect(result.dimensions.find((dimension) => dimension.key === 'correctness')?.rationale).toMatch(/estimated/i);
  });
});

describe('technical grading: depth and contradictions', () => {
  const [fixture] = TECHNICAL_FIXTURES;
  if (!fixture) throw new Error('no technical fixture');

  it('rewards trade-offs, when-to-use guidance, examples and pitfalls over a bare definition', async () => {
    const definition = await grader.grade(
      technicalInput(fixture, 'A list is mutable, so you can change its elements after you create it. A tuple is immutable and cannot be changed.'),
    );
    const deep = await grader.grade(
      technicalInput(
        fixture,
        'A list is mutable, so you can change its elements after you create it, whereas a tuple is immutable and cannot be changed. Prefer a tuple when the data is fixed, for example image dimensions such as (224, 224, 3). The downside of a list is that it uses more memory. A common mistake is to use a mutable list as a dictionary key, which fails.',
      ),
    );
    expect(score(deep, 'depth')).toBeGreaterThan(score(definition, 'depth'));
    expect(score(deep, 'depth')).toBeGreaterThanOrEqual(4);
  });

  it('lowers the correctness estimate when the answer negates a point the reference affirms', async () => {
    const right = await grader.grade(
      technicalInput(fixture, 'Lists are mutable, so you can change them after creation by adding, removing or modifying elements. Tuples are immutable.'),
    );
    const wrong = await grader.grade(
      technicalInput(fixture, 'Lists are not mutable, so you cannot change them after creation by adding, removing or modifying elements. Tuples are immutable.'),
    );
    expect(score(wrong, 'correctness')).toBeLessThan(score(right, 'correctness'));
  });
});
