import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { answerPolarity, asksYesNo } from '../../../src/grading/offline/yes-no.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * Yes/no questions: the one thing asked is whether. The scaling reference is copied from the corpus
 * (ml-interview-preparation-guide.txt); the imbalance one and the answers are written for these tests.
 */

const grader = createOfflineGrader();

const scaling = {
  question: 'Does Ridge regression require feature scaling?',
  reference:
    'Yes, Ridge regression is sensitive to feature scale. The penalty is based on coefficient magnitude, and coefficients depend on feature scale. ' +
    'Features with larger scales naturally get smaller coefficients, so they’re penalized less. This means Ridge would effectively apply different regularization ' +
    'strengths to different features based on their scales, which is unintended. Always standardize features before Ridge regression so all features have equal ' +
    'importance in the penalty term. This ensures fair regularization across all features.',
};

const imbalance = {
  question: 'Is accuracy a good metric for a heavily imbalanced dataset?',
  reference:
    'No, accuracy is misleading when one class dominates: a model that always predicts the majority class scores 99% on a 1% positive rate while catching nothing. ' +
    'Use precision, recall, F1 or the area under the precision-recall curve instead.',
};

const correctness = (result: GradeResult) => result.dimensions.find((dimension) => dimension.key === 'correctness');
const statusOf = (result: GradeResult, point: string) => result.coverage?.find((entry) => entry.point === point)?.status;
const opening = 'Yes, Ridge regression is sensitive to feature scale.';

describe('yes/no questions', () => {
  it('names an answer opening with the other answer as a contradiction of the reference, and marks its point contradicted', async () => {
    const wrong = await grader.grade(
      input(
        scaling.question,
        scaling.reference,
        // Not "No, Ridge doesn't need scaling.": that is also the bank's misconception, whose correction would be named instead.
        "No, it doesn't. The penalty treats every coefficient the same, so features on large scales aren't affected any differently from small ones, and standardizing won't change the result.",
      ),
    );
    const right = await grader.grade(
      input(
        scaling.question,
        scaling.reference,
        "Yes. The L2 penalty depends on coefficient size, and coefficient size depends on the feature's units, so unscaled features get penalised unequally. Standardize first, e.g. StandardScaler in a pipeline.",
      ),
    );
    expect(correctness(wrong)?.rationale).toContain('says "no" where the reference says "yes"');
    expect(wrong.improvements.some((text) => text.includes('It says "no" where the model answer says "yes"'))).toBe(true);
    expect(statusOf(wrong, opening)).toBe('contradicted');
    expect(statusOf(right, opening)).toBe('covered');
    // The other answer costs correctness by rule; the overall's margin also follows the fitted estimate, which each refit
    // moves (0.6 with tm-8d4256f786cb, 0.4 with tm-5591957072bb: the wrong answer's depth follows the estimate).
    expect(correctness(right)?.score ?? 0).toBeGreaterThan(correctness(wrong)?.score ?? 0);
    expect(right.overall).toBeGreaterThan(wrong.overall);
  });

  it('reads a plain denial of the question as "no" ("Ridge doesn\'t need scaling.")', async () => {
    const result = await grader.grade(
      input(scaling.question, scaling.reference, "Ridge doesn't need scaling. The penalty treats every coefficient the same, so features on large scales aren't affected any differently."),
    );
    // Read as "no", or named as the known misconception it is: either way the answer is wrong.
    expect(correctness(result)?.rationale).toMatch(/says "doesn't" where the reference says "yes"|states a known misconception/);
    expect(correctness(result)?.score).toBeLessThanOrEqual(2);
  });

  it('does not read a denial of something else as "no" ("does not work properly without scaling", "can\'t skip scaling")', async () => {
    for (const answer of ['Ridge does not work properly without feature scaling. The penalty treats every coefficient the same, so standardize first.', "You can't skip scaling with Ridge. The penalty treats every coefficient the same, so standardize first."]) {
      const result = await grader.grade(input(scaling.question, scaling.reference, answer));
      expect(correctness(result)?.rationale).not.toContain('where the reference says "yes"');
    }
  });

  it('leaves alone a right answer that gives no yes or no, even with a negation in a relative clause', async () => {
    const result = await grader.grade(
      input(
        scaling.question,
        scaling.reference,
        'Features that aren’t on a common scale get penalised unequally, because the penalty depends on coefficient size, which depends on units. So standardize before fitting Ridge.',
      ),
    );
    expect(correctness(result)?.rationale).not.toContain('where the reference says');
    expect(correctness(result)?.score).toBeGreaterThanOrEqual(3);
  });

  it('reads a reference answering "No" the same way round', async () => {
    const wrong = await grader.grade(
      input(imbalance.question, imbalance.reference, 'Yes, accuracy is fine as long as the test set is large enough, since it counts every correct prediction.'),
    );
    const right = await grader.grade(
      input(imbalance.question, imbalance.reference, 'No. With 1% positives a model that always says negative gets 99% accuracy and finds nothing; look at precision, recall or the PR curve.'),
    );
    expect(correctness(wrong)?.rationale).toContain('says "yes" where the reference says "no"');
    expect(correctness(right)?.rationale).not.toContain('where the reference says');
    expect(right.overall).toBeGreaterThan(wrong.overall);
  });

  it('asks yes or no only with an auxiliary or a modal first and no alternatives', () => {
    expect(asksYesNo(analyzeText('Does Ridge regression require feature scaling?'))).toBe(true);
    expect(asksYesNo(analyzeText('Can you weight votes differently?'))).toBe(true);
    expect(asksYesNo(analyzeText('Is k-NN a classifier or a regressor?'))).toBe(false);
    expect(asksYesNo(analyzeText('What does the C parameter control?'))).toBe(false);
  });

  it('reads "No" as an answer only before a pause or a pronoun, not as a determiner', () => {
    const first = (text: string) => analyzeText(text)[0];
    const polarity = (text: string) => {
      const sentence = first(text);
      return sentence ? answerPolarity(sentence, new Set(['requir', 'scale']))?.polarity : undefined;
    };
    expect(polarity('No, it does not.')).toBe('no');
    expect(polarity('No it doesn’t, because the penalty is the same.')).toBe('no');
    expect(polarity('No regularization is needed when the features are standardized.')).toBeUndefined();
    expect(polarity('Yes and no: it depends on the solver.')).toBeUndefined();
    expect(polarity('Yep, always standardize first.')).toBe('yes');
  });
});
