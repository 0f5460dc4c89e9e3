import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { deniedClauses } from '../../../src/grading/offline/clauses.js';
import { deniesClaim } from '../../../src/grading/offline/denial-agreement.js';
import { analyzeText, type SentenceInfo } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * A denied clause whose claim the reference makes with another verb (round 18): "you can't change the decision
 * threshold with them" against "…allowing you to set custom decision thresholds", "L2 or dropout doesn't really help
 * with overfitting" against the Regularization point of the prevention strategies. The denied verb is not the
 * reference's, so the reading by the denied head missed them and the sentence covered the point. The correct denials
 * below were the kinds earlier rounds' hunts found read as contradictions; each stays right.
 */

const grader = createOfflineGrader();

const sentenceOf = (text: string): SentenceInfo => {
  const [sentence] = analyzeText(text);
  if (sentence === undefined) throw new Error(`no sentence in ${text}`);
  return sentence;
};

/** A reference sentence as the sentence contradictions read it: what it affirms, what it negates, its named things. */
const statementOf = (text: string) => {
  const sentence = sentenceOf(text);
  const terms = (negated: boolean) => new Set(sentence.tokens.filter((token) => token.negated === negated && token.term !== '').map((token) => token.term));
  return { affirmedTerms: terms(false), negatedTerms: terms(true), denies: false, names: new Set(sentence.tokens.filter((token) => token.identity.includes('=')).map((token) => token.identity)) };
};

const questionTermsOf = (question: string) => new Set(sentenceOf(question).tokens.flatMap((token) => (token.term === '' ? [] : [token.term])));

/** Whether some denied clause of the answer's sentence denies the reference sentence's claim. */
const denies = (answer: string, reference: string, question = 'What is it?'): boolean =>
  deniedClauses(sentenceOf(answer)).some((clause) => deniesClaim(clause, statementOf(reference), questionTermsOf(question)));

const contradicted = (result: GradeResult) => (result.coverage ?? []).filter((entry) => entry.status === 'contradicted').map((entry) => entry.point);
const correctness = (result: GradeResult) => result.dimensions.find((entry) => entry.key === 'correctness')?.score;

