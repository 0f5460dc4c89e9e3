import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { asideTerms, deniedClauses, sentenceSubject } from '../../../src/grading/offline/clauses.js';
import { matchPoints } from '../../../src/grading/offline/coverage.js';
import { deniesClaim } from '../../../src/grading/offline/denial-agreement.js';
import { analyzeText, type SentenceInfo } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { referenceProfile } from '../../../src/grading/offline/reference-profile.js';
import { technicalQuestionInput as input } from './fixtures.js';

/*
 * Correct answers the denied-claims rule (round 18) read as contradicting the reference, from a tester's hunt among
 * 298 correct answers with negations: a denial of another subject than the reference statement's (the other member of
 * a comparison the question names, a thing named without a term, a pronoun standing for the previous sentence's
 * subject, what the reference says of another thing in an "Unlike X where…" aside), agreement in negated words with a
 * statement that is negative by its words ("failing with", "struggles"), and a hedge ("mainly … rather than").
 */

const grader = createOfflineGrader();
/** The share of a point's terms that covers it (technical-grader.ts). */
const COVERED = 0.5;

/** The questions the misfires were found on, with their references (data/corpus/ml-interview-preparation-guide.txt). */
const topics = {
  voting: {
    question: 'What is the difference between hard and soft voting?',
    reference:
      'Hard voting treats all model predictions equally, simply counting votes for each class and choosing the majority. ' +
      'Each model gets one vote regardless of confidence. ' +
      'Soft voting weights votes by probability, so a model very confident in its prediction contributes more than an uncertain model. ' +
      'Soft voting uses richer information and typically performs better but requires models that output meaningful probabilities. ' +
      'Hard voting works with any classifier including those that only output class labels. ' +
      'Choose soft voting when your models provide good probability estimates.',
  },
  classification: {
    question: 'What is the difference between hard and soft classification?',
    reference:
      'Hard classification makes definitive predictions, assigning each example to exactly one class. ' +
      'The output is simply the predicted class label. ' +
      'Soft classification provides probability estimates for each class. ' +
      'Instead of just predicting spam or not spam, it might say 85 percent probability of spam. ' +
      'Soft predictions are more informative, allowing you to set custom decision thresholds, quantify confidence, and handle uncertain cases differently. ' +
      'Most algorithms support both by computing probabilities then choosing the highest as the hard prediction.',
  },
  indexing: {
    question: 'What is the difference between loc and iloc?',
    reference:
      'Both select subsets of DataFrames but use different indexing. ' +
      'loc uses label-based indexing, selecting rows and columns by their names. ' +
      'You write df.loc bracket row_label comma column_label bracket. ' +
      'iloc uses position-based indexing, selecting by integer positions like NumPy arrays. ' +
      'You write df.iloc bracket row_position comma column_position bracket. ' +
      'loc is more intuitive when you know names, while iloc is useful for positional access. ' +
      'For slicing, loc includes both endpoints while iloc excludes the end. ' +
      'Understanding both is essential for flexible data selection in machine learning preprocessing.',
  },
  products: {
    question: 'What is the difference between multiply and dot in NumPy?',
    reference:
      'The multiply function or asterisk operator performs element-wise multiplication, multiplying corresponding elements and returning an array of the same shape. ' +
      'The dot function or at symbol performs matrix multiplication following linear algebra rules, computing dot products of rows and columns. ' +
      'For two-dimensional arrays, dot performs traditional matrix multiplication. ' +
      'The shapes must be compatible: the inner dimensions must match. ' +
      'In machine learning, element-wise multiplication appears in scaling and masks, while dot multiplication computes predictions, propagates signals through networks, and performs many other core operations.',
  },
  clustering: {
    question: 'What are hard clustering versus soft clustering?',
    reference:
      'Hard clustering assigns each point to exactly one cluster. ' +
      'Algorithms like K-means produce hard assignments. ' +
      'Soft clustering or fuzzy clustering assigns membership probabilities to multiple clusters. ' +
      'Points can partially belong to several clusters. ' +
      'Algorithms like fuzzy C-means and Gaussian mixture models produce soft assignments. ' +
      'Soft clustering reflects reality better when boundaries between groups are fuzzy. ' +
      'Hard clustering is simpler and easier to interpret. ' +
      'Choose based on whether your data naturally has overlapping categories or distinct groups.',
  },
  loops: {
    question: 'Explain the difference between for loops and while loops.',
    reference:
      'For loops iterate over a sequence for a predetermined number of times, while while loops continue until a condition becomes false. ' +
      'In machine learning, for loops are more common because you usually know how many iterations you need, like looping through each data point or each training epoch. ' +
      'You write for item in collection followed by your code. ' +
      'While loops are useful when you don’t know how many iterations you need upfront, like training a model until it reaches a certain accuracy threshold. ' +
      'Understanding when to use each makes your code more efficient.',
  },
  reinforcement: {
    question: 'What is reinforcement learning?',
    reference:
      'Reinforcement learning trains agents to make sequences of decisions by rewarding desired behaviors and penalizing undesired ones. ' +
      'The agent explores an environment, takes actions, receives rewards or penalties, and learns which actions maximize long-term reward. ' +
      'It’s similar to training a dog with treats and corrections. ' +
      'Applications include game playing like chess or Go, robotics where robots learn physical tasks, autonomous driving, and recommendation systems. ' +
      'Unlike supervised learning where correct answers are provided, reinforcement learning agents must discover successful strategies through trial and error.',
  },
  kmeans: {
    question: 'What are K-means limitations?',
    reference:
      'K-means assumes clusters are spherical and equally sized, failing with elongated or irregular shapes. ' +
      'It’s sensitive to outliers since means are affected by extreme values. ' +
      'You must specify K upfront without knowing the true number of clusters. ' +
      'Different runs can produce different results due to initialization. ' +
      'K-means struggles with clusters of very different densities. ' +
      'Despite limitations, K-means works well for many practical problems and is often the first clustering algorithm to try. ' +
      'For complex cluster shapes, consider alternatives like DBSCAN or hierarchical clustering.',
  },
  boosting: {
    question: 'How does boosting differ from bagging?',
    reference:
      'Bagging trains models independently in parallel on different data subsets and averages predictions to reduce variance. ' +
      'Boosting trains models sequentially where each focuses on correcting previous errors, reducing both bias and variance. ' +
      'Bagging works best with high-variance models like deep trees. ' +
      'Boosting works with weak learners like shallow trees. ' +
      'Bagging is more parallelizable and harder to overfit. ' +
      'Boosting can achieve higher accuracy but requires more careful tuning. ' +
      'Both are powerful techniques with different strengths.',
  },
};

