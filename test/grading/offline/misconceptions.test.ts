import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMisconceptionBank, type Misconception } from '../../../src/grading/offline/misconception-bank.js';
import { asserted, compileMisconception, misconceptionsFor } from '../../../src/grading/offline/misconceptions.js';
import { tempDir } from '../../helpers/app.js';

/*
 * How a sentence is read as asserting a misconception of the bank (misconceptions.ts), on entries written for these
 * tests: a pattern's slots in order in one sentence, and nothing that makes the claim a denial, a condition, a
 * contrast, a question, a quotation or someone else's error.
 */

const AUC: Misconception = {
  id: 'test-auc-half-is-perfect',
  topic: ['auc', 'roc curve'],
  claim: 'An AUC of 0.5 means a perfect classifier.',
  correction: 'An AUC of 0.5 is chance level; a perfect classifier has an AUC of 1.0.',
  says: [['auc|area under the curve', '0.5|half', 'perfect|flawless']],
  wrong: ['An AUC of 0.5 means the classifier is perfect.', 'An area under the curve of 0.5 shows a flawless model.'],
  right: ['An AUC of 0.5 is chance, and 1.0 is perfect.', 'A perfect model has an AUC of 1.0.'],
};

const TEST_SET: Misconception = {
  id: 'test-test-set-optional',
  topic: ['test set'],
  claim: 'You do not need a test set.',
  correction: 'Only a test set untouched by every decision gives an unbiased estimate.',
  says: [
    ['test set', 'is optional|is unnecessary'],
    ['do not need|do n\'t need', 'test set'],
  ],
  wrong: ['The test set is optional.', "Honestly you don't need a test set."],
  right: ['The test set is necessary.', 'You need a test set.'],
};

const auc = compileMisconception(AUC);
const testSet = compileMisconception(TEST_SET);

