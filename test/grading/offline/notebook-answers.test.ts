import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import type { GradeInput } from '../../../src/grading/grader.js';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { extractKeyPoints } from '../../../src/grading/offline/key-points.js';
import { markdownStatements } from '../../../src/grading/offline/markdown.js';
import { analyzeText } from '../../../src/grading/offline/nlp.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { referenceProfile, relevanceOf } from '../../../src/grading/offline/reference-profile.js';
import { termCounts } from '../../../src/grading/offline/terms.js';
import { OFF_TOPIC_DICTIONARIES, OFF_TOPIC_JOINS, scoreOf as score, STAR_FIXTURES, technicalQuestionInput } from './fixtures.js';

/*
 * The notebook's long markdown model answers, read from the corpus as they are (raw slice between two
 * "## Q" headings, so "Expected Level", tables, code, follow-ups and mistakes are all there), with
 * realistic candidate answers.
 */
const NOTEBOOK = readFileSync(fileURLToPath(new URL('../../../data/corpus/ml-engineer-interview-notebook.md', import.meta.url)), 'utf8');

interface NotebookQuestion {
  readonly question: string;
  readonly reference: string;
}

function notebookQuestion(heading: string, nextHeading: string): NotebookQuestion {
  const start = NOTEBOOK.indexOf(heading);
  const end = NOTEBOOK.indexOf(nextHeading, start + heading.length);
  if (start === -1 || end === -1) throw new Error(`notebook: ${heading} … ${nextHeading} not found`);
  const section = NOTEBOOK.slice(start, end);
  const lineEnd = section.indexOf('\n');
  return { question: section.slice(heading.length, lineEnd).trim(), reference: section.slice(lineEnd + 1).trim() };
}

interface Candidate {
  readonly name: string;
  readonly notebook: NotebookQuestion;
  readonly good: string;
  /** The first sentence of the good answer only. */
  readonly half: string;
  readonly keywords: string;
  readonly offTopic: string;
}

const BIAS_VARIANCE_GOOD =
  'Bias is error from overly simple assumptions, so the model underfits; variance is error from sensitivity to the particular training set, so it overfits. As you increase model complexity, bias goes down and variance goes up, so total error is U-shaped. For example a linear model on a curved relationship has high bias, while a deep decision tree has high variance. In practice I use cross-validation to pick complexity and regularization to reduce variance.';

const OVERFITTING_GOOD =
  'Overfitting is when a model learns the training data too well, including its noise, so it generalizes poorly to new data. You detect it when the training loss keeps falling while the validation loss rises, or when there is a big gap between train and test accuracy, and cross-validation scores vary a lot across folds. To prevent it, get more data or use augmentation, add L1 or L2 regularization or dropout, simplify the model, for example limit tree depth, and use early stopping on the validation loss. Ensembles like random forests also reduce variance.';

const firstSentence = (text: string): string => text.slice(0, text.indexOf('. ') + 1);

const CANDIDATES: readonly Candidate[] = [
  {
    name: 'Q1 bias-variance',
    notebook: notebookQuestion('## Q1:', '## Q2:'),
    good: BIAS_VARIANCE_GOOD,
    half: firstSentence(BIAS_VARIANCE_GOOD),
    keywords: 'bias, variance, underfitting, overfitting, irreducible error, regularization, cross-validation, model complexity, sweet spot',
    offTopic: OFF_TOPIC_DICTIONARIES,
  },
  {
    name: 'Q2 overfitting',
    notebook: notebookQuestion('## Q2:', '## Q3:'),
    good: OVERFITTING_GOOD,
    half: firstSentence(OVERFITTING_GOOD),
    keywords: 'overfitting, noise, validation loss, learning curves, regularization, L1, L2, dropout, early stopping, more data, cross-validation, ensembles',
    offTopic: OFF_TOPIC_JOINS,
  },
];

const grader = createOfflineGrader();

const input = (candidate: Candidate, answer: string): GradeInput => technicalQuestionInput(candidate.notebook.question, candidate.notebook.reference, answer);