type Topic = (typeof topics)[keyof typeof topics];

const contradicted = (result: GradeResult) => (result.coverage ?? []).filter((entry) => entry.status === 'contradicted').map((entry) => entry.point);
const contradictedIn = async ({ question, reference }: Topic, answer: string) => contradicted(await grader.grade(input(question, reference, answer)));

/** Whether the coverage map reads a point as contradicted by a denied claim (`deniedClaim`, coverage.ts). */
const readsDeniedClaim = ({ question, reference }: Topic, answer: string): boolean => {
  const profile = referenceProfile(question, { answers: [reference], notes: [], fromRelated: false });
  return matchPoints(profile.keyPoints, analyzeText(answer), COVERED, profile).some((match) => match.deniedClaim === true);
};

const sentenceOf = (text: string): SentenceInfo => {
  const [sentence] = analyzeText(text);
  if (sentence === undefined) throw new Error(`no sentence in ${text}`);
  return sentence;
};

/** Whether a denied clause of the answer's sentence denies the reference sentence's claim, as the sentence contradictions read it. */
const denies = (answer: string, reference: string, question: string): boolean => {
  const stated = sentenceOf(reference);
  const terms = (negated: boolean) => new Set(stated.tokens.filter((token) => token.negated === negated && token.term !== '').map((token) => token.term));
  const statement = { affirmedTerms: terms(false), negatedTerms: terms(true), denies: false, subject: sentenceSubject(stated), aside: asideTerms(stated) };
  const questionTerms = new Set(sentenceOf(question).tokens.flatMap((token) => (token.term === '' ? [] : [token.term])));
  return deniedClauses(sentenceOf(answer)).some((clause) => deniesClaim(clause, statement, questionTerms));
};