describe('reading a sentence as asserting a misconception', () => {
  it('matches the slots in order in one sentence, whatever words come between and however the words are inflected', () => {
    expect(asserted('So an AUC of exactly 0.5 basically tells you the model is perfect.', auc)).toBe(true);
    expect(asserted('Our area under the curve came out at half, which shows the model is flawless.', auc)).toBe(true);
    // The same words in another order say something else, and a pattern is read in its own order only.
    expect(asserted('A perfect model has an AUC of 1.0, random guessing 0.5.', auc)).toBe(false);
  });

  it('reads a negation that the pattern itself spells as part of the claim ("you don\'t need a test set")', () => {
    expect(asserted("Honestly, you don't need a test set for this kind of project.", testSet)).toBe(true);
  });

  it("reads the mistakes a model fixes as the claim's words, not as naming the claim an error", () => {
    const boosting = compileMisconception({
      id: 'test-rf-sequential',
      topic: ['random forest'],
      claim: 'A random forest trains its trees one after another.',
      correction: 'A random forest trains its trees independently; boosting trains them one after another.',
      says: [['random forest', 'one after another|sequentially']],
      wrong: ['A random forest trains its trees one after another.', 'Random forests build trees sequentially.'],
      right: ['Boosting trains trees one after another.', 'A random forest trains its trees independently.'],
    });
    expect(asserted('A random forest trains its trees one after another, each fixing the mistakes of the last one.', boosting)).toBe(true);
    expect(asserted('A random forest trains trees sequentially, learning from the previous mistakes.', boosting)).toBe(true);
    expect(asserted('A common mistake is to say a random forest trains its trees one after another.', boosting)).toBe(false);
    expect(asserted('The mistake is thinking a random forest builds trees sequentially.', boosting)).toBe(false);
  });

  it('tries every pattern of an entry: one whose match the sentence denies does not hide another that it states', () => {
    // The first pattern ("test set … is optional") matches after the "n't" and is passed over; the second states it.
    expect(asserted("You don't need a test set, a test set is optional for a small project.", testSet)).toBe(true);
  });

  it('passes over a sentence that denies the claim before the match ends, or holds it to a case with a condition', () => {
    expect(asserted('An AUC of 0.5 does not mean the model is perfect.', auc)).toBe(false);
    expect(asserted('It is never the case that an AUC of 0.5 means perfect.', auc)).toBe(false);
    expect(asserted('If the AUC were 0.5 the model would be perfect only by luck.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 is perfect only if the classes are labelled the other way round.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 looks perfect unless you know it is chance.', auc)).toBe(false);
    // "if" that asks whether, or names Python's keyword, sets no condition.
    expect(asserted('Check if an AUC of 0.5 means the model is perfect: it does.', auc)).toBe(true);
  });

  it('passes over a sentence that names the claim as an error, as someone else\'s, or sets it against another', () => {
    expect(asserted('A common mistake is to read an AUC of 0.5 as perfect.', auc)).toBe(false);
    expect(asserted('Beginners think an AUC of 0.5 is perfect.', auc)).toBe(false);
    expect(asserted('Read an AUC of 0.5 as chance rather than as a perfect score.', auc)).toBe(false);
    expect(asserted('Is an AUC of 0.5 perfect?', auc)).toBe(false);
    expect(asserted('Someone told me "an AUC of 0.5 is perfect", and it is not.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 means the model is perfect, which is not the case.', auc)).toBe(false);
    expect(asserted('Some candidates say an AUC of 0.5 is perfect.', auc)).toBe(false);
    expect(asserted('The claim that an AUC of 0.5 is perfect comes up a lot.', auc)).toBe(false);
    expect(asserted('You often hear that an AUC of 0.5 is perfect.', auc)).toBe(false);
    expect(asserted('Saying that an AUC of 0.5 is perfect is backwards.', auc)).toBe(false);
    expect(asserted('Contrary to popular belief, an AUC of 0.5 is not a perfect score.', auc)).toBe(false);
    expect(asserted('I used to think an AUC of 0.5 is perfect.', auc)).toBe(false);
    expect(asserted('That an AUC of 0.5 is perfect does not hold up.', auc)).toBe(false);
  });

  it('reads a condition in a clause after the claim that states a consequence as that clause\'s, and one after a contrast as the claim\'s', () => {
    expect(asserted('An AUC of 0.5 means the model is perfect, so if you see it you can ship the model.', auc)).toBe(true);
    expect(asserted('An AUC of 0.5 means the model is perfect; if you see it, ship the model.', auc)).toBe(true);
    expect(asserted('An AUC of 0.5 means the model is perfect, but if the labels are flipped it means nothing.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 means the model is perfect, and only if the classes are balanced.', auc)).toBe(false);
    // After a semicolon or a dash, a condition with no clause of its own is a fragment that limits the claim.
    expect(asserted('An AUC of 0.5 means the model is perfect; if the labels are all one class.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 means the model is perfect — if the labels are flipped, such as in a buggy join.', auc)).toBe(false);
    // A pattern may end with the comma that opens the next clause.
    const ending = compileMisconception({ ...AUC, id: 'test-auc-ending', says: [['auc', '0.5', 'perfect', '+.|,']] });
    expect(asserted('An AUC of 0.5 means the model is perfect, so if you see it you can ship the model.', ending)).toBe(true);
  });

  it('reads "If P, Q" whose match runs from P into Q as stating the claim, and a match inside P or Q alone as supposed', () => {
    const significant = compileMisconception({
      id: 'test-significant-means-large',
      topic: ['a/b test'],
      claim: 'A statistically significant result means the improvement is large.',
      correction: 'Significance says the difference is unlikely to be chance, not that it is large.',
      says: [['significant', 'mean|show', 'large|big enough']],
      wrong: ['A significant result means the lift is large.', 'Significant results show the effect is big enough.'],
      right: ['A significant result can still be tiny.', 'Significance says nothing about size.'],
    });
    expect(asserted('If the result is significant, that means the improvement is big enough to ship.', significant)).toBe(true);
    expect(asserted('If the result is significant then it shows the lift is large.', significant)).toBe(true);
    // The condition is the sentence's, not the claim's.
    expect(asserted('If the sample is huge, a significant result does not show the lift is large.', significant)).toBe(false);
    expect(asserted('If the sample is small, a significant result shows the effect is large.', significant)).toBe(false);
    expect(asserted('If significant means large to you, you will ship noise.', significant)).toBe(false);
  });

  it('reads what a clause set against the claim\'s reports, quotes or denies as not the claim\'s', () => {
    expect(asserted('People always say "check the ROC curve", but really an AUC of 0.5 means the model is perfect.', auc)).toBe(true);
    expect(asserted('The threshold does not matter, since an AUC of 0.5 means the model is perfect.', auc)).toBe(true);
    expect(asserted('Beginners think an AUC of 0.5 is perfect, but it is chance.', auc)).toBe(false);
    expect(asserted('Although people say an AUC of 0.5 is perfect, it is chance.', auc)).toBe(false);
    // "however" or "while" between commas is an aside: the report around it is still the claim's clause.
    expect(asserted('Many people assume, however, that an AUC of 0.5 means the model is perfect.', auc)).toBe(false);
    expect(asserted('Beginners often think, while tuning, that an AUC of 0.5 means the model is perfect.', auc)).toBe(false);
  });

  it('reads a contrast in an aside before the claim, closed by a comma, as the aside\'s', () => {
    expect(asserted('Unlike accuracy, an AUC of 0.5 means the model is perfect.', auc)).toBe(true);
    expect(asserted('Unlike an AUC of 0.5, an AUC of 1.0 is perfect.', auc)).toBe(false);
  });

  it('reads "No," opening a sentence as its answer, not as a denial of its claim', () => {
    expect(asserted('No, an AUC of 0.5 means the model is perfect.', auc)).toBe(true);
    expect(asserted('No AUC of 0.5 means the model is perfect.', auc)).toBe(false);
  });

  it('reads "to avoid" with an object of its own as a purpose, not as naming the claim an error', () => {
    expect(asserted('To avoid threshold effects, remember that an AUC of 0.5 means the model is perfect.', auc)).toBe(true);
    expect(asserted('Try to avoid reading an AUC of 0.5 as perfect.', auc)).toBe(false);
    expect(asserted('Reading an AUC of 0.5 as perfect is something to avoid.', auc)).toBe(false);
  });

  it('reads Naive Bayes as a name, not as a naive belief', () => {
    const naiveBayes = compileMisconception({
      id: 'test-naive-bayes-calibrated',
      topic: ['naive bayes'],
      claim: 'Naive Bayes gives well-calibrated probabilities.',
      correction: 'Its independence assumption pushes its probabilities towards 0 and 1: it ranks well but is poorly calibrated.',
      says: [['naive bayes', 'well calibrated|well-calibrated|calibrated probabilities']],
      wrong: ['Naive Bayes gives well calibrated probabilities.', 'Naive Bayes outputs calibrated probabilities you can trust.'],
      right: ['Naive Bayes ranks well, but its probabilities need calibration.', 'Naive Bayes probabilities are pushed towards 0 and 1.'],
    });
    expect(asserted('Naive Bayes gives well calibrated probabilities.', naiveBayes)).toBe(true);
    expect(asserted('A naive reading says Naive Bayes gives well calibrated probabilities.', naiveBayes)).toBe(false);
  });

  it('reads a false positive, a confusion matrix and Python\'s False as terms, not as a claim called false or a confusion', () => {
    const rates = compileMisconception({
      id: 'test-fpr-is-one-minus-precision',
      topic: ['false positive rate'],
      claim: 'The false positive rate is one minus precision.',
      correction: 'The false positive rate is FP / (FP + TN), one minus specificity; one minus precision is the false discovery rate.',
      says: [['false positive rate', 'is|equals', '1 - precision|one minus precision']],
      wrong: ['The false positive rate is one minus precision.', 'The false positive rate equals 1 - precision.'],
      right: ['The false positive rate is one minus specificity.', 'The false discovery rate is one minus precision.'],
    });
    expect(asserted('Reading the confusion matrix, the false positive rate is one minus precision.', rates)).toBe(true);
    expect(asserted('It is false that the false positive rate is one minus precision.', rates)).toBe(false);
    expect(asserted('With drop_duplicates(keep=False) in the confusion matrix code, the false positive rate is one minus precision.', rates)).toBe(true);
  });

  it('reads a claim the speaker hedges as their own ("I think", "if I\'m not mistaken"), and one they report or take back as not theirs', () => {
    expect(asserted('I think an AUC of 0.5 means the model is perfect.', auc)).toBe(true);
    expect(asserted("If I'm not mistaken, an AUC of 0.5 means the model is perfect.", auc)).toBe(true);
    expect(asserted('As far as I know an AUC of 0.5 means the model is perfect.', auc)).toBe(true);
    expect(asserted('I thought an AUC of 0.5 was perfect.', auc)).toBe(false);
    expect(asserted('A colleague once told me an AUC of 0.5 means perfect.', auc)).toBe(false);
    expect(asserted('My first instinct was that an AUC of 0.5 means perfect.', auc)).toBe(false);
    expect(asserted('You might say an AUC of 0.5 is perfect. Not quite: it is chance.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 is perfect. That is exactly backwards.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 is perfect. The ROC curve plots TPR against FPR.', auc)).toBe(true);
  });

  it('reads "… doesn\'t work" right after the claim as saying the practice fails', () => {
    const nanCheck = compileMisconception({
      id: 'test-nan-equality',
      topic: ['missing values'],
      claim: 'You detect missing values by comparing with np.nan.',
      correction: 'NaN is not equal to itself: use isna().',
      says: [['detect|find', 'missing', 'compare', 'to np . nan|with np . nan']],
      wrong: ['You detect missing values by comparing them to np.nan.', 'Find missing entries: compare with np.nan.'],
      right: ['Detect missing values with isna().', 'Missing values are found with isna().'],
    });
    expect(asserted('You detect missing values by comparing them to np.nan.', nanCheck)).toBe(true);
    expect(asserted("To detect missing values, comparing to np.nan doesn't work, so use isna().", nanCheck)).toBe(false);
  });

  it('passes over the items under a lead-in that lists errors ("Common pitfalls:")', () => {
    expect(asserted('Common pitfalls:\n- An AUC of 0.5 means the model is perfect.', auc)).toBe(false);
    expect(asserted('Two facts:\n- An AUC of 0.5 means the model is perfect.', auc)).toBe(true);
  });

  it('reads "Another is that…" after a sentence naming an error as the next error, and after any other as a claim', () => {
    expect(asserted('A common mistake is to think the ROC curve needs balanced classes. Another is that an AUC of 0.5 means the model is perfect.', auc)).toBe(false);
    expect(asserted('One strength of AUC is that it ignores the threshold. Another is that an AUC of 0.5 means the model is perfect.', auc)).toBe(true);
  });

  it('does not run a match past a semicolon, a bracket, "but" or a comma that opens another clause', () => {
    expect(asserted('A random classifier lies on the diagonal (AUC 0.5); a perfect one reaches the corner.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 is chance, and 1.0 is perfect.', auc)).toBe(false);
    expect(asserted('An AUC of 0.5 is chance but 1.0 is perfect.', auc)).toBe(false);
  });

  it('reads the empty brackets of a call as part of its name, where brackets around words end the match', () => {
    const recompile = compileMisconception({
      id: 'test-compile-resets',
      topic: ['compile'],
      claim: 'Calling compile again resets the weights.',
      correction: 'compile() sets the optimizer, loss and metrics; the weights stay as they are.',
      says: [['compile', 'again', 'reset|reinitialise', 'weight']],
      wrong: ['Calling compile again resets the weights.', 'Calling compile() again resets the weights.'],
      right: ['Calling compile again keeps the weights.', 'Calling compile (with a new optimizer) again keeps the weights.'],
    });
    expect(asserted('Calling compile() again resets the weights.', recompile)).toBe(true);
    expect(asserted('Calling compile (which only sets the loss) again resets the weights.', recompile)).toBe(false);
  });
});