/** Markdown, arrows, table cells, generic block labels: none of it belongs in a label shown to a candidate. */
const UNCLEAN_LABEL = /[*`$|#→←⇒]|->|^(?:Problem|Solution|Example|Note|Key Insight|Definition|Interpretation)\s*:|^["“]|["”]$/;
/** Lines of tables, code, diagnostics, follow-up questions, mistakes and the generic intro. */
const NOT_A_POINT = /Train error|Test error|Gap:|print\(|max_depth=|How do you handle|Be ready with|Give a real example|Don't say|Always mention|fundamental to understanding|Expected Level|Junior/;

describe.each(CANDIDATES)('notebook markdown answer: $name', (candidate) => {
  const { question, reference } = candidate.notebook;

  it('keeps five to eight clean, readable key points from the condensed parts of the answer', () => {
    const profile = referenceProfile(question, { answers: [reference], notes: [], fromRelated: false });
    const labels = profile.keyPoints.map((point) => point.label);
    expect(labels.length).toBeGreaterThanOrEqual(5);
    expect(labels.length).toBeLessThanOrEqual(8);
    for (const label of labels) {
      expect(label, label).not.toMatch(UNCLEAN_LABEL);
      expect(label, label).not.toMatch(NOT_A_POINT);
      expect(label.length, label).toBeLessThanOrEqual(121);
      expect(label.length, label).toBeGreaterThan(10);
    }
  });

  it('scores the good answer at least 3.8 overall with coverage of at least 4', async () => {
    const result = await grader.grade(input(candidate, candidate.good));
    expect(score(result, 'coverage')).toBeGreaterThanOrEqual(4);
    expect(result.overall).toBeGreaterThanOrEqual(3.8);
  });

  it('gives the half answer clearly lower coverage and lists what it missed', async () => {
    const good = await grader.grade(input(candidate, candidate.good));
    const half = await grader.grade(input(candidate, candidate.half));
    expect(score(half, 'coverage')).toBeLessThan(score(good, 'coverage'));
    // The half answer is the good one's first sentence, right as far as it goes: it loses on what it leaves
    // out (coverage, depth), not on correctness, so the gap is smaller than when correctness followed length.
    expect(score(half, 'depth')).toBeLessThan(score(good, 'depth'));
    expect(half.overall).toBeLessThan(good.overall - 0.4);
    expect(half.missingPoints.length).toBeGreaterThanOrEqual(good.missingPoints.length + 2);
    expect(half.improvements.some((text) => text.includes('missed key point'))).toBe(true);
  });

  it('scores a keyword list at most 2 overall, and gives no coverage for one appended to the half answer', async () => {
    const keywords = await grader.grade(input(candidate, candidate.keywords));
    expect(keywords.overall).toBeLessThanOrEqual(2);
    const half = await grader.grade(input(candidate, candidate.half));
    const stuffed = await grader.grade(input(candidate, `${candidate.half}\n${candidate.keywords}`));
    expect(score(stuffed, 'coverage')).toBeLessThanOrEqual(score(half, 'coverage'));
    expect(stuffed.missingPoints).toEqual(half.missingPoints);
  });

  it('scores an off-topic answer at most 2 overall, with no key point covered', async () => {
    // 1.2 when the off-topic rule fires; the fitted estimate of the Python-dictionaries answer to the bias-variance
    // question sits at that rule's line (0.352 against 0.35 with tm-8f8bde125e7f) and then scores 1.8.
    const result = await grader.grade(input(candidate, candidate.offTopic));
    expect(result.overall).toBeLessThanOrEqual(2);
    expect((result.coverage ?? []).filter((entry) => entry.status === 'covered')).toEqual([]);
  });
});

describe('notebook Q1 key points', () => {
  const [bias] = CANDIDATES;
  if (!bias) throw new Error('no Q1 candidate');
  const { question, reference } = bias.notebook;
  const points = referenceProfile(question, { answers: [reference], notes: [], fromRelated: false }).keyPoints;

  it('keeps the definitions and the key insight, not the intro, the example table rows or the follow-ups', () => {
    const labels = points.map((point) => point.label);
    expect(labels.some((label) => label.includes('wrong assumptions'))).toBe(true);
    expect(labels.some((label) => label.includes('sensitivity to small fluctuations'))).toBe(true);
    expect(labels).toContain('You cannot minimize both bias and variance simultaneously.');
  });

  it('credits a paraphrase: "underfits" and "too simple" for "high bias → underfitting"', async () => {
    const result = await grader.grade(input(bias, bias.good));
    expect(result.missingPoints.some((label) => label.includes('wrong assumptions'))).toBe(false);
    expect(result.missingPoints.some((label) => label.includes('minimize both bias and variance'))).toBe(false);
  });

  it('does not count the question\'s own words as covering a point', async () => {
    const result = await grader.grade(input(bias, 'The bias-variance tradeoff is about bias and variance. Bias and variance trade off against each other.'));
    expect(score(result, 'coverage')).toBeLessThanOrEqual(2);
  });
});

describe('markdown structure', () => {
  it('reads blocks, subject labels and list items, and leaves out tables, code and formulas', () => {
    const statements = markdownStatements(
      [
        '**Components:**',
        '1. **Bias:**',
        '   - Error from wrong assumptions',
        '   - **High bias:** underfitting',
        '| Aspect | Tree |',
        '|--------|------|',
        '```python',
        'model.fit(X, y)',
        '```',
        '$$E = b^2 + v$$',
        '**Key Insight:** You cannot minimize both.',
      ].join('\n'),
    );
    expect(statements.map(({ text, sections, kind }) => ({ text, sections, kind }))).toEqual([
      { text: 'Error from wrong assumptions', sections: ['Components', 'Bias'], kind: 'item' },
      { text: 'High bias: underfitting', sections: ['Components', 'Bias'], kind: 'item' },
      { text: 'You cannot minimize both.', sections: ['Key Insight'], kind: 'prose' },
    ]);
  });

  it('prefers the answer template and skips follow-ups, mistakes and generic intros', () => {
    const points = extractKeyPoints(
      [
        [
          'Dropout is fundamental to understanding deep learning.',
          '**Definition:**',
          'Dropout randomly zeroes activations during training so that units cannot co-adapt.',
          '**Interview Follow-ups:**',
          '- "Why not at inference?" → Scale the weights instead',
          '**Common Mistake:**',
          'Forgetting to switch the model to evaluation mode before predicting on new data.',
          '**Interview Answer Template:**',
          '"Dropout is a regularizer that randomly drops units while training. It reduces overfitting by preventing co-adaptation. At inference all units are kept and activations are scaled."',
        ].join('\n'),
      ],
      new Set(),
    );
    const labels = points.map((point) => point.label);
    expect(labels).toContain('Dropout is a regularizer that randomly drops units while training.');
    expect(labels).toContain('It reduces overfitting by preventing co-adaptation.');
    expect(labels.join(' ')).not.toMatch(/fundamental|inference\?|evaluation mode/);
  });
});