describe('a denied clause whose claim the reference states with another verb', () => {
  const soft = {
    question: 'What is the difference between hard and soft classification?',
    reference:
      'Hard classification assigns each example to exactly one class. Soft classification gives a probability for each class. ' +
      'Soft predictions are more informative, allowing you to set custom decision thresholds and quantify confidence.',
  };

  it('reads "you can\'t move the decision threshold with them" as contradicting "allowing you to set custom decision thresholds"', async () => {
    expect(denies("You can't move the decision threshold with them.", soft.reference.split('. ')[2] ?? '', soft.question)).toBe(true);
    const wrong = await grader.grade(
      input(soft.question, soft.reference, "Hard gives one class, soft gives a probability for each class. They are only informative, though: you can't move the decision threshold with them."),
    );
    expect(contradicted(wrong)).toEqual([expect.stringContaining('Soft predictions are more informative')]);
    const right = await grader.grade(
      input(soft.question, soft.reference, 'Hard gives one class, soft gives a probability for each class. With those probabilities you can move the decision threshold.'),
    );
    expect(contradicted(right)).toEqual([]);
    expect(correctness(wrong)).toBeLessThan(correctness(right) ?? 0);
  });

  it('reads a denial of what a block of the reference prescribes ("L2 or dropout doesn\'t really help with overfitting")', async () => {
    const question = 'Explain overfitting. How do you detect and prevent it?';
    const reference = [
      '**Definition:** Overfitting occurs when a model learns the training data too well, including noise, resulting in poor generalization.',
      '**Prevention Strategies:**',
      '**1. Regularization**',
      '   - **L2 (Ridge):** Adds a penalty on squared weights to the loss, keeping weights small',
      '   - **Dropout (Neural Networks):** Randomly drop neurons during training',
      '**2. Early Stopping**',
      '   - Monitor validation loss during training and stop when it stops improving',
    ].join('\n');
    const wrong = await grader.grade(
      input(question, reference, "It's when the model learns noise in the training data. Regularisation like L2 or dropout doesn't really help with overfitting, though; the only fix is more data."),
    );
    expect(contradicted(wrong).some((point) => point.includes('Dropout') || point.includes('L2'))).toBe(true);
  });

  it('keeps correct denials right: another subject, a degree, a case, a number, a limit, another member of a group', () => {
    const scaling = 'Scale the features before fitting k-NN or an SVM.';
    // The clause names "trees", which the reference sentence does not: another subject.
    expect(denies("Trees don't need feature scaling.", scaling)).toBe(false);
    // A degree ("well", "much"), not a denial of the claim.
    expect(denies("Kernel SVMs don't scale well to millions of examples.", 'This makes kernel SVMs slow on large datasets with millions of examples.')).toBe(false);
    // A case, a relative clause, a limit and a number.
    expect(denies('With no arguments it reverses all axes.', 'Without an axes argument, transpose reverses the order of the axes.')).toBe(false);
    expect(denies("A while loop is for cases where you don't know the number of iterations.", 'A for loop runs a known number of iterations.')).toBe(false);
    expect(denies('Features the tree ignores are not necessarily useless features.', 'Features the tree ignores are useless features.')).toBe(false);
    expect(denies("The decision threshold doesn't have to be 0.5.", 'Soft predictions allow you to set custom decision thresholds.')).toBe(false);
    // Lasso is not the reference's Ridge, though both are regularized regression.
    expect(denies('Lasso has no closed-form solution.', 'Ridge regression with the closed-form solution costs about as much as ordinary regression.')).toBe(false);
    // The subject before an aside is the claim's: the normal equation, not gradient descent.
    expect(denies("The normal equation, unlike gradient descent, doesn't need feature scaling.", 'Gradient descent needs feature scaling.')).toBe(false);
    // A reference sentence that denies something may agree with the denial; the verb it says is read by its own reading.
    expect(denies("K-means doesn't need labels.", "K-means doesn't use labels of the data.")).toBe(false);
    expect(denies('It is not guaranteed to find the global minimum.', 'If the loss is convex, gradient descent is guaranteed to find the global minimum.')).toBe(false);
  });

  it('reads "A rather than B" as denying the claim of B ("boosting reduces variance rather than bias" against "reducing both bias and variance")', async () => {
    const question = 'How does boosting differ from bagging?';
    const reference =
      'Bagging trains models independently in parallel on different data subsets and averages predictions to reduce variance. ' +
      'Boosting trains models sequentially where each focuses on correcting previous errors, reducing both bias and variance.';
    const wrong = await grader.grade(input(question, reference, 'Bagging trains its models independently. But boosting trains them sequentially and reduces variance rather than bias.'));
    const right = await grader.grade(input(question, reference, 'Bagging trains its models independently. But boosting trains them sequentially and reduces bias as well as variance.'));
    expect(correctness(wrong)).toBeLessThan(correctness(right) ?? 0);
    expect(wrong.improvements.join(' ')).toContain('reduces variance rather than bias');
  });

  it('leaves "rather than" alone where the reference makes a contrast of its own or no verb states the claim', () => {
    const question = 'How does boosting differ from bagging?';
    const ruledOut = (answer: string, reference: string, contrasts: boolean) =>
      deniedClauses(sentenceOf(answer)).some((clause) => deniesClaim(clause, { ...statementOf(reference), contrasts }, questionTermsOf(question)));
    expect(ruledOut('Boosting reduces variance rather than bias.', 'Boosting reduces both bias and variance.', false)).toBe(true);
    expect(ruledOut('Boosting mainly reduces bias rather than variance.', 'Boosting mainly reduces bias rather than variance.', true)).toBe(false);
    expect(ruledOut('Instead of training a model from scratch, you fine-tune a pretrained model.', 'Training a model from scratch needs a lot of data.', false)).toBe(false);
  });

  it('reads a question\'s own terms as given, and needs two of the claim\'s own', () => {
    const question = 'What is cross-validation?';
    expect(denies("Cross-validation doesn't tell you the model's performance.", 'Cross-validation estimates model performance on held-out folds.', question)).toBe(true);
    // One shared term beyond the question's is a topic, not the claim.
    expect(denies("Cross-validation doesn't need much data.", 'Cross-validation makes good use of limited data.', question)).toBe(false);
  });
});

describe('a sentence made of denials', () => {
  it('reads at most 32 denials in one sentence, so a run of hundreds is not read against the whole sentence each time', () => {
    const [sentence] = analyzeText('it cannot run like a '.repeat(600).slice(0, 12000));
    if (sentence === undefined) throw new Error('no sentence');
    expect(deniedClauses(sentence).length).toBe(32);
    const [two] = analyzeText('K-means cannot find non-convex clusters and it does not detect noise.');
    if (two === undefined) throw new Error('no sentence');
    expect(deniedClauses(two).length).toBe(2);
  });
});
