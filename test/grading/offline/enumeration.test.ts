import { describe, expect, it } from 'vitest';
import { asksForList } from '../../../src/grading/offline/enumeration.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { referenceProfile } from '../../../src/grading/offline/reference-profile.js';
import { dimensionOf as dimension, technicalQuestionInput as input } from './fixtures.js';

/*
 * A question that asks for a list, answered with one (round 15's tester: "Integers, floats, booleans and strings…"
 * to the data-types question scored 1.6), judged against the reference's own items: round 16 credited any rare word
 * of the reference, and its framing words, its advantages given for the asked disadvantages and items negated passed.
 * The data-types and DBSCAN references are the corpus's (ml-interview-preparation-guide.txt); the others are written
 * for these tests.
 */

const grader = createOfflineGrader();

const TYPES_QUESTION = 'What are the main data types in Python used for machine learning?';
const TYPES_REFERENCE =
  'Python has several core data types that you’ll use constantly in machine learning projects. The basic ones include integers for whole numbers, floats for decimal numbers, ' +
  'strings for text data, and booleans for true or false values. For machine learning specifically, you’ll work heavily with lists to store collections of data, tuples for ' +
  'immutable sequences, dictionaries for key-value pairs like feature names and values, and sets for unique elements. Understanding these is crucial because your entire ' +
  'dataset manipulation depends on handling these types correctly.';
const TYPING_QUESTION = 'What is dynamic typing in Python?';
const TYPING_REFERENCE =
  'Dynamic typing means a variable’s type is checked at run time, not declared: the same name can hold an integer, then a string, then a list of floats. ' +
  'Python infers the type from the value assigned, which makes code short but lets type errors surface only when the line runs, so tests and type hints matter.';

const DBSCAN_QUESTION = 'What parameters does DBSCAN require?';
const DBSCAN_REFERENCE =
  'DBSCAN requires two parameters. Epsilon defines the radius around each point to search for neighbors. Min_samples sets the minimum number of neighbors for a point ' +
  'to be considered a core point. These parameters control what’s considered a dense region. Larger epsilon connects more points into clusters. Smaller epsilon creates ' +
  'tighter clusters. Higher min_samples requires denser regions. Choosing these parameters requires understanding your data scale and density.';

const DRAWBACKS_QUESTION = 'What are the disadvantages of batch gradient descent?';
const DRAWBACKS_REFERENCE =
  'Batch gradient descent has clear advantages: exact gradients, stable convergence and deterministic updates. Its disadvantages are computational cost, memory use ' +
  'and slow progress on large datasets. Every update needs a full pass over the data, so with millions of examples each step is expensive, the whole dataset may not ' +
  'fit in RAM, and the model improves only once per epoch.';

const DROPOUT_QUESTION = 'What is dropout?';
const DROPOUT_REFERENCE =
  'Dropout is a regularization technique that randomly sets a fraction of a layer’s neurons to zero at each training step, with probability p. ' +
  'This stops neurons from co-adapting, so the network learns redundant features and overfits less. At inference every neuron is kept and activations are scaled.';

const ASSUMPTIONS_QUESTION = 'What are the assumptions of linear regression?';
const ASSUMPTIONS_REFERENCE =
  'Linear regression assumes several things about data. Linearity means the relationship between features and target is linear. ' +
  'Independence means observations don’t affect each other. Homoscedasticity means error variance is constant across all feature values. ' +
  'Normality means errors are normally distributed. No multicollinearity means features aren’t highly correlated with each other. ' +
  'Violations of these assumptions can degrade performance or make interpretations incorrect.';

const METRICS_QUESTION = 'What distance metrics are used in clustering?';
const METRICS_REFERENCE =
  'Clustering compares points with a distance metric. Euclidean distance measures the straight-line distance between two points. Manhattan distance sums the ' +
  'absolute differences along each axis. Cosine similarity compares the angle between two vectors, ignoring their length. Jaccard distance compares sets by their overlap. ' +
  'The right metric depends on the scale and type of the features.';