describe('related terms', () => {
  const termsOf = (text: string): string[] => [...termCounts(analyzeText(text)).keys()];

  it('gives paraphrases of a core ML concept one matching key', () => {
    const [underfits] = termsOf('The model underfits.').filter((term) => term.startsWith('~'));
    expect(underfits).toBeDefined();
    expect(termsOf('It has high bias.')).toContain(underfits);
    expect(termsOf('The model is too simple.')).toContain(underfits);
    expect(termsOf('L2 penalty')).toEqual(termsOf('regularization'));
    expect(termsOf('It memorizes the training set.')).toEqual(expect.arrayContaining(termsOf('overfitting')));
  });

  it('lets "teammate" answer a question about a "team member" (STAR relevance)', () => {
    const fixture = STAR_FIXTURES.find((candidate) => candidate.question.includes('team member'));
    if (!fixture) throw new Error('no team member fixture');
    const profile = referenceProfile(fixture.question, { answers: [fixture.reference], notes: [], fromRelated: false });
    const answer = readAnswer('At my last job a difficult teammate kept missing hand-offs, so I set up a weekly sync with him.');
    expect(relevanceOf(termCounts(answer.sentences), profile, 0.3).questionCoverage).toBe(1);
  });
});

describe('points of a structured answer named by their subject', () => {
  const overfitting = CANDIDATES[1];
  if (!overfitting) throw new Error('the overfitting candidate is missing');
  // Names each prevention method in a list, without the notebook's details of each.
  const answer =
    'Overfitting is when the model memorises the training data, noise included, so it does great on training but badly on new data. ' +
    'You detect it by comparing training and validation error: a big gap means overfitting. ' +
    'To prevent it: get more data, regularise with L1/L2 or dropout, simplify the model, use early stopping, and cross-validate.';
  const entry = (result: GradeResult, label: string) => result.coverage?.find((point) => point.point.startsWith(label));

  it('makes a block\'s point in part when the answer names its subject ("simplify the model")', async () => {
    const result = await grader.grade(input(overfitting, answer));
    expect(entry(result, 'Simplify Model')?.status).toBe('partial');
    expect(entry(result, 'Simplify Model')?.quote).toContain('simplify the model');
    expect(result.missingPoints.some((label) => label.startsWith('Simplify Model'))).toBe(false);
  });

  it("quotes the answer's sentence that names a covered point's subject, not another that shares its words", async () => {
    const result = await grader.grade(input(overfitting, answer));
    expect(entry(result, 'Early Stopping')?.status).toBe('covered');
    expect(entry(result, 'Early Stopping')?.quote).toContain('use early stopping');
  });

  it('leaves a point missed when the answer never names its subject', async () => {
    const result = await grader.grade(input(overfitting, answer));
    expect(entry(result, 'Visual Inspection')?.status).toBe('missed');
  });
});

