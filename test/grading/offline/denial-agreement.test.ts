import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { deniedHeads } from '../../../src/grading/offline/clauses.js';
import { denialAgrees, exclusiveClaims, type DenialContext } from '../../../src/grading/offline/denial-agreement.js';
import { analyzeText, type SentenceInfo } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { readStances } from '../../../src/grading/offline/stances.js';
import { DROPOUT as dropout, P_VALUE as pValue, technicalQuestionInput as input } from './fixtures.js';

/*
 * Whether a denial in the answer agrees with the reference (denial-agreement.ts, one function for every reader: the
 * coverage map, the sentence contradictions and the reference's own polarity). A denial agrees when it denies an
 * omission, restates a negative statement of the reference, says what the reference denies or warns against, or
 * denies nothing a clause of the reference affirms. Restatements that were read as contradictions (2026.11.18) and
 * correct warnings told to check themselves against the model answer (candidate-eye review, round 10).
 */

const grader = createOfflineGrader();

const statusOf = (result: GradeResult, start: string) => result.coverage?.find((entry) => entry.point.startsWith(start));
const dimension = (result: GradeResult, key: string) => result.dimensions.find((entry) => entry.key === key);
const advice = (result: GradeResult): string => result.improvements.join(' ');
const contradicted = (result: GradeResult) => (result.coverage ?? []).filter((entry) => entry.status === 'contradicted');

const sentenceOf = (text: string): SentenceInfo => {
  const [sentence] = analyzeText(text);
  if (sentence === undefined) throw new Error(`no sentence in ${text}`);
  return sentence;
};
const denialIn = (text: string) => {
  const [denial] = deniedHeads(sentenceOf(text));
  if (denial === undefined) throw new Error(`no denial in ${text}`);
  return denial;
};
/** A reference sentence read as the contradiction check reads it: what it negates, says and limits with "only". */
const statement = (text: string): DenialContext['statement'] => {
  const sentence = sentenceOf(text);
  return {
    negatedTerms: new Set(sentence.tokens.filter((token) => token.negated && token.term !== '').map((token) => token.term)),
    says: (word) => sentence.tokens.some((token) => !token.negated && token.normal === word),
    exclusive: exclusiveClaims(sentence),
  };
};
const stancesOf = (reference: string) => readStances(analyzeText(reference).map((sentence) => ({ sentence, block: null })));

describe('one reading of whether a denial agrees', () => {
  it('reads a denied omission as agreeing whatever it is judged against ("don\'t forget to scale")', () => {
    const denial = denialIn("Don't forget to scale the features before fitting.");
    expect(denialAgrees(denial, {})).toBe(true);
    expect(denialAgrees(denial, { statement: statement('Scale the features before fitting.') })).toBe(true);
  });

  it('reads a denial through a verb meaning the same against a negative statement, and not against an affirmative one', () => {
    const denial = denialIn('Modifying a copy never changes the original array.');
    expect(denialAgrees(denial, { statement: statement("Changes to a copy don't affect the original array.") })).toBe(true);
    expect(denialAgrees(denial, { statement: statement('Changes to a view affect the original array.') })).toBe(false);
  });

  it('reads a denial of what the reference denies as agreeing, and a denial of what it affirms as not', () => {
    const stances = stancesOf(pValue.reference);
    expect(denialAgrees(denialIn("A small p-value doesn't measure the size of the effect."), { stances })).toBe(true);
    expect(denialAgrees(denialIn('A p-value does not assume the null hypothesis.'), { stances })).toBe(false);
  });

  it('judges the reference\'s own polarity only when given it', () => {
    const denial = denialIn("It doesn't scale past tens of thousands of points.");
    const reference = 'The kernel matrix is n by n, so kernel SVMs suit up to tens of thousands of samples; features must be scaled.';
    expect(denialAgrees(denial, { stances: stancesOf(reference) })).toBe(true);
    expect(denialAgrees(denial, { statement: statement(reference) })).toBe(false);
  });
});

