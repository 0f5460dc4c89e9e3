import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { sideClauses } from '../../../src/grading/offline/attribution.js';
import { analyzeText, type TokenInfo } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { PROCESSES_AND_THREADS as processes, technicalQuestionInput as input } from './fixtures.js';

/*
 * Role swaps between two things a question compares, when what is swapped is not a pair of opposite words:
 * "processes share memory, a thread has its own" against a reference that says the reverse. The questions
 * and answers are written for these tests.
 */

const grader = createOfflineGrader();
/** Grades an answer to one of the compared pairs below against its reference. */
const grade = (pair: { question: string; reference: string }, answer: string) => grader.grade(input(pair.question, pair.reference, answer));

const correctness = (result: GradeResult) => result.dimensions.find((dimension) => dimension.key === 'correctness');
const swapNamed = (result: GradeResult): boolean => result.improvements.some((text) => text.includes('It swaps "'));

const transport = {
  question: 'How does TCP differ from UDP?',
  reference:
    'TCP is connection-oriented: it guarantees delivery and order through acknowledgements and retransmission. ' +
    'UDP is connectionless and sends independent datagrams with no delivery guarantee, which makes it lighter and faster.',
};

describe('role swaps between the two things a question compares', () => {
  it('reads the side a denial is followed by an assertion about ("soft voting does not use probabilities and just takes the majority label")', async () => {
    const voting = {
      question: 'What is the difference between hard and soft voting?',
      reference:
        'Hard voting counts the votes for each class and chooses the majority; each model gets one vote regardless of confidence. ' +
        'Soft voting averages the predicted probabilities, so a confident model weighs more; it needs models that output probabilities.',
    };
    const swapped = await grade(voting, 'Hard voting averages the predicted probabilities of the models, while soft voting does not use probabilities and just takes the majority class.');
    const right = await grade(voting, 'Soft voting averages the predicted probabilities of the models, while hard voting does not use probabilities and just takes the majority class.');
    expect(swapNamed(swapped)).toBe(true);
    expect(swapNamed(right)).toBe(false);
    expect(swapped.overall).toBeLessThan(right.overall - 1);
  });

  it('caps correctness and coverage when each side gets the other one\'s properties, and names the two things swapped', async () => {
    const swapped = await grade(processes, processes.swapped);
    const right = await grade(processes, 'Each process gets its own memory space and is isolated, so one crashing leaves the others running; threads live inside a process and share its memory, which makes them cheap to create.');
    expect(correctness(swapped)?.score).toBeLessThanOrEqual(2);
    expect(correctness(swapped)?.rationale).toMatch(/swaps "(?:thread" and "processes|processes" and "thread)": it says of each what the reference says of the other \(it gives "/);
    expect(swapNamed(swapped)).toBe(true);
    const coverage = swapped.dimensions.find((dimension) => dimension.key === 'coverage');
    expect(coverage?.score).toBeLessThanOrEqual(2);
    expect(coverage?.rationale).toContain('the wrong one of the two things compared');
    expect(correctness(right)?.score).toBeGreaterThanOrEqual(3);
    expect(swapNamed(right)).toBe(false);
    expect(swapped.overall).toBeLessThan(right.overall);
  });

  it('ticks no point covered with a sentence the swap runs through: every swapped sentence contradicts its point', async () => {
    // A candidate's loc/iloc answer: the advice named the swap while the map ticked four points covered with the
    // swapped sentences (round 12). Question and reference are written for this test.
    const pandas = {
      question: 'What is the difference between loc and iloc in pandas?',
      reference:
        'loc uses label-based indexing, selecting rows and columns by their index labels and column names. ' +
        'iloc uses position-based indexing, selecting by integer positions like NumPy arrays. ' +
        'For slicing, loc includes both endpoints while iloc excludes the end, like Python slicing.',
    };
    const swapped = await grade(
      pandas,
      'loc is position-based and iloc is label-based. With loc you pass integer positions like NumPy, and iloc uses the index labels and column names. ' +
        'Also iloc slices include the end while loc excludes it.',
    );
    expect(swapNamed(swapped)).toBe(true);
    const credited = (swapped.coverage ?? []).filter((entry) => entry.status === 'covered' || entry.status === 'partial');
    expect(credited.map((entry) => entry.point)).toEqual([]);
    const right = await grade(pandas, 'loc selects by label (index and column names), iloc by integer position. A loc slice includes the end label, an iloc slice excludes it.');
    expect((right.coverage ?? []).some((entry) => entry.status === 'covered')).toBe(true);
  });

  it('reads "X does this and Y does that" as two claims: a swap inside one clause is caught', async () => {
    const swapped = await grade(transport, 'TCP sends independent datagrams and UDP guarantees delivery and order with acknowledgements.');
    expect(correctness(swapped)?.score).toBeLessThanOrEqual(2);
    expect(swapNamed(swapped)).toBe(true);
  });

  it('leaves alone a correct answer in its own words, and one that strays into a word of each other side ("lighter" of TCP) among many of their own', async () => {
    const paraphrase = await grade(transport, 'TCP sets up a connection and guarantees that data arrives, in order, resending whatever is lost; UDP just fires off datagrams with no guarantee, so it is lighter.');
    const straying = await grade(
      transport,
      'TCP is connection-oriented and guarantees delivery and order through acknowledgements, and on a modern stack its overhead is lighter than people expect; ' +
        'UDP is connectionless and sends independent datagrams, leaving any retransmission to the application.',
    );
    expect(swapNamed(paraphrase)).toBe(false);
    expect(swapNamed(straying)).toBe(false);
    expect(correctness(paraphrase)?.score).toBeGreaterThanOrEqual(3);
  });
});

describe('how the question joins the two things', () => {
  const reference =
    'Bagging trains models independently and in parallel on bootstrap samples and averages them, which mainly reduces variance. ' +
    'Boosting trains models sequentially, each one focusing on the errors of the previous ones, which mainly reduces bias.';
  const swapped =
    'Bagging trains models sequentially, each focusing on the errors of the previous ones, which reduces bias. ' +
    'Boosting trains models independently in parallel on bootstrap samples and averages them to reduce variance.';

  it.each(['What is the difference between bagging and boosting?', 'Bagging vs. boosting: what is the difference?', 'Compare bagging & boosting.'])(
    'catches the swap whatever joins them: %s',
    async (question) => {
      const result = await grader.grade(input(question, reference, swapped));
      expect(correctness(result)?.score).toBeLessThanOrEqual(2);
    },
  );
});

describe('role swaps in correct answers that compare the other way round', () => {
  it('reads a relative clause as about the side named just before it, not the subject', async () => {
    const result = await grade(transport, 'UDP is lighter than TCP, which guarantees delivery and order with acknowledgements. TCP is slower than UDP, which is connectionless and sends independent datagrams.');
    expect(swapNamed(result)).toBe(false);
    expect(correctness(result)?.score).toBeGreaterThanOrEqual(4);
  });

  it('returns to the side before an "unlike" aside', async () => {
    const result = await grade(transport, 'UDP, unlike TCP, is connectionless and lighter. TCP, unlike UDP, guarantees delivery and order with acknowledgements.');
    expect(swapNamed(result)).toBe(false);
    expect(correctness(result)?.score).toBeGreaterThanOrEqual(4);
  });

  it('reads a relative clause in the reference the same way', async () => {
    const reference =
      'UDP is lighter than TCP, which guarantees delivery and order through acknowledgements. TCP is slower than UDP, which is connectionless and sends independent datagrams.';
    const swapped = await grader.grade(
      input(transport.question, reference, 'UDP guarantees delivery and order with acknowledgements, whereas TCP is connectionless and sends independent datagrams.'),
    );
    const right = await grader.grade(
      input(transport.question, reference, 'TCP guarantees delivery and order with acknowledgements, whereas UDP is connectionless and sends independent datagrams.'),
    );
    expect(swapNamed(swapped)).toBe(true);
    expect(swapNamed(right)).toBe(false);
  });
});

describe('the swap note', () => {
  it('keeps the capitals of an acronym that opens a sentence', async () => {
    const result = await grade(transport, 'UDP is connection-oriented and guarantees delivery, whereas TCP is connectionless and lighter.');
    expect(correctness(result)?.rationale).toMatch(/swaps "(?:TCP" and "UDP|UDP" and "TCP)"/);
  });
});

describe('which of two compared things a clause is about', () => {
  const sides = (text: string, a: string, b: string) => {
    const [sentence] = analyzeText(text);
    if (!sentence) throw new Error('no sentence');
    const nameOf = (token: TokenInfo) => (token.normal === a ? 0 : token.normal === b ? 1 : null);
    return sideClauses(sentence, sentence.tokens.map(nameOf)).map((clause) => clause.side);
  };
  // A clause of punctuation only goes on about the side before it: the sides in turn, each once.
  const changes = (all: readonly (0 | 1 | null)[]) => all.filter((side, index) => index === 0 || side !== all[index - 1]);

  it('splits "arange takes … and linspace takes …" into a claim about each', () => {
    expect(sides('arange takes the number of points you want and linspace takes a step size.', 'arange', 'linspace')).toEqual([0, 1]);
  });

  it('keeps "lists and tuples are ordered" one claim about both', () => {
    expect(sides('Both lists and tuples are ordered sequences.', 'lists', 'tuples')).toEqual([null]);
  });

  it('gives a relative clause to the thing named just before it', () => {
    expect(changes(sides('tuples are lighter than lists, which can grow.', 'tuples', 'lists'))).toEqual([0, 1]);
  });

  it('gives the main clause after an "unlike" aside back to the thing before it', () => {
    expect(changes(sides('tuples, unlike lists, are immutable.', 'tuples', 'lists'))).toEqual([0, 1, 0]);
  });

  it('reads a sentence with a very long run of punctuation in one pass over it', () => {
    // Walking back over the run from each of its tokens would take some 10^9 steps here.
    const text = `arange takes the number of points you want and ${'- '.repeat(40000)} linspace takes a step size.`;
    expect(sides(text, 'arange', 'linspace')).toEqual([0, 1]);
  });

  it('carries a clause that names neither on to the thing of the clause before it', () => {
    expect(sides('loc is label-based, so you give it names, while iloc takes positions.', 'loc', 'iloc')).toEqual([0, 0, 1]);
  });
});

/*
 * Ridge and Lasso, L1 and L2, share one related-terms key (so "the L1 penalty" still meets "Lasso
 * regularization"); K-means is split by the tokenizer into parts that are no content word. The Ridge/Lasso and
 * DBSCAN/K-means references are copied from the corpus (ml-interview-preparation-guide.txt).
 */
describe('comparisons of two things the related terms or the tokenizer merge', () => {
  const ridgeLasso = {
    question: 'How do you choose between Ridge and Lasso?',
    reference:
      'Choose Lasso when you want feature selection and believe many features are irrelevant. The resulting sparse model is interpretable and efficient. ' +
      'Choose Ridge when you believe most features contribute and want to keep them all but control their magnitudes. Ridge is more stable with correlated features. ' +
      'Elastic Net combines both penalties, offering a middle ground that performs feature selection while handling correlated features better than Lasso alone. ' +
      'Try all three and use cross-validation to select the best for your specific data.',
  };
  const l1l2 = {
    question: 'What is the difference between L1 and L2 regularization?',
    reference:
      'L1 regularization adds the sum of the absolute values of the weights to the loss; it drives some weights to exactly zero, so it performs feature selection and gives sparse models. ' +
      'L2 regularization adds the sum of squared weights; it shrinks all weights towards zero without making them exactly zero, and handles correlated features more gracefully. Elastic net combines both.',
  };
  const clustering = {
    question: 'When should you use DBSCAN versus K-means?',
    reference:
      'Use K-means for spherical clusters of similar size when you know the number of clusters. Use DBSCAN when clusters have irregular shapes, varying densities, or when you don’t know K upfront. ' +
      'DBSCAN handles outliers better. K-means is faster for large datasets. DBSCAN works in high dimensions but parameter tuning becomes harder. ' +
      'For exploratory analysis without prior knowledge, try DBSCAN first. For production systems with clean data and known cluster counts, K-means is simpler. ' +
      'Both have their place depending on problem characteristics.',
  };

  it('catches Ridge and Lasso swapped, and leaves the right answer alone', async () => {
    const swapped = await grade(
      ridgeLasso,
      'Choose Ridge when you want feature selection and believe many features are irrelevant, because it sets coefficients exactly to zero and gives a sparse, interpretable model. ' +
        'Choose Lasso when you believe most features contribute and you want to keep them all but shrink their magnitudes; Lasso is also more stable with correlated features.',
    );
    const right = await grade(
      ridgeLasso,
      'Lasso if you think only a handful of features matter: the L1 penalty zeroes coefficients out, so you get a sparse model that does feature selection for you. ' +
        "Ridge if most features carry a bit of signal: it shrinks everything but keeps every feature, and it's steadier when features are correlated, where Lasso picks one of a correlated group somewhat arbitrarily.",
    );
    expect(swapped.improvements.some((text) => text.includes('It swaps "Ridge" and "Lasso"'))).toBe(true);
    expect(correctness(swapped)?.score).toBeLessThanOrEqual(2);
    expect(swapNamed(right)).toBe(false);
    expect(swapped.overall).toBeLessThan(right.overall);
  });

  it('reads "L1" as Lasso and "L2" as Ridge: a swap in the other names is a swap', async () => {
    const swapped = await grade(
      ridgeLasso,
      'Use L2 if you expect only a few features to matter, because it drives some coefficients to exactly zero, which gives you feature selection. ' +
        'Use L1 when most features contribute and you want to shrink them all; L1 is also the better choice when features are strongly correlated.',
    );
    expect(swapped.improvements.some((text) => text.includes('It swaps "L2" and "L1"'))).toBe(true);
  });

  it('catches L1 and L2 swapped against a reference of its own, and leaves a paraphrase of the right answer alone', async () => {
    const swapped = await grade(
      l1l2,
      'L2 regularization adds the absolute values of the weights and drives some of them to exactly zero, so it is the one used for feature selection. ' +
        'L1 regularization adds the squared weights and shrinks all of them smoothly without zeroing any, which is why it handles correlated features better.',
    );
    const right = await grade(
      l1l2,
      'Lasso, the L1 penalty, adds the absolute weights and drives some of them to exactly zero, so it selects features and gives a sparse model. ' +
        'Ridge, the L2 penalty, adds the squared weights and shrinks them all without zeroing any, and copes better with correlated features.',
    );
    expect(swapped.improvements.some((text) => text.includes('It swaps "L1" and "L2"'))).toBe(true);
    expect(swapped.overall).toBeLessThanOrEqual(2.5);
    expect(swapNamed(right)).toBe(false);
    expect(right.overall).toBeGreaterThanOrEqual(4);
  });

  it('compares DBSCAN with K-means, which the tokenizer splits into "K", "-" and "means"', async () => {
    const swapped = await grade(
      clustering,
      "Use DBSCAN when clusters are spherical and similar in size and you already know how many there are, since it's the faster one on big datasets. " +
        "Use K-means when clusters have irregular shapes or varying densities and there are outliers, because K-means labels noise points separately and doesn't need the number of clusters.",
    );
    const right = await grade(
      clustering,
      "Use K-means when clusters are roughly spherical and similar in size and you know how many you want; it's fast on big datasets. " +
        "Use DBSCAN when clusters have irregular shapes or there are outliers, because DBSCAN labels noise points separately and doesn't need the number of clusters.",
    );
    expect(swapped.improvements.some((text) => text.includes('It swaps "DBSCAN" and "K-means"'))).toBe(true);
    expect(swapNamed(right)).toBe(false);
    expect(swapped.overall).toBeLessThan(right.overall);
  });

  it('does not take a sentence about Lasso for the point on Elastic Net, and quotes the sentence that names it', async () => {
    const point = (result: GradeResult) => result.coverage?.find((entry) => entry.point.startsWith('Elastic Net combines both penalties'));
    const lassoOnly = await grade(
      ridgeLasso,
      'Use Lasso if you expect only a few features to matter, because the L1 penalty drives some coefficients to exactly zero, which gives you feature selection. ' +
        'Use Ridge when most features contribute. Ridge is also the better choice when features are strongly correlated, since Lasso tends to pick one of them arbitrarily.',
    );
    const withElasticNet = await grade(
      ridgeLasso,
      'Lasso if only a handful of features matter: the L1 penalty zeroes coefficients out and selects features. Ridge if most features carry signal; it is steadier with correlated features. ' +
        'If unsure, Elastic Net mixes both, selecting features while handling correlated ones better than Lasso.',
    );
    expect(point(lassoOnly)?.status).toBe('missed');
    expect(point(withElasticNet)?.status).not.toBe('missed');
    expect(point(withElasticNet)?.quote).toContain('Elastic Net');
  });

  it('gives Lasso and L1 one identity, Ridge another, and both the key of their group', () => {
    const tokens = analyzeText('Lasso uses L1 while Ridge uses L2 and K-means uses centroids.').flatMap((sentence) => sentence.tokens);
    const of = (text: string): TokenInfo | undefined => tokens.find((token) => token.text === text);
    expect(of('Lasso')?.identity).toBe(of('L1')?.identity);
    expect(of('Ridge')?.identity).toBe(of('L2')?.identity);
    expect(of('Lasso')?.identity).not.toBe(of('Ridge')?.identity);
    expect(of('Lasso')?.term).toBe(of('Ridge')?.term);
    expect(of('K')?.identity).toBe('~kmeans');
  });
});

describe('a reference written as labelled blocks', () => {
  // The corpus's model answer to "Compare bagging, boosting and stacking…" (ml-engineer-interview-notebook), shortened.
  const reference =
    'Ensembles combine several models so that their errors partly cancel.\n\n' +
    '**Bagging:**\n- Trains high-variance models (usually deep trees) independently on bootstrap samples and averages or votes.\n' +
    '- Mainly reduces variance; trains in parallel.\n\n' +
    '**Boosting:**\n- Trains weak learners one after another, each correcting the errors of the ensemble so far.\n' +
    '- Mainly reduces bias, but it is sequential and sensitive to noisy labels.\n\n' +
    '**Trade-offs:** every ensemble costs more to train, serve and explain than a single model.';
  const question = 'Compare bagging and boosting: how does each reduce error?';

  it('reads the bullets under "Bagging:" as about bagging, so a swap of the two is caught', async () => {
    const swapped = await grader.grade(
      input(
        question,
        reference,
        'Bagging trains models sequentially where each one focuses on the mistakes of the previous one, so it mainly reduces bias. ' +
          'Boosting trains many models in parallel on bootstrap samples and averages them, which mainly reduces variance.',
      ),
    );
    const right = await grader.grade(
      input(
        question,
        reference,
        'Bagging trains many models independently in parallel on bootstrap samples and averages them, which mainly reduces variance. ' +
          'Boosting trains models sequentially, each one focusing on the mistakes of the previous ones, so it mainly reduces bias.',
      ),
    );
    expect(swapped.improvements.some((text) => text.includes('It swaps "bagging" and "boosting"'))).toBe(true);
    expect(swapNamed(right)).toBe(false);
    expect(swapped.overall).toBeLessThan(right.overall);
  });
});

/*
 * Swaps inside one sentence, its two clauses joined by ",", ";", "while", "whereas" or "and". The SVM reference is
 * the corpus's (guide Q238); the other references and every answer were written for these tests, with the fair
 * grade decided before running them: a swapped answer at most 2.5, the same answer the right way round at least 3.5.
 */
describe('a swap inside one sentence', () => {
  const svm = {
    question: 'What does the C parameter control?',
    reference:
      'The C parameter trades off margin width against training errors. Small C values prioritize wide margins, accepting more misclassifications. ' +
      'This prevents overfitting and handles noisy data well. Large C values insist on correct classification, creating narrow margins that fit training data tightly. ' +
      'This can lead to overfitting. Tuning C is crucial for SVM performance. Use cross-validation to find the optimal value. ' +
      'Think of C as inverse regularization strength: larger C means less regularization.',
  };

  it.each([', a small C gives', '; a small C gives', ', while a small C gives', ', whereas a small C gives', ', and a small C gives'])(
    'catches "large C" and "small C" swapped in two clauses joined by "%s"',
    async (join) => {
      const swapped = await grade(svm, `A large C gives a wider margin and more misclassifications${join} a narrow margin that fits the training data closely.`);
      const right = await grade(svm, `A small C gives a wider margin and more misclassifications${join.replace('small', 'large')} a narrow margin that fits the training data closely.`);
      expect(swapNamed(swapped)).toBe(true);
      expect(swapped.overall).toBeLessThanOrEqual(2.5);
      expect(swapNamed(right)).toBe(false);
      expect(right.overall).toBeGreaterThanOrEqual(3.5);
    },
  );

  const cases = [
    {
      name: 'a large and a small learning rate',
      question: 'What happens if the learning rate is too large or too small?',
      reference:
        'A learning rate that is too large makes the updates overshoot the minimum, so the loss oscillates or diverges. ' +
        'A learning rate that is too small makes training very slow, and it may get stuck before reaching a good solution. Learning rate schedules and warm-up help to balance the two.',
      swapped: 'A large learning rate makes training very slow and can get stuck, whereas a small learning rate overshoots the minimum so the loss oscillates or diverges.',
      right: 'A large learning rate overshoots the minimum so the loss oscillates or diverges, whereas a small learning rate makes training very slow and can get stuck.',
    },
    {
      name: 'a small and a large k in KNN',
      question: 'How does the choice of k affect a KNN classifier?',
      reference:
        'A small k makes the model sensitive to noise: the decision boundary is jagged and the model overfits, with high variance. ' +
        'A large k smooths the decision boundary and can underfit, with high bias. k is usually chosen by cross-validation, often an odd number to avoid ties.',
      swapped: 'A small k smooths the decision boundary and underfits, and a large k makes the model sensitive to noise so it overfits.',
      right: 'A small k makes the model sensitive to noise so it overfits; a large k smooths the decision boundary and can underfit.',
    },
    {
      name: 'strong and weak regularization',
      question: 'How does the regularization strength affect a model?',
      reference:
        'A strong regularization penalty shrinks the weights a lot, which reduces variance but can make the model underfit. ' +
        'A weak penalty leaves the weights large, so the model can overfit the training data. The strength is a hyperparameter tuned on validation data.',
      swapped: 'Strong regularization leaves the weights large so the model can overfit, while weak regularization shrinks the weights a lot and makes the model underfit.',
      right: 'Strong regularization shrinks the weights a lot and can make the model underfit, while weak regularization leaves the weights large so the model can overfit.',
    },
    {
      // "on both" after a preposition is the training and test error, not the two things compared.
      name: 'high bias and high variance',
      question: 'What is the bias-variance trade-off?',
      reference:
        'High bias means the model is too simple and underfits: it has high error on both training and test data. ' +
        'High variance means the model is too complex and overfits: it has low training error but high test error. ' +
        'Increasing model complexity lowers bias and raises variance, so the goal is the complexity that minimises total error.',
      swapped:
        'High bias means the model is too complex and overfits with low training error but high test error, while high variance means it is too simple and underfits with high error on both.',
      right:
        'High bias means the model is too simple and underfits with high error on both training and test data, while high variance means it is too complex and overfits: low training error, high test error.',
    },
  ];

  it.each(cases)('catches $name swapped in one sentence and leaves the right answer alone', async ({ question, reference, swapped, right }) => {
    const wrong = await grader.grade(input(question, reference, swapped));
    const correct = await grader.grade(input(question, reference, right));
    expect(swapNamed(wrong)).toBe(true);
    expect(wrong.overall).toBeLessThanOrEqual(2.5);
    expect(swapNamed(correct)).toBe(false);
    expect(correct.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('reads "both" after a preposition as no claim about both compared things when the clause names one as its subject', () => {
    const [sentence] = analyzeText('High variance means it is too simple and underfits with high error on both.');
    if (!sentence) throw new Error('no sentence');
    const sides = sentence.tokens.map((token: TokenInfo) => (token.normal === 'variance' ? 1 : null));
    expect(sideClauses(sentence, sides).map((clause) => clause.side)).toEqual([1]);
    const [shared] = analyzeText('The same loss is used for both.');
    if (!shared) throw new Error('no sentence');
    expect(sideClauses(shared, shared.tokens.map(() => null)).map((clause) => clause.side)).toEqual([null]);
  });
});

describe('the two sides of a trade-off given each other\'s definitions', () => {
  const question = 'What is the bias-variance tradeoff?';
  const reference =
    '**Bias:**\n- Error from wrong assumptions in the learning algorithm\n- High bias leads to underfitting (model too simple)\n\n' +
    '**Variance:**\n- Error from sensitivity to small fluctuations in the training set\n- High variance leads to overfitting (model too complex)';

  it('reads a row of labels that swaps two things\' attributes as the same claims in prose, and leaves the right row alone', async () => {
    const arrays = {
      question: 'What is the difference between a view and a copy of a NumPy array?',
      reference:
        'A view shares the original array\'s buffer, so modifying the view changes the original. ' +
        'A copy has its own independent data, so it is safe to modify. Slicing creates views, fancy indexing creates copies.',
    };
    const swappedRow = await grade(arrays, 'view: independent data, safe to modify. copy: shares the buffer, modifying it changes the original.');
    const swappedProse = await grade(arrays, 'A view is independent data, safe to modify. A copy shares the buffer, modifying it changes the original.');
    const rightRow = await grade(arrays, 'copy: independent data, safe to modify. view: shares the buffer, modifying it changes the original.');
    expect(swappedRow.corrections?.length ?? 0).toBeGreaterThan(0);
    expect(correctness(swappedRow)?.score).toBeLessThanOrEqual(correctness(swappedProse)?.score ?? 0);
    expect(rightRow.corrections ?? []).toEqual([]);
    expect(swappedRow.overall).toBeLessThan(rightRow.overall - 0.5);
  });

  it('names the swap of two definitions said in one sentence, and caps correctness', async () => {
    const result = await grader.grade(input(question, reference, 'Bias is error from sensitivity to the training set, variance from wrong assumptions.'));
    expect(swapNamed(result)).toBe(true);
    expect(correctness(result)?.score).toBeLessThanOrEqual(2);
  });

  it('leaves the definitions given to the right sides alone', async () => {
    const result = await grader.grade(input(question, reference, 'Bias is error from wrong assumptions, variance from sensitivity to the training set.'));
    expect(swapNamed(result)).toBe(false);
  });
});

describe('role swaps between two things the reference sets against each other, whatever the question asks', () => {
  const memory = {
    question: 'What is SRAM?',
    reference:
      'SRAM is memory built from latches, used for caches inside the processor. ' +
      'While DRAM is dense and cheap but must be refreshed every few milliseconds, SRAM holds its bits without refreshing and is fast and expensive.',
  };
  const penalties = {
    question: 'What does an L1 penalty do to a linear model?',
    reference: 'An L1 penalty adds the absolute weights to the loss. Unlike L2, which shrinks every weight smoothly, L1 drives many weights to exactly zero.',
  };

  it('names a swap of the two things a "while" sets apart, though the question names only one', async () => {
    const swapped = await grade(memory, 'SRAM is dense and cheap but must be refreshed every few milliseconds. DRAM holds its bits without refreshing and is fast and expensive.');
    expect(swapNamed(swapped)).toBe(true);
    const right = await grade(memory, 'SRAM keeps its bits without any refreshing and is fast but expensive, whereas DRAM is dense and cheap and must be refreshed.');
    expect(swapNamed(right)).toBe(false);
  });

  it('tells apart two things of one related-terms group that an "unlike" sets apart (L1 and L2)', async () => {
    const swapped = await grade(penalties, 'An L1 penalty shrinks every weight smoothly, while L2 drives many weights to exactly zero.');
    expect(swapNamed(swapped)).toBe(true);
    const right = await grade(penalties, 'An L1 penalty drives many weights to exactly zero, while L2 shrinks every weight smoothly.');
    expect(swapNamed(right)).toBe(false);
  });
});

describe('role swaps between two things the reference defines side by side in the same words', () => {
  // Written for these tests after the confusion-matrix answers of round 18: each definition uses "positive",
  // "negative" and "predicted"; only which word the prediction made tells them apart.
  const cells = {
    question: 'What is a confusion matrix?',
    reference:
      'A confusion matrix counts predicted against actual classes. ' +
      'True positives are correctly predicted positives, false positives are negatives wrongly predicted as positive, ' +
      'true negatives are correctly predicted negatives, and false negatives are positives wrongly predicted as negative.',
  };

  it('names false positives and false negatives swapped by what the model predicted of each', async () => {
    const swapped = await grade(
      cells,
      'It counts predicted against actual classes. False positives are actual positives that the model predicted as negative, and false negatives are actual negatives that the model predicted as positive.',
    );
    expect(swapped.improvements.join(' ')).toContain('It swaps "false positives" and "false negatives"');
    expect(correctness(swapped)?.score).toBeLessThanOrEqual(2);
    const right = await grade(
      cells,
      'It counts predicted against actual classes. False positives are actual negatives that the model predicted as positive, and false negatives are actual positives that the model predicted as negative.',
    );
    expect(swapNamed(right)).toBe(false);
    expect(swapped.overall).toBeLessThan(right.overall - 1);
  });

  it('leaves right definitions in other words, in the other order, negated or of one side only', async () => {
    for (const answer of [
      'False positives are cases the model predicted positive that are actually negative; false negatives are cases it predicted negative that are actually positive.',
      'A false positive is when the model says positive for a negative example, and a false negative is when it says negative for a positive one.',
      'False negatives are positives wrongly predicted as negative, and false positives are negatives wrongly predicted as positive.',
      'False positives are not actual positives: they are negatives the model called positive. False negatives are not actual negatives but positives the model missed.',
      'Unlike false negatives, which are missed positives, false positives are negatives flagged as positive.',
      'False positives are negatives the model wrongly predicted as positive.',
    ]) {
      expect(swapNamed(await grade(cells, answer)), answer).toBe(false);
    }
  });
});

describe('role swaps of things named by a common word, and said of in the next sentence', () => {
  // Written for these tests after the mean/median answers of round 18: "mean" has no term of its own (it is a
  // verb too), and the reference says what the mean is sensitive to in a sentence opening with "It".
  const centres = {
    question: 'What is the difference between mean, median, and mode?',
    reference:
      'Mean is the average, calculated by summing all values and dividing by count. It is sensitive to extreme values called outliers. ' +
      'Median is the middle value when data is sorted, making it robust to outliers. Mode is the most frequent value.',
  };

  it('names the mean and the median swapped, the mean\'s sensitivity said after "It"', async () => {
    const swapped = await grade(
      centres,
      'The mean is the average of the values and is robust to outliers, while the median is the middle value of the sorted data and is sensitive to extreme values.',
    );
    expect(swapped.improvements.join(' ')).toMatch(/It swaps "(?:median" and "mean|mean" and "median)"/);
    const right = await grade(
      centres,
      'The mean is the average of the values and is sensitive to extreme values, while the median is the middle value of the sorted data and is robust to outliers.',
    );
    expect(swapNamed(right)).toBe(false);
  });

  it('catches a swap said over short sentences opening with "It", and leaves the right one alone', async () => {
    const swapped = await grade(centres, 'Mean is the middle of the sorted values. It is robust to outliers. Median is the sum divided by the count. It is sensitive to extreme values.');
    expect(swapNamed(swapped)).toBe(true);
    const right = await grade(centres, 'Mean is the sum divided by the count. It is sensitive to outliers. Median is the middle of the sorted values. It is robust to outliers.');
    expect(swapNamed(right)).toBe(false);
  });
});

describe('a sentence opening with "It" goes on about the thing the sentence before opens with', () => {
  it('does not give a sentence\'s "It" to a thing named at the end of the one before (a tester\'s right attention answer)', async () => {
    // The model answer of the corpus's attention question, up to its trade-offs.
    const attention = {
      question: 'How does the attention mechanism work, and why did it become central to Transformers?',
      reference: "Attention lets each position of a sequence build its representation as a weighted average of all positions, with the weights computed from how relevant each position is to it.\n\n**Scaled dot-product attention:**\n- Each token is projected into a query, a key and a value vector by learned matrices.\n- A token's query is compared with every key by a dot product, divided by the square root of the key dimension so that large dimensions do not saturate the softmax.\n- A softmax turns these scores into weights that sum to 1, and the output is the weighted sum of the values: softmax(QK\u1d40/\u221ad_k)\u00b7V.\n- Multi-head attention runs several such attentions in parallel on lower-dimensional projections, so different heads can track different relations (syntax, coreference, position).\n\n**Why it matters:**\n- Any two positions interact in a single step, so long-range dependencies do not have to survive many recurrent steps.\n- All positions are computed in parallel, which made training on huge corpora practical.\n- It began as a way for sequence-to-sequence decoders to look at every encoder state instead of one fixed summary vector (Bahdanau et al., 2014).",
    };
    const right = await grade(
      attention,
      'Each token forms a query, compares it to every key with a scaled dot product, softmaxes the scores and takes a weighted sum of values. ' +
        'It connects any two positions in one step and parallelises, which is why Transformers dropped recurrence.',
    );
    expect(swapNamed(right)).toBe(false);
  });
});

describe('a sentence opening with "It" that names the other thing only after its verb goes on about the first', () => {
  it('reads "However, it … than explicit regularization and depends on a validation set" as about early stopping (a round-15 tester\'s right answer)', async () => {
    // The model answer of the corpus's early-stopping question.
    const stopping = { question: 'How does early stopping compare to other regularization?', reference: "Early stopping is simpler to implement than weight regularization, requiring no loss function modification. It\u2019s effective for neural networks and iterative algorithms. However, it provides less precise control than explicit regularization and depends on having a validation set. Explicit regularization like L2 penalty offers theoretical guarantees and can be tuned with cross-validation. In practice, combining both often works best: use weight regularization for baseline overfitting prevention and early stopping to avoid unnecessary training time." };
    const right = await grade(
      stopping,
      'Early stopping is cheap and needs only a validation set, while L2 and dropout change the objective or the network. Early stopping and L2 regularization can be used together.',
    );
    expect(swapNamed(right)).toBe(false);
    const swapped = await grade(
      stopping,
      'L2 regularization is effective for neural networks and depends on having a validation set, while early stopping offers theoretical guarantees and is tuned with cross-validation.',
    );
    expect(swapNamed(swapped)).toBe(true);
  });
});

describe('a subject of a clause saying when or why is not a thing defined side by side (round 18 tester\'s right answers)', () => {
  // The corpus's precision, recall and mean/median answers: "X is critical when Y are costly" and "Median is the
  // middle value when data is sorted" had made X and Y a contrasted pair, and a right answer saying what Y is a swap.
  const precision = {
    question: 'What is precision?',
    reference:
      'Precision measures what fraction of positive predictions are actually positive. Calculated as true positives divided by true positives plus false positives, it ranges from zero to one. ' +
      'High precision means few false alarms. Precision is critical when false positives are costly or annoying, like spam filtering. Optimizing for precision reduces false positives but might increase false negatives.',
  };
  const recall = {
    question: 'What is recall?',
    reference:
      'Recall measures what fraction of actual positives your model finds. Calculated as true positives divided by true positives plus false negatives, it ranges from zero to one. ' +
      'High recall means few missed positives. Recall is critical when false negatives are dangerous or costly, like disease screening. Optimizing for recall reduces false negatives but might increase false positives.',
  };
  const centres = {
    question: 'What is the difference between mean, median, and mode?',
    reference:
      'Mean is the average, calculated by summing all values and dividing by count. It is sensitive to extreme values called outliers. ' +
      'Median is the middle value when data is sorted, making it robust to outliers. Mode is the most frequent value.',
  };

  it('leaves alone right answers saying what a false positive or a false negative is', async () => {
    for (const answer of [
      'Precision is TP / (TP + FP). A false positive is a negative predicted as positive. Optimizing for precision can increase false negatives.',
      'Precision is TP / (TP + FP). False positives are negatives predicted as positive, so they lower precision.',
      'Precision is TP / (TP + FP), where false positives are negatives predicted as positive.',
      'Precision: TP / (TP + FP). High precision means few false positives, that is, few negatives predicted as positive. Optimizing for precision can increase false negatives.',
    ]) {
      expect(swapNamed(await grade(precision, answer)), answer).toBe(false);
    }
    for (const answer of [
      'Recall is TP / (TP + FN). A false negative is a positive example the model predicted negative, so every missed positive lowers recall. False positives do not change recall. Recall is critical in disease screening, and optimizing it reduces false negatives but might increase false positives.',
      'Recall is TP / (TP + FN). A false negative is a positive example the model predicted negative.',
    ]) {
      expect(swapNamed(await grade(recall, answer)), answer).toBe(false);
    }
  });

  it('leaves alone right answers about the median and the sorted data', async () => {
    for (const answer of [
      'Mean, median and mode all describe the center. Mean adds all values and divides by count, and it is sensitive to outliers. Median takes the middle of the sorted values and is robust to outliers. Mode is the most common value. For skewed data like house prices, prefer the median to the mean.',
      'Median is robust to outliers because it only depends on the middle of the sorted data. Mean is sensitive to outliers because every value enters the sum. Mode is the most frequent value.',
    ]) {
      expect(swapNamed(await grade(centres, answer)), answer).toBe(false);
    }
  });
});

describe('a definition naming the defined thing after "is" (round 18 tester\'s right answers)', () => {
  const cells = {
    question: 'What is a confusion matrix?',
    reference:
      'A confusion matrix is a table showing predicted versus actual classes. ' +
      'True positives are correctly predicted positives, false positives are negatives wrongly predicted as positive, ' +
      'true negatives are correctly predicted negatives, and false negatives are positives wrongly predicted as negative.',
  };

  it('does not read the parts words play in its subject as said of the thing after "is"', async () => {
    for (const answer of [
      'In a confusion matrix, the positive class predicted for a negative example is a false positive, and the negative class predicted for a positive example is a false negative.',
      'A confusion matrix is a table of actual versus predicted classes. The positive label assigned to a negative example is a false positive, and the negative label assigned to a positive example is a false negative.',
      'A confusion matrix is a table of actual versus predicted classes. The positive output given to a negative case is a false positive, and the negative output given to a positive case is a false negative.',
    ]) {
      expect(swapNamed(await grade(cells, answer)), answer).toBe(false);
    }
  });
});
