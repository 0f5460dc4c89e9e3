import { describe, expect, it } from 'vitest';
import type { GradeInput } from '../../../src/grading/grader.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { questionDemands } from '../../../src/grading/offline/no-reference.js';
import { dimensionOf as dimension } from './fixtures.js';

/*
 * A technical question with no reference at all (not in the corpus, nothing related lent, no referenceAnswer): the
 * grade follows what the answer explains, and the card says that nothing was checked against a model answer.
 */

const grader = createOfflineGrader();

const noReference = (question: string, answer: string): GradeInput => ({
  rubric: 'technical',
  question: { id: null, text: question, kind: 'technical', topic: null },
  answer,
  reference: { answers: [], notes: [], fromRelated: false },
});

const LEAKAGE = 'What is data leakage and how do you prevent it?';
const LEAKAGE_STRONG =
  'Data leakage is when information that would not be available at prediction time gets into training, for example fitting the scaler on ' +
  'the whole dataset before the train/test split, or a feature computed from the target. It makes validation scores look better than ' +
  'production because the model learns from the answer. To prevent it, split first and fit every preprocessing step inside a pipeline on ' +
  'the training fold only, and for time series split by time so that no future rows are used.';
const LEAKAGE_TAUTOLOGY = 'Data leakage is when data leaks. It is a big problem, be careful with your data.';
const LEAKAGE_HEDGES = 'It is very important to be careful here. Data leakage is a big problem and you should pay attention to it.';
const LEAKAGE_KEYWORDS = 'Train test split, pipeline, cross-validation, scaler, target leakage, time series, future data.';

const L1 = 'Why would you prefer L1 over L2 regularization?';
const L1_STRONG =
  'L1 adds the absolute value of the weights to the loss, which drives many weights to exactly zero, so it performs feature selection and ' +
  'gives a sparse, interpretable model. That is useful when you suspect only a few of many features matter. L2 shrinks all weights ' +
  'smoothly instead, which is better when many features each contribute a little or are correlated.';

const COMPARE = 'What is the difference between bagging and boosting?';
const ONE_SIDED =
  'Bagging trains many models on bootstrap samples of the data in parallel and averages their predictions, which reduces variance because ' +
  'the errors of the individual models partly cancel out, for example in a random forest of 500 trees.';
const BOTH_SIDES =
  `${ONE_SIDED} Boosting instead trains weak models one after another, each focusing on the examples the previous ones got wrong, ` +
  'so it mainly reduces bias but can overfit noisy labels.';