const KERNEL_QUESTION = 'What are the limitations of kernel methods?';
const KERNEL_REFERENCE =
  'Training time grows quadratically or cubically with dataset size because kernel matrix size grows quadratically. This makes SVMs slow on large datasets with ' +
  'millions of examples. Memory requirements also grow quadratically. Tuning kernel parameters requires extensive cross-validation. Interpreting non-linear kernel ' +
  'models is difficult.';

const FILES_QUESTION = 'What are best practices for NumPy file I/O in ML projects?';
const FILES_REFERENCE =
  'Best practices include using meaningful filenames with version numbers or timestamps, saving metadata along with arrays describing what they contain, using ' +
  'compressed formats for large arrays to save space, and organizing saved files in logical directory structures. Proper file management ensures reproducibility.';

const BASE_QUESTION = 'What models work well as base models?';
const BASE_REFERENCE =
  'Use diverse models with different strengths as base models. Good combinations include decision trees, linear models, support vector machines, and neural networks. ' +
  'Diversity is crucial; similar models provide redundant information. Each model should be reasonably accurate individually.';

const HARDWARE_QUESTION = 'What hardware considerations affect batch gradient descent?';
const HARDWARE_REFERENCE =
  'Batch gradient descent needs a pass over the whole dataset for every update. GPUs speed up the large matrix products of each pass. ' +
  'TPUs go further for dense tensor workloads. Multi-core CPUs parallelise smaller models across their cores.';

const ENSEMBLE_QUESTION = 'What ensemble methods do you know?';
const ENSEMBLE_REFERENCE =
  'Bagging trains several models on bootstrap samples and averages them. Boosting trains models in sequence, each correcting the errors of the one before. ' +
  'Stacking trains a meta-model on the predictions of the base models.';

const TYPES_LIST = 'Integers, floats, booleans and strings, plus lists, tuples, dictionaries and sets.';

const grade = async (question: string, reference: string, answer: string) => grader.grade(input(question, reference, answer));
const itemsOf = (question: string, reference: string): string[] =>
  referenceProfile(question, { answers: [reference], notes: [], fromRelated: false }).listItems.map((item) => item.text.toLowerCase());