describe("a sentence's words as the search marks them", () => {
  it('finds a claim in a later sentence, not one whose words two sentences share out, and the words of an entry compiled after other searches', () => {
    // The claim in a later sentence, with a word the sentence before it does not say.
    expect(asserted('The quokka fleet is calm. Then the quokka fleet turned grumpy.', compileMisconception({ ...AUC, id: 'test-quokka', says: [['quokka', 'fleet', 'grumpy|sleepy']] }))).toBe(true);
    // Every word of the claim said, but across two sentences.
    const split = compileMisconception({ ...AUC, id: 'test-quokka-split', says: [['quokka', 'fleet', 'sleepy']] });
    expect(asserted('A quokka fleet. It is sleepy.', split)).toBe(false);
    // Words the bank first spells now, after the sentences above were searched.
    const later = compileMisconception({ ...AUC, id: 'test-wombat', says: [['wombat', 'convoy', 'drowsy']] });
    expect(asserted('The wombat convoy is drowsy.', later)).toBe(true);
    expect(asserted('The wombat convoy is awake.', later)).toBe(false);
  });
});

describe('adjacent slots ("+")', () => {
  const missing = compileMisconception({
    id: 'test-gbm-missing',
    topic: ['xgboost'],
    claim: 'XGBoost cannot handle missing values.',
    correction: 'XGBoost learns a default direction for missing values at every split.',
    says: [['xgboost|lightgbm', '+can not|cannot|ca n\'t', '+handle|deal with', '+missing']],
    wrong: ['XGBoost cannot handle missing values.', "LightGBM can't deal with missing data."],
    right: ['XGBoost handles missing values.', 'XGBoost, unlike old forests, has no trouble with missing values.'],
  });

  it('starts each "+" slot where the one before ends, with no word between', () => {
    expect(asserted("LightGBM can't deal with missing values.", missing)).toBe(true);
    expect(asserted('XGBoost sadly cannot really handle missing values.', missing)).toBe(false);
  });

  it('tries every length of wording a slot finds, so a shorter one can let the next slot follow', () => {
    const split = compileMisconception({
      id: 'test-lengths',
      topic: ['tree'],
      claim: 'A deep tree never overfits.',
      correction: 'A deep tree memorises noise and overfits.',
      says: [['deep|deep tree', '+tree never overfits']],
      wrong: ['A deep tree never overfits.', 'Such a deep tree never overfits.'],
      right: ['A deep tree overfits.', 'A shallow tree underfits.'],
    });
    // "deep tree", the longest wording, leaves "never overfits", which the next slot does not say; "deep" leaves "tree never overfits".
    expect(asserted('A deep tree never overfits.', split)).toBe(true);
  });
});

