import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import type { RubricId } from '../../../src/contracts/rubric-schema.js';
import type { GradeInput } from '../../../src/grading/grader.js';

/*
 * Inline fixtures. References are copied from data/corpus (ml-interview-preparation-guide.txt sections
 * 3.1–3.3, Q3 and Q301; ml-engineer-interview-notebook.md Q1) so these tests do not depend on the corpus
 * parser; the candidate answers are written for the tests, each with planted variants.
 */

export interface StarFixture {
  readonly name: string;
  readonly question: string;
  readonly reference: string;
  readonly situation: string;
  readonly task: string;
  readonly action: string;
  readonly result: string;
  /** The same story told as what the candidate would do. */
  readonly hypothetical: string;
  /** Replacements that remove every number and date from the complete answer. */
  readonly withoutNumbers: readonly (readonly [string, string])[];
}

export const STAR_FIXTURES: readonly StarFixture[] = [
  {
    name: 'difficult team member',
    question: 'Tell me about a time you had to work with a difficult team member.',
    reference:
      'In my last project, I worked with a data engineer who consistently delivered data late, delaying our modeling work. I needed to address this professionally while maintaining our working relationship and meeting project deadlines. I scheduled a one-on-one conversation to understand his challenges. He was overwhelmed with multiple urgent requests. We collaboratively created a prioritization system and clear timelines. I also adjusted my workflow to start with available data while waiting for remaining datasets. Deliveries improved significantly. We built mutual respect and the project launched on time. I learned the importance of understanding teammates’ perspectives before jumping to conclusions.',
    situation:
      'In my last role at Finlytics, I was the ML engineer on a credit-risk model, and a data engineer on the team kept delivering the feature tables two or three days late, which put the quarterly model refresh behind schedule.',
    task:
      'I was responsible for shipping the refreshed model before the March 31 audit deadline, so I needed to fix the hand-off without damaging the working relationship.',
    action:
      'First, I scheduled a one-on-one with him to understand what was blocking him, because I suspected the delays were not about effort. It turned out he was handling urgent requests from four teams. I proposed a shared priority board to his manager, and I wrote a validation script so he could hand over partial tables early. I also reordered my own work to start feature engineering on the tables that were already available.',
    result:
      'As a result, the tables arrived on time for the next six sprints, the refresh shipped five days before the audit deadline, and late-data incidents dropped from 9 to 1 per quarter. I learned to ask about constraints before assuming someone is the problem.',
    hypothetical:
      'If I had a team member who delivered data late, I would first talk to them to understand what is blocking them. I would try to stay professional and keep a good relationship. I would suggest a shared priority board and I could write a validation script so they can hand over partial tables early. I would also reorder my own work to start with the data that is available. I think this would cut late deliveries by 50% and the project would launch on time. I would learn to ask about constraints before assuming someone is the problem.',
    withoutNumbers: [
      [' two or three days late', ' late'],
      ['the March 31 audit deadline', 'the audit deadline'],
      ['from four teams', 'from other teams'],
      ['for the next six sprints', 'from then on'],
      ['shipped five days before the audit deadline', 'shipped before the audit deadline'],
      ['dropped from 9 to 1 per quarter', 'became rare'],
    ],
  },
  {
    name: 'pressure and deadline',
    question: 'Describe a time you worked under pressure to meet a deadline.',
    reference:
      'During a product launch, our recommendation model showed unexpected behavior in production just days before release. I immediately assembled the team, systematically debugged by checking data pipeline, feature engineering, and model predictions. We discovered a subtle bug in how timestamps were handled across time zones. I coordinated a fix, thorough testing, and a staggered rollout to verify everything worked. The launch succeeded on schedule. This taught me the importance of comprehensive testing and having rollback plans for production systems.',
    situation:
      'During the Black Friday launch at ShopWave last year, the recommendation model started returning stale items in production just three days before release, and the whole marketing campaign depended on it.',
    task: 'As the owner of the ranking service, my goal was to find the cause and ship a fix without delaying the launch deadline.',
    action:
      'I set up an incident channel and split the investigation with two colleagues so that we could check the data pipeline, the features and the model in parallel. I traced the problem to a timezone bug in how event timestamps were bucketed, because all the stale items came from the same six-hour window. I wrote a fix with regression tests, and I rolled it out behind a feature flag to 5% of traffic before the full release.',
    result:
      'The launch went ahead on schedule, click-through on recommendations rose by 12% over the weekend, and there were zero rollbacks. This taught me to keep rollback plans and timezone tests in every pipeline.',
    hypothetical:
      'If the model broke just before a launch, I would stay calm and set up an incident channel. I would split the investigation with colleagues so we could check the data pipeline, the features and the model in parallel. I would probably look for timezone bugs in the timestamps, since those are common. I would write a fix with regression tests and roll it out behind a feature flag to 5% of traffic. Hopefully the launch would go ahead on schedule and click-through would rise by 12%. I would make sure to keep rollback plans in every pipeline.',
    withoutNumbers: [
      [' last year', ''],
      ['just three days before release', 'just before release'],
      ['with two colleagues', 'with colleagues'],
      ['the same six-hour window', 'the same window'],
      ['to 5% of traffic', 'to part of the traffic'],
      ['rose by 12% over the weekend', 'rose noticeably'],
      ['there were zero rollbacks', 'there were no rollbacks'],
    ],
  },
  {
    name: 'project failure',
    question: 'Tell me about a project that failed and what you learned from it.',
    reference:
      'Early in my career, I built a churn prediction model that performed great in validation but failed in production. I was so focused on maximizing accuracy that I overlooked deployment constraints around latency and feature availability. The model relied on features that weren’t available in real-time. This taught me to consider deployment requirements from day one. Now I always involve engineering early in projects and prototype with production-feasible features. My models since then have transitioned to production smoothly.',
    situation:
      'In my previous role at Medisight, I built a churn prediction model for the subscription product that looked great in validation, with an AUC of 0.91, but failed after its launch in 2022.',
    task: 'I was responsible for the model end to end, so I needed to understand why it failed and recover it within the next quarter.',
    action:
      'I compared the training features with what the serving system actually had, and I found that three of the top features were only computed in a nightly batch, so they were missing at prediction time. I rebuilt the model using only real-time features, and I added a feature-availability check to the CI pipeline to catch this before deployment. I also met the platform engineers every week to review new features together.',
    result:
      'The rebuilt model reached an AUC of 0.86 in production and reduced churn among flagged users by 8% within two months. I learned to check deployment constraints on day one.',
    hypothetical:
      'If a model I built failed in production, I would compare the training features with what the serving system has. I would probably find that some features are only computed in a nightly batch. I would rebuild the model with real-time features and I could add a feature-availability check to the CI pipeline. I would also meet the platform engineers every week. The rebuilt model would hopefully reduce churn by 8%. I would learn to check deployment constraints on day one.',
    withoutNumbers: [
      [', with an AUC of 0.91,', ','],
      [' in 2022', ''],
      ['within the next quarter', 'quickly'],
      ['three of the top features', 'some of the top features'],
      ['every week', 'regularly'],
      ['reached an AUC of 0.86 in production', 'held up in production'],
      ['by 8% within two months', 'noticeably'],
      ['on day one', 'early'],
    ],
  },
];

