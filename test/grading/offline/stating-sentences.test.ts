import { describe, expect, it } from 'vitest';
import { readCodeAsWords } from '../../../src/grading/offline/code-words.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { isTermList } from '../../../src/grading/offline/terms.js';
import { dimensionOf as dimension, technicalQuestionInput as input } from './fixtures.js';

/*
 * Correct answers that were read as lists of terms (round 15's tester: 263 correct answers, 20 under 2), each beside
 * the keyword dumps the same rule must still catch. Questions and references are written for these tests; the
 * answers follow the tester's.
 */

const grader = createOfflineGrader();

const METRICS_QUESTION = 'How are precision, recall, specificity and F1 computed from the confusion matrix?';
const METRICS_REFERENCE =
  'All classification metrics derive from the confusion matrix counts: true positives (TP), false positives (FP), false negatives (FN) and true negatives (TN). ' +
  'Precision = TP / (TP + FP) is the share of positive predictions that are right. Recall = TP / (TP + FN) is the share of actual positives found. ' +
  'Specificity = TN / (TN + FP) is the recall of the negative class. F1 = 2 * precision * recall / (precision + recall) is their harmonic mean, useful when classes are imbalanced.';
const CLUSTER_QUESTION = 'What is clustering and where is it used?';
const CLUSTER_REFERENCE =
  'Clustering groups similar data points together without predefined labels. Points in the same cluster are more similar to each other than to points in other clusters. ' +
  'It is used for customer segmentation, document grouping, image compression and anomaly detection. K-means, hierarchical clustering and DBSCAN are common algorithms.';
const BACKPROP_QUESTION = 'Write a two-layer neural network forward and backward pass from scratch.';
const BACKPROP_REFERENCE =
  'The forward pass computes z1 = X W1 + b1, a1 = ReLU(z1), z2 = a1 W2 + b2 and softmax probabilities. The loss is cross-entropy. ' +
  'The backward pass applies the chain rule: dz2 = probs - Y, dW2 = a1^T dz2, da1 = dz2 W2^T, dz1 = da1 * (z1 > 0), dW1 = X^T dz1. ' +
  'Gradient descent updates each weight with W -= lr * dW. Check the gradients numerically on a tiny network.';

/** The sentence as the technical grader reads it, an operator in code with the word it stands for (code-words.ts). */
const firstSentence = (text: string) => {
  const [sentence] = readCodeAsWords(analyzeText(text));
  if (!sentence) throw new Error(`no sentence in ${text}`);
  return sentence;
};

const grade = async (question: string, reference: string, answer: string) => grader.grade(input(question, reference, answer));

describe('equations state what they name', () => {
  it('reads comma-separated equations as statements, not as a list of terms', async () => {
    for (const text of [
      'From TP, FP, FN and TN: precision = TP / (TP + FP), recall = TP / (TP + FN), specificity = TN / (TN + FP), F1 = 2PR / (P + R).',
      'Backward: dZ2 = P - Y, dW2 = A1^T dZ2 / n, dA1 = dZ2 W2^T, dZ1 = dA1 * (Z1 > 0), dW1 = X^T dZ1 / n.',
      'Forward: z1 = X @ W1 + b1, a1 = relu(z1), z2 = a1 @ W2 + b2, probs = softmax(z2).',
      'P(A|B) = P(B|A)P(A)/P(B): posterior = likelihood × prior / evidence.',
    ]) {
      expect(isTermList(firstSentence(text)), text).toBe(false);
    }
    const result = await grade(
      METRICS_QUESTION,
      METRICS_REFERENCE,
      'From TP, FP, FN and TN: precision = TP / (TP + FP), recall = TP / (TP + FN), specificity = TN / (TN + FP), accuracy = (TP + TN) / total, F1 = 2PR / (P + R). ' +
        'Specificity is the recall of the negative class, unlike precision, which is about positive predictions.',
    );
    expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/);
    expect(result.improvements.join(' ')).not.toMatch(/a list shows recall/);
    expect(result.overall).toBeGreaterThanOrEqual(3);
  });

  it('grades a derivation written in equations as the explanation it is', async () => {
    const answer =
      'Forward: z1 = X @ W1 + b1, a1 = relu(z1), z2 = a1 @ W2 + b2, probs = softmax(z2). Loss is mean cross-entropy. ' +
      'Backward: dz2 = (probs - Y) / n, dW2 = a1.T @ dz2, da1 = dz2 @ W2.T, dz1 = da1 * (z1 > 0), dW1 = X.T @ dz1. ' +
      'Update W -= lr * dW. Check with a numerical gradient on a tiny network.';
    const result = await grade(BACKPROP_QUESTION, BACKPROP_REFERENCE, answer);
    expect(result.improvements.join(' ')).not.toMatch(/a list shows recall/);
    expect(result.overall).toBeGreaterThanOrEqual(3);
  });

  it('reads words joined by "=" or "+" as a list of terms, scored at most 2', async () => {
    for (const [question, reference, answer] of [
      [METRICS_QUESTION, METRICS_REFERENCE, 'precision = positive predictions, recall = actual positives, specificity = negative class, F1 = harmonic mean'],
      [METRICS_QUESTION, METRICS_REFERENCE, 'confusion matrix = TP + FP + FN + TN, precision + recall = F1, specificity, harmonic mean, imbalance'],
      [BACKPROP_QUESTION, BACKPROP_REFERENCE, 'forward pass = ReLU + softmax, backward pass = chain rule + gradients, update = learning rate + weights'],
      [CLUSTER_QUESTION, CLUSTER_REFERENCE, 'clustering = similarity * grouping, segmentation = customers / clusters, anomaly = distance * outliers'],
    ] as const) {
      expect((await grade(question, reference, answer)).overall, answer).toBeLessThanOrEqual(2);
    }
  });
});