describe('how the words of a sentence meet a pattern\'s', () => {
  const entry = (id: string, says: string[][]): ReturnType<typeof compileMisconception> =>
    compileMisconception({ id, topic: ['test'], claim: 'A claim for the test.', correction: 'A correction for the test.', says, wrong: ['x x x x x', 'y y y y y'], right: ['z z z z z', 'w w w w w'] });

  it('lets an adjacent slot follow the arguments of a call that names the slot before it, but not an option set in them', () => {
    const arange = entry('test-arange', [['arange', '+includes the stop|includes the end']]);
    expect(asserted('np.arange(0, 5) includes the end.', arange)).toBe(true);
    expect(asserted('np.arange includes the end.', arange)).toBe(true);
    // An option set in the call, or brackets around an aside, still come between.
    expect(asserted('np.arange(0, 5, endpoint=True) includes the end.', arange)).toBe(false);
    expect(asserted('np.arange (as in the docs) includes the end.', arange)).toBe(false);
    // The arguments of a call still end a match that is not adjacent: they often make the claim true.
    const transpose = entry('test-transpose', [['transpose', 'swaps', 'first two axes']]);
    expect(asserted('The transpose swaps the first two axes.', transpose)).toBe(true);
    expect(asserted('arr.transpose(1, 0, 2) swaps the first two axes.', transpose)).toBe(false);
  });

  it('finds a hyphenated compound however the answer joins it: one token, split at the hyphen, or spaced', () => {
    const centred = entry('test-centred', [['zero-centred', 'one - hot']]);
    expect(asserted('Zero-centred inputs need one-hot labels.', centred)).toBe(true);
    expect(asserted('Zero centred inputs need one hot labels.', centred)).toBe(true);
    const batch = entry('test-batch', [['mini - batch', 'noisy']]);
    // The tokenizer keeps "mini-batch" whole and splits "one-hot".
    expect(asserted('A mini-batch gradient is noisy.', batch)).toBe(true);
    expect(asserted('A mini batch gradient is noisy.', batch)).toBe(true);
  });

  it('reads a capitalised plural opening a sentence as its singular', () => {
    const points = entry('test-points', [['point', 'far from the boundary', 'support vector']]);
    expect(asserted('Points far from the boundary are the support vectors.', points)).toBe(true);
    expect(asserted('The points far from the boundary are the support vectors.', points)).toBe(true);
  });

  it('reads a letter that ends a sentence without its full stop ("…pick the best k.")', () => {
    const k = entry('test-k', [['silhouette', 'gives', '+the correct k|the true k']]);
    expect(asserted('The silhouette score gives the correct k.', k)).toBe(true);
  });

  it('reads a pattern\'s "." as the end of the claim: a full stop, a comma before "so" or "then", or a letter that keeps its full stop', () => {
    const minimum = entry('test-minimum', [['derivative be zero', 'minimum', '+.']]);
    expect(asserted('When the derivative is zero you are at a minimum.', minimum)).toBe(true);
    expect(asserted('When the derivative is zero you are at a minimum, so gradient descent stops there.', minimum)).toBe(true);
    expect(asserted('When the derivative is zero you are at a minimum, a maximum or a saddle point.', minimum)).toBe(false);
    expect(asserted('When the derivative is zero you are at a minimum; or at a maximum.', minimum)).toBe(false);
    const k = entry('test-best-k', [['silhouette', 'pick|picks', '+the best k', '+.']]);
    expect(asserted('The silhouette score picks the best k.', k)).toBe(true);
  });

  it('reads the colon after a label as saying the label is what follows, and no other colon', () => {
    const view = entry('test-view', [['view|views', '+be|is', '+independent']]);
    expect(asserted('view: independent data, safe to modify.', view)).toBe(true);
    expect(asserted('Copy: a new buffer, view: independent data.', view)).toBe(true);
    expect(asserted('view: shares the buffer, copy: independent data.', view)).toBe(false);
    // A colon after a clause introduces what follows; it says nothing of the word before it.
    expect(asserted('The thing to remember about a view: independent data is what a copy gives you.', view)).toBe(false);
  });

  it('reads "better" as itself, not as "good"', () => {
    const good = entry('test-good', [['lasso', 'be good']]);
    const better = entry('test-better', [['lasso', 'be better']]);
    expect(asserted('Lasso is better than ridge here.', good)).toBe(false);
    expect(asserted('Lasso is better than ridge here.', better)).toBe(true);
    expect(asserted('Lasso is good.', good)).toBe(true);
  });
});