export function completeStar(fixture: StarFixture): string {
  return [fixture.situation, fixture.task, fixture.action, fixture.result].join(' ');
}

export function withoutResult(fixture: StarFixture): string {
  return [fixture.situation, fixture.task, fixture.action].join(' ');
}

/** The candidate's "I" turned into the team's "we" throughout. */
export function toWe(text: string): string {
  return text
    .replace(/\bI was\b/g, 'we were')
    .replace(/\bI\b/g, 'we')
    .replace(/\bmy\b/g, 'our')
    .replace(/\bme\b/g, 'us')
    .replace(/(^|[.!?]\s+)we\b/g, '$1We');
}

export function withoutNumbers(fixture: StarFixture): string {
  let text = completeStar(fixture);
  for (const [from, to] of fixture.withoutNumbers) {
    if (!text.includes(from)) throw new Error(`fixture ${fixture.name}: "${from}" not found`);
    text = text.replace(from, to);
  }
  return text;
}

export function starInput(fixture: StarFixture, answer: string): GradeInput {
  return {
    rubric: 'star',
    question: { id: null, text: fixture.question, kind: 'behavioural', topic: null },
    answer,
    reference: { answers: [fixture.reference], notes: [], fromRelated: false },
  };
}

/** Off-topic answers for any ML question: what an answer about something else scores. */
export const OFF_TOPIC_DICTIONARIES =
  'Python dictionaries store data as key-value pairs, and you can look up a value quickly by its key. In practice I use them to map category names to numeric codes and to keep configuration settings in one place.';
export const OFF_TOPIC_JOINS =
  'A SQL inner join returns only the rows that have matching keys in both tables, while a left join keeps every row of the left table and fills the missing columns with nulls. I usually check the row counts after a join to catch duplicated keys.';

/** A comparison whose two sides a swapped answer exchanges (role-swaps and contradicted-points tests). */
export const PROCESSES_AND_THREADS = {
  question: 'What is the difference between a process and a thread?',
  reference:
    'A process has its own memory space and is isolated from other processes, so a crash in one does not bring down another. ' +
    'Threads share the memory of the process they belong to, so they are cheap to create and can communicate directly, ' +
    'but one thread corrupting memory can crash them all.',
  /** Gives threads what the reference says of processes, and processes what it says of threads. */
  swapped:
    'A thread has its own isolated memory space, so a crash in one does not affect the others, whereas processes share memory and are cheap to create.',
} as const;