describe('what naming a subject does not earn', () => {
  // Structured like the curated model answers; written for these tests.
  const kmeans = [
    'K-means splits data into k clusters by distance.',
    '',
    '**Algorithm:**',
    '- Pick k centroids at random, assign each point to its nearest centroid, move each centroid to the mean of its points, and repeat until no point changes cluster.',
    '',
    '**Choosing k:**',
    '- Plot the inertia against k and pick the elbow, or maximise the silhouette score.',
  ].join('\n');
  const monitoring = [
    'Monitoring a model in production watches its inputs, its outputs and, once labels arrive, its quality.',
    '',
    '**Input checks:** schema and validity checks on the inputs: missing values, out-of-range values, unseen categories.',
    '',
    '**Drift:** compare recent feature distributions with the training data using PSI or a KS test.',
    '',
    '**Alerting and response:** thresholds or anomaly detection on these signals, dashboards per segment, runbooks, and a rollback path to the previous model.',
  ].join('\n');
  const grade = (question: string, reference: string, answer: string) =>
    grader.grade(technicalQuestionInput(question, reference, answer));

  it('no part of a point for a one-word heading the answer happens to say ("Algorithm")', async () => {
    const result = await grade('How does K-means work?', kmeans, 'K-means is a clustering algorithm.');
    expect(result.coverage?.find((entry) => entry.point.startsWith('Algorithm'))?.status).toBe('missed');
  });

  it('no credit for correctness from a point partly made only by naming its heading', async () => {
    const result = await grade('How would you monitor a model in production?', monitoring, 'You need alerting and response for your model.');
    expect(result.coverage?.find((entry) => entry.point.startsWith('Alerting and response'))?.status).toBe('partial');
    expect(result.dimensions.find((dimension) => dimension.key === 'correctness')?.score).toBeLessThanOrEqual(2);
  });

  it('no part of a point whose heading a sentence names to dismiss it', async () => {
    const result = await grade(
      'How would you monitor a model in production?',
      monitoring,
      'Alerting and response is not needed in production because models never degrade; input checks are useless.',
    );
    expect(result.coverage?.find((entry) => entry.point.startsWith('Alerting and response'))?.status).toBe('missed');
  });

  it('no part of a point whose heading the answer names only to deny it', async () => {
    const result = await grade('How would you monitor a model in production?', monitoring, "You don't need alerting and response; just retrain the model every week.");
    expect(result.coverage?.find((entry) => entry.point.startsWith('Alerting and response'))?.status).toBe('missed');
  });
});