describe("a denied claim of another subject than the reference statement's contradicts nothing", () => {
  it('reads the other member of the pair a comparison question names as another subject ("hard voting doesn\'t require probabilities")', async () => {
    expect(
      await contradictedIn(
        topics.voting,
        "Soft voting needs models that output meaningful probabilities; hard voting doesn't require models that output probabilities, it works with any classifier.",
      ),
    ).toEqual([]);
    expect(
      await contradictedIn(topics.voting, "Unlike soft voting, hard voting doesn't require models that output meaningful probabilities; it works with any classifier."),
    ).toEqual([]);
    expect(
      await contradictedIn(
        topics.classification,
        "Hard classification doesn't provide probability estimates for each class; it just outputs the predicted label. Soft classification gives probabilities.",
      ),
    ).toEqual([]);
    expect(await contradictedIn(topics.indexing, "Unlike loc, iloc doesn't use label-based indexing; it selects rows and columns by integer position.")).toEqual([]);
    // The same claim denied of the statement's subject is still the contradiction.
    const dot = 'The dot function or at symbol performs matrix multiplication following linear algebra rules, computing dot products of rows and columns.';
    expect(denies("The dot function doesn't give you matrix multiplication of rows and columns.", dot, topics.products.question)).toBe(true);
    expect(denies("The multiply function doesn't give you matrix multiplication of rows and columns.", dot, topics.products.question)).toBe(false);
  });

  it('reads "it" opening a sentence as the previous sentence\'s subject ("Hard classification gives only the label. It doesn\'t let you set…")', async () => {
    expect(
      await contradictedIn(
        topics.classification,
        "Hard classification gives only the label. It doesn't let you set custom decision thresholds or quantify confidence; soft classification does.",
      ),
    ).toEqual([]);
    expect(await contradictedIn(topics.indexing, "iloc is position based, like NumPy. It doesn't use label-based indexing; loc does, selecting by names.")).toEqual([]);
    expect(
      readsDeniedClaim(
        topics.products,
        "multiply is element-wise and keeps the shape. It doesn't perform matrix multiplication or compute dot products of rows and columns; np.dot does that.",
      ),
    ).toBe(false);
  });

  it('reads a subject named without a term ("K-means", "a while loop") as its own', async () => {
    expect(
      await contradictedIn(
        topics.clustering,
        "In hard clustering each point belongs to exactly one cluster, as in K-means. Soft clustering, like a Gaussian mixture, gives each point a probability for every cluster; K-means doesn't give membership probabilities.",
      ),
    ).toEqual([]);
    expect(
      await contradictedIn(topics.clustering, 'K-means assigns each point to exactly one cluster rather than assigning membership probabilities. Gaussian mixture models give soft assignments.'),
    ).toEqual([]);
    expect(
      await contradictedIn(topics.loops, "Unlike a for loop, a while loop doesn't need a predetermined number of iterations; it continues until a condition becomes false."),
    ).toEqual([]);
    expect(
      readsDeniedClaim(
        topics.loops,
        "A for loop iterates over a sequence a known number of times. A while loop doesn't iterate over a sequence for a predetermined number of times; it runs until a condition becomes false.",
      ),
    ).toBe(false);
  });

  it('reads what the reference says in an "Unlike X where…" aside as X\'s ("reinforcement learning doesn\'t provide correct answers")', async () => {
    expect(
      await contradictedIn(
        topics.reinforcement,
        "An agent learns from rewards by trial and error. Supervised learning provides correct answers; reinforcement learning doesn't provide correct answers, the agent has to discover successful strategies.",
      ),
    ).toEqual([]);
  });
});

describe('a reference statement negative by its words is not affirmed by it', () => {
  it('reads "doesn\'t handle elongated shapes" as agreeing with "failing with elongated or irregular shapes"', async () => {
    for (const answer of [
      "K-means can't handle elongated or irregular cluster shapes because it assumes spherical clusters. It isn't robust to outliers, and you have to give K upfront.",
      "It does not work with clusters of very different densities, and it doesn't cope with elongated shapes. Outliers shift the means.",
      "Spherical, equal-size clusters are assumed, so it won't find elongated or irregular shapes. The number of clusters isn't learned; you have to specify K.",
      "It doesn't handle elongated or irregular shapes, it doesn't cope with clusters of very different densities, and outliers distort the centroids. It also does not tell you the right number of clusters.",
    ])
      expect(await contradictedIn(topics.kmeans, answer), answer).toEqual([]);
  });
});

describe('"mainly … rather than" weighs two things and denies neither', () => {
  it('leaves "Boosting … mainly reduces bias rather than variance" right against "reducing both bias and variance"', async () => {
    const bagging = 'Bagging trains independent models in parallel and averages them to reduce variance.';
    expect(await contradictedIn(topics.boosting, `${bagging} Boosting trains models sequentially and mainly reduces bias rather than variance.`)).toEqual([]);
    // Without the hedge, still the denial it was.
    expect(await contradictedIn(topics.boosting, `${bagging} Boosting trains models sequentially and reduces bias rather than variance.`)).not.toEqual([]);
  });
});