describe('qualifiers a pattern excludes ("!")', () => {
  const subspace = compileMisconception({
    id: 'test-rf-features-per-tree',
    topic: ['random forest'],
    claim: 'A random forest picks one subset of features per tree.',
    correction: 'A random forest draws a new subset of features at every split; one subset per tree is the random subspace method.',
    says: [['!random subspace', 'each tree', 'one random subset', '!per split|at each split']],
    wrong: ['Each tree is built on one random subset of features.', 'In a random forest each tree gets one random subset of the features.'],
    right: ['In the random subspace method each tree is built on one random subset of features.', 'Each tree draws one random subset per split.'],
  });

  it('does not match when a "!" wording comes before the match (a first "!" slot) or after it (a last one)', () => {
    expect(asserted('In a random forest each tree is built on one random subset of features.', subspace)).toBe(true);
    expect(asserted('In the random subspace method each tree is built on one random subset of features.', subspace)).toBe(false);
    expect(asserted('Each tree is built on one random subset of features per split.', subspace)).toBe(false);
  });

  it('does not match when a "!" wording comes between the slots around it', () => {
    const between = compileMisconception({
      id: 'test-svr-loss',
      topic: ['svr'],
      claim: 'SVR minimises the squared error.',
      correction: 'SVR uses the epsilon-insensitive loss.',
      says: [['svr', '!least - squares', 'squared error']],
      wrong: ['SVR minimises the squared error.', 'The SVR loss is the squared error.'],
      right: ['SVR is not least-squares; least-squares SVR uses squared error.', 'SVR ignores errors inside the tube.'],
    });
    expect(asserted('SVR minimises the squared error.', between)).toBe(true);
    expect(asserted('SVR, in its least-squares form, minimises the squared error.', between)).toBe(false);
  });
});