/** A reference that denies a misconception (reference-stances and denial-agreement tests). */
export const P_VALUE = {
  question: 'What is a p-value?',
  reference:
    'A p-value is the probability, assuming the null hypothesis is true, of observing a result at least as extreme as the one observed. ' +
    'It is not the probability that the null hypothesis is true, and a small p-value does not measure the size or importance of an effect.',
};

/** A reference with a "Common pitfall:" line (reference-stances and denial-agreement tests). */
export const DROPOUT = {
  question: 'How does dropout work, and why does it reduce overfitting?',
  reference: [
    'Dropout is a regularisation technique: during training each unit is set to zero at random with probability p, so the network cannot rely on any single unit.',
    '',
    '- The surviving activations are scaled by 1/(1 − p) during training, so nothing needs rescaling at inference.',
    '- At inference dropout is switched off and every unit is used.',
    '- Units cannot co-adapt, so each has to learn features that are useful on their own.',
    '',
    '**Common pitfall:** leaving dropout active at evaluation time (forgetting model.eval() in PyTorch), which makes predictions random and lowers accuracy.',
  ].join('\n'),
};

export interface TechnicalFixture {
  readonly name: string;
  readonly question: string;
  readonly reference: string;
  readonly full: string;
  /** Roughly half of the reference's key points, well explained. */
  readonly half: string;
  readonly keywords: string;
  readonly offTopic: string;
}

const BIAS_VARIANCE_NOTEBOOK_ANSWER = `The bias-variance tradeoff is fundamental to understanding model performance and generalization.

**Formal Definition:**
$$\\text{Expected Test Error} = \\text{Bias}^2 + \\text{Variance} + \\text{Irreducible Error}$$

**Components:**

1. **Bias:**
   - Error from wrong assumptions in the learning algorithm
   - High bias → underfitting (model too simple)
   - Example: Using linear regression for non-linear data

2. **Variance:**
   - Error from sensitivity to small fluctuations in training set
   - High variance → overfitting (model too complex)
   - Example: Deep decision tree that memorizes training data

3. **Irreducible Error:**
   - Noise in data that cannot be reduced
   - Due to unknown variables or randomness

**Concrete Example:**

Suppose we're predicting house prices:

- **High Bias Model** (Linear regression with only 1 feature):
  - Predicts: Price = 100,000 + 50 × (square footage)
  - Problem: Ignores location, age, bedrooms → consistently wrong (underfit)
  - Train error: High, Test error: High

- **High Variance Model** (20-degree polynomial with 100 features):
  - Fits every training point perfectly, even outliers
  - Problem: Doesn't generalize → very different on new data (overfit)
  - Train error: Very low, Test error: High

- **Balanced Model** (Regularized regression with 10 relevant features):
  - Captures true relationship without overfitting
  - Train error: Moderate, Test error: Moderate (and similar to train)

**How to Diagnose:**

\`\`\`
High Bias (Underfitting):
  • Train error: High
  • Test error: High
  • Gap: Small
  → Solution: More complex model, more features, less regularization

High Variance (Overfitting):
  • Train error: Low
  • Test error: High
  • Gap: Large
  → Solution: More data, regularization, simpler model, cross-validation
\`\`\`

**Interview Follow-ups:**
- "How do you handle the tradeoff in practice?" → Cross-validation, regularization
- "Can you reduce both?" → No! It's a tradeoff. More data helps reduce both though.
- "Give a real example from your work" → Be ready with a specific case

**Key Insight:** You cannot minimize both bias and variance simultaneously. The art of ML is finding the sweet spot!`;