describe('restatements read through a negative statement', () => {
  /*
   * Restatements that were read as contradictions (2026.11.18): the references are the corpus's (guide Q on views
   * and copies, Q on support vectors), the answers written for review.
   */
  const views = {
    question: 'What is the difference between a view and a copy?',
    reference:
      'A view references the original array’s data, so changes to the view affect the original. A copy is independent, so changes don’t affect the original. ' +
      'Slicing typically creates views, while fancy indexing creates copies. You can explicitly create copies with the copy method.',
  };
  const checked = (result: GradeResult): string => result.improvements.filter((text) => text.includes('against the model answer') || text.includes('Correct "')).join(' ');

  it('reads a denial through another verb of change as the point restated: "never changes the original" for "changes don\'t affect the original"', async () => {
    const right = await grader.grade(input(views.question, views.reference, 'A copy is independent, so modifying it never changes the original.'));
    expect(statusOf(right, 'A copy is independent')?.status).toBe('covered');
    expect(checked(right)).toBe('');
    // A view's point affirms the change: denying it is still read.
    const wrong = await grader.grade(input(views.question, views.reference, 'A view is independent, so modifying it never changes the original.'));
    expect(statusOf(wrong, 'A view references')?.status).toBe('contradicted');
    expect(checked(wrong)).toContain('A view is independent');
  });

  it('judges a sentence matching two reference sentences equally against the one about the same thing ("changes to a copy" against the copy\'s)', async () => {
    const right = await grader.grade(input(views.question, views.reference, "A copy does not share data: changes to a copy don't affect the original."));
    expect(checked(right)).toBe('');
    expect(right.improvements.join(' ')).not.toContain('where the model answer says');
    expect((right.coverage ?? []).some((entry) => entry.status === 'contradicted')).toBe(false);
    const wrong = await grader.grade(input(views.question, views.reference, "A view does not share data: changes to a view don't affect the original."));
    expect(statusOf(wrong, 'A view references')?.status).toBe('contradicted');
    // The copy's sentence matches as well but denies what this one affirms: the view's sentence still judges it.
    const affirmed = await grader.grade(input(views.question, views.reference, "A copy shares the original's data, so changes to a copy affect the original."));
    expect(statusOf(affirmed, 'A view references')?.status).toBe('contradicted');
    expect(advice(affirmed)).toContain('It says "copy" where the model answer says "view"');
  });

  it('reads "the others don\'t" as restating "only these do", unless the denial names what "only" picks out', async () => {
    const vectors =
      'Support vectors are training examples closest to the decision boundary. They literally support or define the boundary because only these examples affect its position. ' +
      'Examples far from the boundary don’t matter; you could move or remove them without changing the decision boundary.';
    const right = await grader.grade(
      input('What are support vectors?', vectors, "Only they determine the boundary's position; points far from the boundary don't affect it at all."),
    );
    expect((right.coverage ?? []).some((entry) => entry.status === 'contradicted')).toBe(false);
    expect(checked(right)).toBe('');
    const reference = "An SVM's predictions depend only on the support vectors, the training points closest to the boundary. The other training points can be removed without changing the model.";
    const others = await grader.grade(input('What are support vectors?', reference, 'The predictions do not depend on the points far from the boundary.'));
    expect(checked(others)).toBe('');
    const denied = await grader.grade(input('What are support vectors?', reference, 'The predictions do not depend on the support vectors.'));
    expect(statusOf(denied, "An SVM's predictions depend only")?.status).toBe('contradicted');
  });
});

describe('what the reference denies or warns against', () => {
  it('reads an answer that denies what the reference denies as agreeing with it, not negating it', async () => {
    const right = await grader.grade(
      input(
        pValue.question,
        pValue.reference,
        "It's how likely you'd be to see data at least this extreme if the null hypothesis were true. A small p-value means the data would be surprising under the null; it isn't the probability that the null is true and it says nothing about how big the effect is.",
      ),
    );
    expect(contradicted(right)).toEqual([]);
    expect(dimension(right, 'correctness')?.rationale).not.toMatch(/negate|says is not so/);
    expect(advice(right)).not.toContain('Check');
    expect(right.overall).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['a "never" warning', 'Never leave it on at evaluation: call model.eval(), or predictions will be random.'],
    ['a "don\'t forget" warning', "Don't forget model.eval(), or predictions stay random."],
    ['the pitfall named as a mistake', 'A common mistake is leaving dropout active at evaluation time by forgetting model.eval().'],
  ])('reads %s as agreeing with the pitfall, not negating the reference', async (_label, warning) => {
    const result = await grader.grade(
      input(
        dropout.question,
        dropout.reference,
        `During training each unit is zeroed at random with probability p and the survivors are scaled by 1/(1-p), so the expected activation stays the same. Units cannot co-adapt, so each learns features useful on their own. At inference dropout is switched off and every unit is used. ${warning}`,
      ),
    );
    expect(dimension(result, 'correctness')?.rationale).not.toMatch(/negate|recommends|says is not so/);
    expect(advice(result)).not.toContain('Check');
    expect(contradicted(result)).toEqual([]);
  });
});

describe('a negation that denies nothing the reference affirms', () => {
  it('leaves alone a correct answer whose negations share words but not a claim with the reference', async () => {
    const result = await grader.grade(
      input(
        'What is the kernel trick in SVMs?',
        'The kernel trick lets an SVM fit a linear separator in a high-dimensional feature space without computing the mapped features. The dual problem uses the data only through inner products, and a kernel function returns the inner product of the mapped points. **Trade-offs:** the kernel matrix is n × n, so kernel SVMs suit up to tens of thousands of samples; features must be scaled. **Example:** points inside versus outside a circle cannot be separated by a line in 2-D, but a degree-2 polynomial kernel maps them to a space where a plane separates them.',
        "The SVM dual only needs inner products between training points, so a kernel function can return the inner product in a high-dimensional feature space without computing the mapping. Classic example: points inside vs outside a circle aren't linearly separable in 2-D, but with a degree-2 polynomial kernel they are. Cost: the kernel matrix is n by n, so it doesn't scale past tens of thousands of points.",
      ),
    );
    expect(dimension(result, 'correctness')?.rationale).not.toContain('negate');
    expect(advice(result)).not.toContain('Check');
    expect(contradicted(result)).toEqual([]);
  });
});