describe('clauses cut by commas are sentences', () => {
  it('still reads a symbol given its meaning, and words either side of a dash, as they were read', () => {
    expect(isTermList(firstSentence('TP = True Positives (correctly predicted positive)'))).toBe(false);
    expect(isTermList(firstSentence('Inheritance - cuts redundancy by reusing earlier classes.'))).toBe(false);
  });

  it('reads a sentence whose comma-separated pieces are clauses as sentences, not as a list', () => {
    expect(isTermList(firstSentence('np.split(x, k) needs equal parts, np.array_split allows unequal ones, and indices give split points.'))).toBe(false);
    expect(isTermList(firstSentence('Initialise w and b at zero, then repeat: predictions y_hat = X @ w + b, and updates w -= lr * dw.'))).toBe(false);
  });

  it('reads a clause with a phrase set off by one comma as a sentence: a list names three things or more', () => {
    expect(isTermList(firstSentence('Unlike classification, clustering needs no labels.'))).toBe(false);
  });

  it('reads a clause followed by the examples it leads to as a sentence', async () => {
    const sentence = 'Clustering groups similar unlabelled points, for customer segmentation, document grouping, image compression and anomaly detection.';
    expect(isTermList(firstSentence(sentence))).toBe(false);
    const result = await grade(CLUSTER_QUESTION, CLUSTER_REFERENCE, `${sentence} Unlike classification, clustering needs no labels.`);
    expect(dimension(result, 'clarity').rationale).not.toMatch(/list of keywords/);
    expect(result.overall).toBeGreaterThanOrEqual(3);
  });
});

describe('verb phrases the tagger reads as nouns', () => {
  it('reads verb phrases sharing one subject as a sentence when the last is joined by "or" and a verb', () => {
    // "show" and "display" are tagged as nouns here; "or identify" says what the pieces before it are.
    const sentence =
      'In machine learning, scatter plots visualize feature relationships, show actual versus predicted values to assess model accuracy, display dimensionality reduction results like PCA, or identify outliers as points far from clusters.';
    expect(isTermList(firstSentence(sentence))).toBe(false);
    expect(isTermList(firstSentence('Scatter plots visualize relationships, show the correlation, display clusters of points, or identify outliers.'))).toBe(false);
  });

  it('reads a participle closing a clause as what the clause does', () => {
    expect(isTermList(firstSentence('Color and size parameters add additional dimensions, encoding class labels or confidence scores.'))).toBe(false);
    expect(isTermList(firstSentence('During model development, intentionally limiting depth creates interpretable trees, balancing performance against understandability.'))).toBe(
      false,
    );
  });

  it('still reads terms between a clause and a closing verb phrase as a list', () => {
    expect(isTermList(firstSentence('Gradient descent uses loss, learning rate, gradient steps, weight updates, or compute gradients.'))).toBe(true);
    expect(isTermList(firstSentence('Scatter plots show correlation, clustering, outliers, or identify patterns.'))).toBe(true);
    expect(isTermList(firstSentence('Bagging trains trees, bootstrap samples, variance reduction, averaging predictions.'))).toBe(true);
  });
});