describe('technical grading without a reference', () => {
  it('scores a strong answer well above a circular definition, and says no model answer was available', async () => {
    const strong = await grader.grade(noReference(LEAKAGE, LEAKAGE_STRONG));
    const tautology = await grader.grade(noReference(LEAKAGE, LEAKAGE_TAUTOLOGY));
    expect(strong.overall - tautology.overall).toBeGreaterThanOrEqual(1.5);
    expect(dimension(strong, 'correctness').rationale).toMatch(/no model answer was available/i);
    expect(dimension(strong, 'correctness').rationale).toMatch(/not a fact check/i);
    expect(strong.missingPoints).toEqual([]);
    expect(strong.coverage).toBeUndefined();
    expect(strong.grader.weightsVersion).toMatch(/^nr-/);
  });

  it('praises a strong answer for what it says, not for its sentences: clarity stays on its own dimension', async () => {
    const result = await grader.grade(noReference(LEAKAGE, LEAKAGE_STRONG));
    expect(dimension(result, 'clarity').score).toBeGreaterThanOrEqual(4);
    expect(result.strengths.length).toBeGreaterThan(0);
    expect(result.strengths).not.toContain(dimension(result, 'clarity').rationale);
  });

  it('calls a tautology no clear answer: it names the circular sentence and asks what actually happens', async () => {
    const result = await grader.grade(noReference(LEAKAGE, LEAKAGE_TAUTOLOGY));
    expect(dimension(result, 'clarity').score).toBeLessThanOrEqual(2);
    expect(result.strengths.join(' ')).not.toMatch(/clear|complete sentences/i);
    expect(dimension(result, 'correctness').rationale).toContain('"Data leakage is when data leaks."');
    expect(result.improvements.join(' ')).toMatch(/"Data leakage is when data leaks\." defines the term with its own words/);
    expect(result.overall).toBeLessThanOrEqual(2);
  });

  it('marks down an answer of hedges and empty advice and asks for the concrete step instead', async () => {
    const result = await grader.grade(noReference(LEAKAGE, LEAKAGE_HEDGES));
    expect(result.overall).toBeLessThanOrEqual(2);
    expect(result.strengths).toEqual([]);
    expect(result.improvements.join(' ')).toMatch(/Replace "It is very important to be careful here\." with what to do and why/);
    expect(result.improvements.join(' ')).toMatch(/The question asks how/);
  });

  it('scores a keyword list as a list, without a reference too', async () => {
    const result = await grader.grade(noReference(LEAKAGE, LEAKAGE_KEYWORDS));
    expect(result.overall).toBeLessThanOrEqual(1.5);
    expect(dimension(result, 'clarity').rationale).toMatch(/list of keywords/i);
  });

  it('asks a one-sided comparison to cover the other side, and credits both sides when they are there', async () => {
    const oneSided = await grader.grade(noReference(COMPARE, ONE_SIDED));
    const both = await grader.grade(noReference(COMPARE, BOTH_SIDES));
    expect(oneSided.improvements.join(' ')).toContain('Cover "boosting" as well as "bagging"');
    expect(dimension(oneSided, 'coverage').rationale).toMatch(/only "bagging"/);
    expect(dimension(both, 'coverage').score).toBeGreaterThan(dimension(oneSided, 'coverage').score);
    expect(both.improvements.join(' ')).not.toMatch(/as well as/);
    expect(both.strengths.join(' ')).toMatch(/Addresses both "bagging" and "boosting"/);
  });

  it('tells a one-sided answer which side it left out when the sides share a related-terms group ("L1 and L2 regularization")', async () => {
    const question = 'Compare L1 and L2 regularization.';
    const oneSided = await grader.grade(
      noReference(question, 'L1 regularization adds the absolute value of the weights to the loss, which drives many weights to exactly zero, so it performs feature selection and gives a sparse model.'),
    );
    const both = await grader.grade(
      noReference(question, 'L1 adds the absolute value of the weights to the loss, which drives many weights to exactly zero. Ridge adds the squared weights, which shrinks all of them smoothly instead.'),
    );
    expect(oneSided.strengths.join(' ')).not.toMatch(/Addresses both/);
    expect(dimension(oneSided, 'coverage').rationale).toMatch(/only "L1"/);
    expect(oneSided.improvements.join(' ')).toContain('Cover "L2 regularization" as well as "L1"');
    expect(both.strengths.join(' ')).toMatch(/Addresses both "L1" and "L2 regularization"/);
    expect(dimension(both, 'coverage').score).toBeGreaterThan(dimension(oneSided, 'coverage').score);
  });

  it('scores a fluent answer that only puts off the answer low and asks it to commit to a concrete claim', async () => {
    const hedged = 'It really depends on many factors and there are trade-offs to consider; in practice you would evaluate carefully and choose what works best for your data.';
    for (const [question, answer] of [
      [LEAKAGE, hedged],
      [L1, hedged],
      [COMPARE, hedged],
      [L1, 'Honestly it depends on the situation. Both have pros and cons, so you would weigh the trade-offs and go with whatever fits your use case.'],
      [COMPARE, 'It depends on the use case; there are trade-offs either way and the right choice varies from project to project.'],
    ] as const) {
      const result = await grader.grade(noReference(question, answer));
      expect(result.overall, answer).toBeLessThanOrEqual(2);
      expect(result.strengths, answer).toEqual([]);
      expect(result.improvements.join(' '), answer).toMatch(/commits to nothing: make a concrete claim/);
    }
  });

  it('reads "finding a balance", "not too simple and not too complex" and "it depends a lot on the problem" as putting off the answer', async () => {
    const answer =
      "I think it's basically about finding a balance. It depends a lot on the problem and the data, and there are trade-offs either way. I'd probably say you want a model that's not too simple and not too complex, but honestly it depends.";
    const result = await grader.grade(noReference('What is the bias-variance tradeoff? Explain with an example.', answer));
    expect(result.overall).toBeLessThanOrEqual(2);
    expect(result.strengths).toEqual([]);
    expect(result.improvements.join(' ')).toMatch(/commits to nothing: make a concrete claim/);
  });

  it('reads a definition by the parts of a hyphenated question term, with only the field\'s commonest words, as circular', async () => {
    const result = await grader.grade(
      noReference('What is cross-validation and why do we need it?', "Cross-validation is when you validate your model across different data. We need it because it's important to validate models."),
    );
    expect(result.improvements.join(' ')).toContain('"Cross-validation is when you validate your model across different data." defines the term with its own words');
  });

  it('reads "it depends" or "there are trade-offs" followed by what they are as a claim', async () => {
    for (const answer of [
      'It depends on how many features really matter: when only a few of many features are relevant, L1 drives the other weights to exactly zero, so the model selects features and stays interpretable.',
      'There are trade-offs to consider: L1 gives sparse weights and selects features, while L2 keeps every feature but shrinks correlated ones together.',
      'Choose whatever works best on the validation set, because the cross-validation error estimates how each penalty generalises.',
    ]) {
      const result = await grader.grade(noReference(L1, answer));
      expect(result.improvements.join(' '), answer).not.toMatch(/commits to nothing/);
      expect(result.overall, answer).toBeGreaterThanOrEqual(2.5);
    }
  });

  it('reads a sentence opening with "So" as the reason a "why" question wants', async () => {
    const result = await grader.grade(
      noReference('Why does dropout reduce overfitting?', "Dropout randomly zeroes units during training. No unit can count on another being there. So features must be useful alone. It's like training an ensemble of thinned networks."),
    );
    expect(result.improvements.join(' ')).not.toMatch(/The question asks why/);
  });

  it('asks for the reason a "why" question wants when the answer only asserts', async () => {
    const asserted = await grader.grade(noReference(L1, 'L1 is better. L1 is used a lot in practice and it is a standard technique in many models.'));
    const reasoned = await grader.grade(noReference(L1, L1_STRONG));
    expect(asserted.improvements.join(' ')).toMatch(/The question asks why: say why/);
    expect(reasoned.improvements.join(' ')).not.toMatch(/asks why/);
    expect(reasoned.overall).toBeGreaterThan(asserted.overall);
  });

  it('leaves correct answers phrased as a condition, a contrast or a warning with content alone', async () => {
    const question = 'How do you prevent data leakage when preprocessing?';
    for (const answer of [
      'If you resample before the split, copies of the same rows end up in both sets, so fit the resampler on the training fold only.',
      'Fit the scaler on the training data rather than on the whole dataset, because the test rows must stay unseen until evaluation.',
      "Don't forget to fit the imputer inside the cross-validation pipeline; otherwise validation statistics leak into training and scores look too good.",
    ]) {
      const result = await grader.grade(noReference(question, answer));
      expect(result.improvements.join(' '), answer).not.toMatch(/defines the term with its own words|Replace "/);
      expect(dimension(result, 'clarity').score, answer).toBeGreaterThanOrEqual(3);
      expect(result.overall, answer).toBeGreaterThanOrEqual(2.5);
    }
  });

  it('reads what a question demands: a reason, how, when, and the two sides of a comparison', () => {
    expect(questionDemands('Why would you prefer L1 over L2?')).toMatchObject({ reason: true, sides: [{ text: 'L1' }, { text: 'L2' }] });
    expect(questionDemands('How does teacher forcing work?')).toMatchObject({ mechanism: true, reason: false, sides: null });
    expect(questionDemands('When would you use quantisation?')).toMatchObject({ conditions: true });
    expect(questionDemands('Compare batch normalization and layer normalization.').sides?.map((side) => side.text)).toEqual(['batch normalization', 'layer normalization']);
    expect(questionDemands('What is overfitting?')).toEqual({ reason: false, mechanism: false, conditions: false, sides: null });
  });
});

describe('circular definitions without a reference', () => {
  it('does not call a short definition in other words circular, nor cap an answer that explains elsewhere', async () => {
    for (const [question, answer] of [
      ['Explain the concept of function scope and global variables.', 'Scope is where a name can be seen. A variable assigned inside a function is local to it, while a global one is defined at module level and every function can read it.'],
      ['What is accuracy and when is it misleading?', 'So accuracy is just the fraction you got right. On imbalanced data it misleads: with 99% negatives, always predicting negative scores 99% while catching no positives.'],
    ] as const) {
      const result = await grader.grade(noReference(question, answer));
      expect(result.improvements.join(' '), answer).not.toMatch(/defines the term with its own words/);
      expect(result.overall, answer).toBeGreaterThanOrEqual(2.5);
    }
  });
});