export const TECHNICAL_FIXTURES: readonly TechnicalFixture[] = [
  {
    name: 'list vs tuple',
    question: 'What is the difference between a list and a tuple in Python?',
    reference:
      'Lists and tuples might look similar, but they have one key difference. Lists are mutable, meaning you can change them after creation by adding, removing, or modifying elements. Tuples are immutable, so once you create them, they cannot be changed. In machine learning, you use lists when you need flexibility, like storing training data that might be updated. Tuples are better for fixed data like image dimensions or coordinates that should never change. Tuples are also slightly faster and use less memory.',
    full:
      'Lists and tuples are both ordered sequences in Python, but the key difference is mutability. A list is mutable: after you create it you can add, remove or modify its elements. A tuple is immutable, so once it is created it cannot be changed. In machine learning you use a list when you need flexibility, for example when you store training data that gets updated. Tuples are better for fixed data such as image dimensions or coordinates that should never change. Tuples are also slightly faster and use less memory, however you lose the ability to update them in place.',
    half:
      'A list is mutable, so after you create it you can add, remove or modify its elements. A tuple is immutable: once it is created it cannot be changed.',
    keywords: 'list, tuple, mutable, immutable, elements, flexibility, training data, image dimensions, coordinates, memory, faster',
    offTopic:
      'Gradient descent minimizes a loss function by repeatedly moving the weights in the direction of the negative gradient. The learning rate controls the step size: if it is too large the optimization diverges, and if it is too small training is slow. Momentum and Adam help it converge faster on noisy surfaces.',
  },
  {
    name: 'bias-variance (notebook markdown)',
    question: 'What is the bias-variance tradeoff? Explain with an example.',
    reference: BIAS_VARIANCE_NOTEBOOK_ANSWER,
    full:
      "The bias-variance tradeoff says that a model's expected test error splits into bias squared, variance and irreducible error. Bias is the error from wrong assumptions in the learning algorithm: a model that is too simple, like linear regression on non-linear data, underfits, so both train and test error are high. Variance is the error from sensitivity to small fluctuations in the training set: a model that is too complex, like a deep decision tree, memorizes the training data and overfits, so the train error is low but the test error is high. Irreducible error is noise in the data that cannot be reduced. For example, when predicting house prices, a linear model with one feature underfits, while a 20-degree polynomial with 100 features fits every training point and does not generalize to new data. You cannot minimize both bias and variance simultaneously; however, regularization, cross-validation and more data help you find the sweet spot. A common mistake is to judge a model on its training error alone.",
    half:
      'Bias is the error from wrong assumptions in the learning algorithm: a model that is too simple, like linear regression on non-linear data, underfits. Variance is the error from sensitivity to small fluctuations in the training set: a model that is too complex, like a deep decision tree, memorizes the training data and overfits.',
    keywords:
      'bias, variance, underfitting, overfitting, irreducible error, noise, regularization, cross-validation, model complexity, train error, test error, house prices, polynomial, sweet spot',
    offTopic: OFF_TOPIC_DICTIONARIES,
  },
  {
    name: 'boosting',
    question: 'What is boosting?',
    reference:
      'Boosting trains models sequentially where each model tries to correct errors made by previous models. Unlike bagging where models train independently, boosting models are interdependent. Early models are simple, and subsequent models focus on examples the ensemble struggles with. Predictions are combined through weighted voting. Boosting reduces both bias and variance, often achieving excellent performance. Popular boosting algorithms include AdaBoost, Gradient Boosting, and XGBoost. Boosting is powerful but requires careful tuning to avoid overfitting.',
    full:
      'Boosting is an ensemble method that trains models sequentially, where each new model tries to correct the errors made by the previous models. Unlike bagging, where the models train independently in parallel, boosting models are interdependent. The early models are simple weak learners, and the subsequent models focus on the examples the ensemble still struggles with. The predictions are combined through weighted voting. Boosting reduces both bias and variance, which is why it often achieves excellent performance on tabular data. Popular boosting algorithms include AdaBoost, Gradient Boosting and XGBoost. However, boosting is sensitive to noise, so it requires careful tuning of the learning rate and the number of models to avoid overfitting.',
    half:
      'Boosting is an ensemble method that trains models sequentially, where each new model tries to correct the errors made by the previous models. The predictions are combined through weighted voting.',
    keywords: 'boosting, sequential models, errors, weak learners, weighted voting, bias, variance, AdaBoost, XGBoost, overfitting, tuning',
    offTopic: OFF_TOPIC_JOINS,
  },
];

/** A technical grading of `answer` to a question with one reference answer. */
export function technicalQuestionInput(question: string, reference: string, answer: string, fromRelated = false): GradeInput {
  return {
    rubric: 'technical',
    question: { id: null, text: question, kind: 'technical', topic: null },
    answer,
    reference: { answers: [reference], notes: [], fromRelated },
  };
}

/** A pasted behavioural question graded with a rubric against the given reference answers. */
export function behaviouralQuestionInput(rubric: RubricId, question: string, answer: string, references: readonly string[] = []): GradeInput {
  return {
    rubric,
    question: { id: null, text: question, kind: 'behavioural', topic: null },
    answer,
    reference: { answers: [...references], notes: [], fromRelated: false },
  };
}

export function technicalInput(fixture: TechnicalFixture, answer: string, fromRelated = false): GradeInput {
  return technicalQuestionInput(fixture.question, fixture.reference, answer, fromRelated);
}

/** The dimension of a grade with this key; a missing one fails the test. */
export function dimensionOf(result: GradeResult, key: string): GradeResult['dimensions'][number] {
  const found = result.dimensions.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no dimension ${key}`);
  return found;
}

/** The score of a grade's dimension with this key; a missing dimension fails the test. */
export function scoreOf(result: GradeResult, key: string): number {
  return dimensionOf(result, key).score;
}