describe('a question that asks for a list', () => {
  it('reads questions asking for a set of things as enumerations, and definitions as not', () => {
    for (const question of [
      TYPES_QUESTION,
      'What are different ways to create NumPy arrays besides converting lists?',
      DBSCAN_QUESTION,
      'What distance metrics are used in clustering?',
      'What are K-means limitations?',
      'Name the common activation functions.',
      'What types of features can decision trees handle?',
      'What feature selection methods do you know?',
    ]) {
      expect(asksForList(question), question).toBe(true);
    }
    for (const question of [
      TYPING_QUESTION,
      'What are kernel methods?',
      'What uses less memory, a Python list or a NumPy array?',
      'What are universal functions in NumPy?',
      'What are support vectors?',
      'What happens when features are correlated in Lasso?',
      'What causes vanishing and exploding gradients in deep networks?',
      DROPOUT_QUESTION,
    ]) {
      expect(asksForList(question), question).toBe(false);
    }
  });

  it("reads the reference's own items, not its framing words", () => {
    const types = itemsOf(TYPES_QUESTION, TYPES_REFERENCE);
    for (const item of ['integers', 'floats', 'strings', 'booleans', 'lists', 'tuples', 'dictionaries', 'sets']) expect(types).toContain(item);
    expect(types.join(' ')).not.toMatch(/crucial|several|projects|manipulation/);
    const parameters = itemsOf(DBSCAN_QUESTION, DBSCAN_REFERENCE);
    expect(parameters).toContain('epsilon');
    expect(parameters.join(' ')).not.toMatch(/dense region|data scale/);
    expect(itemsOf(ASSUMPTIONS_QUESTION, ASSUMPTIONS_REFERENCE)).toEqual(['linearity', 'independence', 'homoscedasticity', 'normality', 'no multicollinearity']);
  });

  it('grades a bare list of the right items as a thin but correct answer', async () => {
    for (const answer of [TYPES_LIST, 'int, float, str, bool, list, tuple, dict, set']) {
      const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, answer);
      expect(result.overall, answer).toBeGreaterThanOrEqual(3);
      expect(result.improvements.join(' ')).not.toMatch(/a list shows recall/i);
      expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/i);
    }
    expect((await grade(DBSCAN_QUESTION, DBSCAN_REFERENCE, 'eps, min_samples')).overall).toBeGreaterThanOrEqual(3);
    expect((await grade(ASSUMPTIONS_QUESTION, ASSUMPTIONS_REFERENCE, 'Linearity, independence, homoscedasticity, normality, no multicollinearity.')).overall).toBeGreaterThanOrEqual(3);
  });

  it('keeps a list without explanation at or under 3.5: the right items, not why', async () => {
    const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, TYPES_LIST);
    expect(result.overall).toBeLessThanOrEqual(3.5);
    expect(dimension(result, 'depth').score).toBeLessThanOrEqual(2);
  });

  it('keeps a list beside a sentence that says nothing of the reference capped', async () => {
    const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, `${TYPES_LIST} These are all important in machine learning.`);
    expect(result.overall).toBeLessThanOrEqual(3.5);
  });

  it('credits a list of the asked items beside a sentence on what they are for as much as the same said in sentences', async () => {
    const listed = await grade(
      TYPES_QUESTION,
      TYPES_REFERENCE,
      'Integers, floats, strings, booleans. Lists, tuples, dictionaries, sets. Lists hold ordered mutable data such as a batch of samples, ' +
        'tuples fix shapes that must not change, and dictionaries map feature names to their values.',
    );
    const told = await grade(
      TYPES_QUESTION,
      TYPES_REFERENCE,
      'The scalar types are integers, floats, strings and booleans. The collections are lists, tuples, dictionaries and sets. Lists hold ordered mutable data ' +
        'such as a batch of samples, tuples fix shapes that must not change, and dictionaries map feature names to their values.',
    );
    expect(listed.overall).toBeGreaterThanOrEqual(3.5);
    expect(Math.abs(listed.overall - told.overall)).toBeLessThanOrEqual(0.3);
  });

  it('credits the assumptions a row of terms names, among stated items, when the question asks for the assumptions', async () => {
    const result = await grade(
      ASSUMPTIONS_QUESTION,
      ASSUMPTIONS_REFERENCE,
      '- Linearity between features and target\n- Errors independent of each other\n- homoscedasticity, normality, multicollinearity, variance',
    );
    const quotes = (result.coverage ?? []).flatMap((entry) => (entry.status === 'covered' && entry.quote !== undefined ? [entry.quote] : []));
    expect(quotes.filter((quote) => quote.includes('homoscedasticity')).length).toBeGreaterThan(0);
  });

  it('still reads the same list to a question that asks for no list as a keyword list', async () => {
    const result = await grade(TYPING_QUESTION, TYPING_REFERENCE, TYPES_LIST);
    expect(result.overall).toBeLessThanOrEqual(2);
  });

  it("still reads a dump of the reference's framing words as a keyword list", async () => {
    for (const answer of ['crucial, entire, manipulation, projects, constantly', 'numbers, values, several, core, constantly, projects.']) {
      expect((await grade(TYPES_QUESTION, TYPES_REFERENCE, answer)).overall, answer).toBeLessThanOrEqual(2);
    }
    expect((await grade(DBSCAN_QUESTION, DBSCAN_REFERENCE, 'dense region, data scale, density, neighbors, clusters')).overall).toBeLessThanOrEqual(2);
  });

  it("does not credit the reference's other list: its advantages given for the asked disadvantages", async () => {
    const wrong = await grade(DRAWBACKS_QUESTION, DRAWBACKS_REFERENCE, 'Exact gradients, stable convergence, deterministic updates.');
    expect(wrong.overall).toBeLessThanOrEqual(2);
    const right = await grade(DRAWBACKS_QUESTION, DRAWBACKS_REFERENCE, 'Computational cost, memory use, slow progress on large datasets.');
    expect(right.overall).toBeGreaterThanOrEqual(3);
  });

  it('does not credit items the list negates', async () => {
    const result = await grade(ASSUMPTIONS_QUESTION, ASSUMPTIONS_REFERENCE, 'Not linearity, no independence, no homoscedasticity, multicollinearity.');
    expect(dimension(result, 'clarity').rationale).not.toMatch(/items the question asks for/i);
  });

  it('still reads a dump of terms the reference does not name, to the data-types question, as a keyword list', async () => {
    const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, 'Gradient descent, backpropagation, overfitting, regularisation, dropout, learning rate.');
    expect(result.overall).toBeLessThanOrEqual(2);
    expect(result.improvements.join(' ')).toMatch(/a list shows recall/i);
  });

  it('still reads a dump of the reference’s terms to "What is dropout?" as a keyword list', async () => {
    const result = await grade(DROPOUT_QUESTION, DROPOUT_REFERENCE, 'regularization, neurons, probability, inference, co-adapting, redundant features');
    expect(result.overall).toBeLessThanOrEqual(2);
  });

  /*
   * Round 17's tester: unrelated phrases credited for a word they share with an item ("Manhattan project" for Manhattan
   * distance), bare field-wide words taken for items, a wrong item among right ones free, a list repeated to fill.
   */
  it('names an item by what the phrase is about, not by a word it shares as a modifier', async () => {
    const wrong = await grade(METRICS_QUESTION, METRICS_REFERENCE, 'Euclidean geometry, the Manhattan project, cosine annealing, Jaccard index cards.');
    expect(wrong.overall).toBeLessThanOrEqual(2);
    const right = await grade(METRICS_QUESTION, METRICS_REFERENCE, 'Euclidean distance, Manhattan distance, cosine similarity, Jaccard distance.');
    expect(right.overall).toBeGreaterThanOrEqual(3);
  });

  it('does not name an item by the opposite of what the reference says of it', async () => {
    const opposite = await grade(FILES_QUESTION, FILES_REFERENCE, 'Random filenames, discard metadata, uncompressed formats.');
    expect(opposite.overall).toBeLessThanOrEqual(2);
    const right = await grade(FILES_QUESTION, FILES_REFERENCE, 'Meaningful filenames, saving metadata, compressed formats.');
    expect(right.overall).toBeGreaterThanOrEqual(3);
  });

  it('does not take single words the whole field uses for the items asked', async () => {
    const result = await grade(KERNEL_QUESTION, KERNEL_REFERENCE, 'Training, computation, memory, tuning.');
    expect(result.overall).toBeLessThanOrEqual(2);
    const named = await grade(KERNEL_QUESTION, KERNEL_REFERENCE, 'Training time, memory requirements, kernel parameter tuning.');
    expect(named.overall).toBeGreaterThanOrEqual(3);
  });

  it('marks a wrong item among right ones down: two wrong of six leave a third of the list right on balance', async () => {
    const mixed = await grade(TYPES_QUESTION, TYPES_REFERENCE, 'int, float, str, bool, jQuery, Docker');
    expect(dimension(mixed, 'correctness').score).toBeLessThan(3);
  });

  it('reads a list repeated over and over as a dump, not as the items named', async () => {
    // A sentence said again already counts once (repeated-lines.ts); these are the same items over and over in one.
    const answer = `${Array.from({ length: 30 }, () => 'Linearity, independence, homoscedasticity, normality, no multicollinearity').join(', ')}.`;
    expect((await grade(ASSUMPTIONS_QUESTION, ASSUMPTIONS_REFERENCE, answer)).overall).toBeLessThanOrEqual(2);
  });

  /*
   * Round 18: what round 17 left. A real item the reference lacks dropped a right list to 1 (the two-thirds rule counted
   * it as wrong), shorthand named nothing, and the reference's item names glued to words it says of other items passed.
   */
  it('lets an item the reference lacks cost a little, not the whole list, and a wrong one more', async () => {
    const extra = await grade(METRICS_QUESTION, METRICS_REFERENCE, 'Euclidean distance, Manhattan distance, cosine similarity, Minkowski distance, Chebyshev distance.');
    expect(extra.overall).toBeGreaterThanOrEqual(2.5);
    // Two unknown items of five leave the list the set asked for; two wrong ones (the opposite of the reference's) do not.
    const unknown = await grade(FILES_QUESTION, FILES_REFERENCE, 'Meaningful filenames, compressed formats, organized directories, checksums, atomic writes.');
    expect(unknown.overall).toBeGreaterThanOrEqual(3);
    const wrong = await grade(FILES_QUESTION, FILES_REFERENCE, 'Meaningful filenames, compressed formats, organized directories, discarded metadata, random timestamps.');
    expect(wrong.overall).toBeLessThanOrEqual(2);
  });

  it('still reads a list half of whose items the reference lacks as not the set asked for', async () => {
    const result = await grade(TYPES_QUESTION, TYPES_REFERENCE, 'Integers, floats, DataFrames, tensors.');
    expect(result.overall).toBeLessThanOrEqual(2);
  });

  it('names an item by an acronym of its name, by its acronym spelled out, or by a name written as one word', async () => {
    const acronym = await grade(BASE_QUESTION, BASE_REFERENCE, 'SVMs, decision trees, neural networks, kNN.');
    expect(acronym.overall).toBeGreaterThanOrEqual(2.5);
    const spelled = await grade(HARDWARE_QUESTION, HARDWARE_REFERENCE, 'Graphics processing units, tensor processing units, multi-core CPUs.');
    expect(spelled.overall).toBeGreaterThanOrEqual(2.5);
    const compound = await grade(DBSCAN_QUESTION, DBSCAN_REFERENCE, '- eps\n- MinPts');
    expect(compound.overall).toBeGreaterThanOrEqual(2.5);
  });

  it('names an item by the word a name runs an acronym into ("XGBoost" for boosting)', async () => {
    const named = await grade(ENSEMBLE_QUESTION, ENSEMBLE_REFERENCE, 'Bagging, XGBoost, stacking.');
    const wrong = await grade(ENSEMBLE_QUESTION, ENSEMBLE_REFERENCE, 'Bagging, pruning, stacking.');
    expect(named.overall).toBeGreaterThanOrEqual(wrong.overall + 1);
  });

  it("does not take an item's name glued to what the reference says of another item for the item", async () => {
    const glued = await grade(ASSUMPTIONS_QUESTION, ASSUMPTIONS_REFERENCE, 'Linearity errors, independence variance, homoscedasticity target, normality features.');
    expect(glued.overall).toBeLessThanOrEqual(2);
    const metrics = await grade(METRICS_QUESTION, METRICS_REFERENCE, 'Euclidean axis, Manhattan angle, cosine overlap, Jaccard differences.');
    expect(metrics.overall).toBeLessThanOrEqual(2);
    const right = await grade(ASSUMPTIONS_QUESTION, ASSUMPTIONS_REFERENCE, 'Linearity, independent errors, homoscedasticity, normality.');
    expect(right.overall).toBeGreaterThanOrEqual(3);
  });

  it('reads a sentence of two short names as a list to a question asking for a set, and a sentence stating things as prose', async () => {
    const named = await grade(DBSCAN_QUESTION, DBSCAN_REFERENCE, 'Epsilon and min_samples.');
    expect(named.overall).toBeGreaterThanOrEqual(3);
    expect(dimension(named, 'clarity').rationale).toMatch(/items the question asks for/i);
    const stated = await grade(DBSCAN_QUESTION, DBSCAN_REFERENCE, 'Epsilon sets the neighbourhood radius and min_samples sets how many neighbours make a core point.');
    expect(dimension(stated, 'clarity').rationale).not.toMatch(/items the question asks for/i);
  });

  it('does not read lines of code beside a list as more names', async () => {
    // Round 15's tester's answer.
    const answer =
      'Integers, floats, booleans and strings, plus lists, tuples, dictionaries and sets, and in ML NumPy arrays and pandas DataFrames. For example:\n' +
      "labels = ['cat', 'dog']\nshape = (32, 3, 224, 224)\nvocab = {'cat': 0, 'dog': 1}\nscores = torch.tensor([0.2, 0.9, 0.4])\ntop = scores.sort(descending=True)\nprint(top.values, top.indices)";
    expect((await grade(TYPES_QUESTION, TYPES_REFERENCE, answer)).overall).toBeGreaterThanOrEqual(3);
  });
});