describe('keyword lists stay keyword lists', () => {
  it.each([
    ['TP, FP, FN, TN, precision, recall, specificity, F1, harmonic mean, imbalanced classes', METRICS_QUESTION, METRICS_REFERENCE],
    ['precision = recall = F1 = specificity', METRICS_QUESTION, METRICS_REFERENCE],
    ['precision = TP, recall = FN, specificity = TN, F1 = harmonic', METRICS_QUESTION, METRICS_REFERENCE],
    ['precision/recall/F1/specificity/TP/FP/FN/TN/confusion matrix', METRICS_QUESTION, METRICS_REFERENCE],
    ['precision_score(), recall_score(), f1_score(), confusion_matrix(), classification_report()', METRICS_QUESTION, METRICS_REFERENCE],
    ['Metrics: precision, recall, specificity, F1. That is all.', METRICS_QUESTION, METRICS_REFERENCE],
    ['Precision uses TP, FP, FN, TN, recall, specificity, F1, harmonic mean', METRICS_QUESTION, METRICS_REFERENCE],
    ['clustering, similar points, no labels, customer segmentation, document grouping, image compression, anomaly detection, K-means, DBSCAN', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering: similar points, unlabelled data, segmentation, grouping, compression and anomaly detection.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['clustering = grouping = segmentation = unsupervised', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['KMeans(), DBSCAN(), AgglomerativeClustering(), fit_predict(), silhouette_score()', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering, for segmentation, grouping, compression, anomalies.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Unlike classification, no labels, segmentation, grouping, compression.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering groups points, K-means, DBSCAN, hierarchical, silhouette, elbow, segmentation, anomalies', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering needs no labels, segmentation, grouping, compression, anomaly detection, K-means, DBSCAN', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    // A verb's own preposition leads no examples, and a clause leads at most a handful of them.
    ['Clustering works with similar points, unlabelled data, segmentation, grouping and anomaly detection.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering relies on distances, centroids, K-means, DBSCAN, silhouette scores or elbows.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering groups similar points, for segmentation, grouping, compression, anomalies, K-means, DBSCAN, silhouette, elbows and labels.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering computes groups for centroids, distances, K-means, DBSCAN and silhouette scores.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering uses concepts like centroids, distances, K-means, DBSCAN and silhouette scores.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['Clustering finds groups, for centroids, distances, K-means, DBSCAN and silhouette scores.', CLUSTER_QUESTION, CLUSTER_REFERENCE],
    ['forward, backward, ReLU, softmax, cross-entropy, chain rule, gradient descent, learning rate, W1, W2, b1, b2', BACKPROP_QUESTION, BACKPROP_REFERENCE],
    ['z1 = forward, a1 = ReLU, z2 = softmax, loss = cross-entropy, dW = chain rule, W = gradient descent', BACKPROP_QUESTION, BACKPROP_REFERENCE],
    ['np.dot, np.maximum, np.exp, np.sum, np.log, X.T, W1, W2, b1, b2, lr', BACKPROP_QUESTION, BACKPROP_REFERENCE],
    ['forward = backward = chain rule = gradient', BACKPROP_QUESTION, BACKPROP_REFERENCE],
    ['relu(), softmax(), cross_entropy(), backward(), step(), zero_grad()', BACKPROP_QUESTION, BACKPROP_REFERENCE],
    ['Forward: z1, a1, z2, softmax. Backward: dz2, dW2, da1, dz1, dW1. Update: W, lr, dW.', BACKPROP_QUESTION, BACKPROP_REFERENCE],
    ['Backprop computes gradients, chain rule, ReLU, softmax, cross-entropy, learning rate, W1, W2', BACKPROP_QUESTION, BACKPROP_REFERENCE],
  ])('scores a keyword list at most 2: %s', async (answer, question, reference) => {
    expect((await grade(question, reference, answer)).overall).toBeLessThanOrEqual(2);
  });
});