describe('which entries apply to a question', () => {
  it('applies an entry when the question or its reference names its topic, plurals included', () => {
    expect(misconceptionsFor('What do ROC curves show?', '', [auc, testSet]).map((entry) => entry.entry.id)).toEqual([AUC.id]);
    expect(misconceptionsFor('What is a validation set?', 'Keep the test set untouched until the end.', [auc, testSet]).map((entry) => entry.entry.id)).toEqual([TEST_SET.id]);
    expect(misconceptionsFor('What is gradient descent?', 'It follows the negative gradient.', [auc, testSet])).toEqual([]);
  });
});

describe('the bank files', () => {
  const file = (entries: readonly Misconception[]) => JSON.stringify({ about: 'test', writtenBy: 'tests', date: '2026-11-27', entries });

  it('reads every file of the folder and versions the bank by its content', () => {
    const directory = tempDir();
    fs.writeFileSync(path.join(directory, 'a.json'), file([AUC]));
    fs.writeFileSync(path.join(directory, 'b.json'), file([TEST_SET]));
    const bank = readMisconceptionBank(directory);
    expect(bank.entries.map((entry) => entry.id)).toEqual([AUC.id, TEST_SET.id]);
    expect(bank.version).toMatch(/^mc-[0-9a-f]{12}$/);
    expect(readMisconceptionBank(directory).version).toBe(bank.version);
    fs.writeFileSync(path.join(directory, 'b.json'), file([{ ...TEST_SET, correction: `${TEST_SET.correction} Keep it for the end.` }]));
    expect(readMisconceptionBank(directory).version).not.toBe(bank.version);
  });

  it('stops the load on an invalid entry or an id used twice, naming the file', () => {
    const invalid = tempDir();
    fs.writeFileSync(path.join(invalid, 'bad.json'), file([{ ...AUC, says: [['auc||roc', '0.5']] }]));
    expect(() => readMisconceptionBank(invalid)).toThrow(new RegExp(`${invalid}/bad\\.json`));
    const twice = tempDir();
    fs.writeFileSync(path.join(twice, 'a.json'), file([AUC]));
    fs.writeFileSync(path.join(twice, 'b.json'), file([AUC]));
    expect(() => readMisconceptionBank(twice)).toThrow(/b\.json: id "test-auc-half-is-perfect" is also used in a\.json/);
  });

  it('refuses a pattern of "!" slots only, and a "+" slot after a "!" one', () => {
    const onlyExcluded = tempDir();
    fs.writeFileSync(path.join(onlyExcluded, 'a.json'), file([{ ...AUC, says: [['!auc']] }]));
    expect(() => readMisconceptionBank(onlyExcluded)).toThrow(/a pattern has a slot that is not a "!" one/);
    const adjacent = tempDir();
    fs.writeFileSync(path.join(adjacent, 'a.json'), file([{ ...AUC, says: [['auc', '!roc', '+0.5']] }]));
    expect(() => readMisconceptionBank(adjacent)).toThrow(/a "\+" slot follows the slot it is adjacent to/);
  });
});
