import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot } from '../../../src/config.js';
import { RubricIdSchema } from '../../../src/contracts/rubric-schema.js';
import { gradeOffline } from '../../../src/grading/offline/offline-grader.js';
import { loadLabelledSet } from '../../../src/eval/labelled-set.js';
import { behaviouralQuestionInput as behaviouralInput, dimensionOf } from './fixtures.js';

/*
 * Grader 2026.11.19: an answer about something else scores low whatever its structure; an approach answer whose
 * evaluation says nothing (accuracy alone, resampling before the split) is no sound method; "I need to understand the
 * role first" is no demand; a dimension the calibration raised is not explained by the rules' lower reading. Each
 * rule is tested on what it catches and on correct answers it must leave alone (a warning, a condition, a contrast).
 * The answers are written for these tests; the references are the labelled set's.
 */

const TRENDS = { question: "Which current trends in machine learning do you follow, and why do they matter?", reference: "Two I follow closely. First, evaluation of LLM-based systems: with models this general, offline benchmarks say little about your task, so teams are building task-specific test sets and using models as judges, which is powerful and easy to fool; I've been building a labelled set for our own extraction feature. Second, small and quantised models: distilled and 4-bit models now run on a single GPU or a laptop, which changes the cost and privacy trade-off for a lot of products; we moved one classifier in-house from an API and cut cost by 80%. I read the papers behind these when a technique looks applicable and try it on a small internal problem." };
const MEASURE = { question: "How Do You Measure the Success of a Machine Learning Model?", reference: "I measure the success of a machine learning model using several key metrics depending on the task, such as accuracy, precision, recall, F1-score, AUC-ROC for classification tasks, and RMSE, MAE for regression tasks. I also consider the model’s ability to generalize to unseen data, its robustness, and interpretability. Beyond technical metrics, I evaluate how well the model meets business objectives and its real-world impact, ensuring that it provides valuable insights and solutions." };
const IMBALANCE = { question: "How do you handle data imbalance in classification problems?", reference: "For a medical diagnosis problem with 95% negative and 5% positive cases, I addressed imbalance through multiple strategies. I used stratified sampling to maintain class ratios in validation sets. I experimented with oversampling the minority class using SMOTE and undersampling the majority class. I adjusted class weights in the loss function to penalize minority class errors more. I used appropriate metrics like F1-score and AUC rather than accuracy. The combination of these techniques improved minority class recall significantly while maintaining precision." };
const SALARY = 'What are your salary expectations?';

const graded = (rubric: Parameters<typeof behaviouralInput>[0], item: { question: string; reference: string }, answer: string) =>
  gradeOffline(behaviouralInput(rubric, item.question, answer, [item.reference]));

describe('an answer that misses what the question asks about', () => {
  it('holds a success story given for "a project that failed" off the topic, and leaves a failure told in its own words, or opened "I\'m not proud of this one", on it', () => {
    const question = 'Tell me about a project that failed. What did you learn from it?';
    const reference = "Early in my career, I built a churn prediction model that performed great in validation but failed in production. I was so focused on maximizing accuracy that I overlooked deployment constraints around latency and feature availability. The model relied on features that weren\u2019t available in real-time. This taught me to consider deployment requirements from day one. Now I always involve engineering early in projects and prototype with production-feasible features. My models since then have transitioned to production smoothly.";
    const proudest = gradeOffline(
      behaviouralInput('star', question, "The project I'm proudest of is our recommendation engine: I designed the candidate generation, we launched it in three months, and click-through rose 12% in the first quarter. It was a great success and the team was praised by leadership.", [reference]),
    );
    expect(proudest.overall).toBeLessThan(2.5);
    const failure = "At my last company I spent four months building a demand forecast for our forty stores, and the store planners simply didn't use it: they kept ordering from their own spreadsheets. I had tuned the model in isolation and had not sat down with a single planner to see how they made decisions. Since then I start every project by shadowing the people who will use it; on the next one, a markdown pricing tool, I spent the first week with two planners, and that tool is used daily by all forty stores.";
    for (const story of [failure, `I'm not proud of this one. ${failure}`]) {
      const result = gradeOffline(behaviouralInput('star', question, story, [reference]));
      expect(result.overall, story.slice(0, 30)).toBeGreaterThanOrEqual(3.5);
      expect(dimensionOf(result, 'relevance').score).toBeGreaterThanOrEqual(2);
      expect(dimensionOf(result, 'action').rationale).not.toMatch(/does not address this question/);
    }
  });

  it('leaves an answer that names the trends it follows, without the word "trend", on the topic', () => {
    const result = graded('opinion', TRENDS, "Retrieval-augmented generation matters most to me: our support assistant grounds an LLM in our own documents, which cut wrong answers by a third. I also follow small open models, because running them on our own hardware keeps customer data in house, though they still trail the large ones on reasoning.");
    expect(dimensionOf(result, 'relevance').score).toBeGreaterThanOrEqual(4);
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('holds a technical explanation given for "a conflict with a colleague" low, and leaves a disagreement story alone', () => {
    const question = 'Tell me about a time you had a conflict with a colleague.';
    const reference = "In my last project, I worked with a data engineer who consistently delivered data late, delaying our modeling work. I needed to address this professionally while maintaining our working relationship and meeting project deadlines. I scheduled a one-on-one conversation to understand his challenges. He was overwhelmed with multiple urgent requests. We collaboratively created a prioritization system and clear timelines. I also adjusted my workflow to start with available data while waiting for remaining datasets. Deliveries improved significantly. We built mutual respect and the project launched on time. I learned the importance of understanding teammates’ perspectives before jumping to conclusions.";
    const explanation = gradeOffline(behaviouralInput('star', question, "Gradient boosting builds an ensemble of shallow trees, each fitted to the residual errors of the ones before it. The learning rate shrinks each tree's contribution, so more trees with a smaller rate usually generalise better, and early stopping on a validation set picks how many to keep.", [reference]));
    const story = gradeOffline(behaviouralInput('star', question, "Our product manager wanted to ship the churn model a week early, and I disagreed because its recall on new customers was 0.41. I showed her the per-segment results, and we agreed to launch for existing customers first while I retrained on the new ones. The staged launch went out on time, and recall on new customers reached 0.63 two weeks later.", [reference]));
    expect(explanation.overall).toBeLessThan(2);
    expect(story.overall).toBeGreaterThanOrEqual(4);
  });
});

describe('an evaluation that says nothing, in an approach answer', () => {
  it('caps the method of an answer that judges a model by accuracy alone, and says what to measure instead', () => {
    const result = graded('approach', MEASURE, "I mostly look at accuracy on a held-out set and aim for 90%, because everybody understands it. I also compare training and test accuracy so that I notice overfitting.");
    expect(dimensionOf(result, 'method').score).toBe(2);
    expect(dimensionOf(result, 'method').rationale).toMatch(/Accuracy alone/);
    expect(result.improvements.join('\n')).toMatch(/precision and recall/);
  });

  it('leaves an answer that calls accuracy misleading and names what it uses alone', () => {
    const result = graded('approach', MEASURE, "Accuracy alone is misleading when classes are skewed, so I agree on the business goal first, then pick metrics that reflect it: precision and recall at the operating threshold, PR-AUC, and the cost of each kind of error. On our fraud model, recall at 1% false positives rose from 62% to 71%.");
    expect(dimensionOf(result, 'method').score).toBeGreaterThanOrEqual(4);
    expect(dimensionOf(result, 'method').rationale).not.toMatch(/Accuracy alone/);
  });

  it('caps the method of an answer that resamples the whole set before the split and balances the test set', () => {
    const result = graded('approach', IMBALANCE, "I balance everything up front: I run SMOTE on the whole dataset before I split it, so both the training set and the test set are 50/50, and I check precision and recall on that test set. It has always improved the metrics on our fraud work.");
    expect(dimensionOf(result, 'method').score).toBe(2);
    expect(dimensionOf(result, 'method').rationale).toMatch(/resamples before the split/);
    expect(result.improvements.join('\n')).toMatch(/split first/);
  });

  it('leaves a warning phrased as a condition ("If you resample before the split…") and "never balance it" alone', () => {
    for (const answer of ["If you resample before the split, the test set leaks synthetic copies of training points, so I split first, then apply SMOTE only inside the training folds of cross-validation, never to the test set. I always check precision, recall and PR-AUC on the untouched test set, and compare against class weights. On a churn project that kept our reported recall honest at 0.58.", "Never tune on the test set, and never balance it: I split first, try class weights before resampling, and pick the threshold on validation data by the cost of errors. Accuracy is not enough there, so I report recall and PR-AUC."]) {
      const result = graded('approach', IMBALANCE, answer);
      expect(dimensionOf(result, 'method').score, answer).toBeGreaterThanOrEqual(4);
      expect(result.overall, answer).toBeGreaterThanOrEqual(3.8);
    }
  });
});

describe('"I need" in a salary answer', () => {
  it('reads "I need to understand the role first" as no demand: a researched, open range stays flexible and professional', () => {
    const result = gradeOffline(behaviouralInput('compensation', SALARY, "I need to understand the role first, then I can talk numbers. Based on my research for this level in Berlin, something between 85 and 95 thousand euros seems fair, and I'm flexible on the package."));
    expect(dimensionOf(result, 'flexibility').score).toBeGreaterThanOrEqual(4);
    expect(dimensionOf(result, 'professionalism').score).toBeGreaterThanOrEqual(4);
    expect(result.improvements.join('\n')).not.toMatch(/ultimatum/);
  });

  it('still reads "I need 120k" and "I need an answer by Friday" as demands', () => {
    for (const answer of ['I need 120k. That is my number.', 'My range is 120 to 130k. I need an answer by Friday, and it has to be the base salary.']) {
      const result = gradeOffline(behaviouralInput('compensation', SALARY, answer));
      expect(dimensionOf(result, 'flexibility').score, answer).toBeLessThanOrEqual(2);
    }
  });
});

describe('a dimension the calibration raised', () => {
  it('says the raise first and names the rules\' reading of the lower score as the measure alone, on any labelled answer', () => {
    const set = loadLabelledSet(path.join(projectRoot, 'data', 'eval', 'behavioural.json'));
    const notes = z
      .record(z.string(), z.object({ type: z.string() }))
      .parse(JSON.parse(readFileSync(path.join(projectRoot, 'data', 'eval', 'notes', 'behavioural-kinds.json'), 'utf8')));
    let raised = 0;
    for (const item of set.items) {
      const type = notes[item.id]?.type;
      const rubric = RubricIdSchema.parse(type === 'story' ? 'star' : type);
      for (const answer of item.answers) {
        const result = gradeOffline(behaviouralInput(rubric, item.question, answer.text, [item.reference]));
        for (const dimension of result.dimensions) {
          if (!/Raised from/.test(dimension.rationale)) continue;
          raised += 1;
          expect(dimension.rationale, dimension.rationale).toMatch(new RegExp(`^Raised from [1-4] to ${dimension.score}: the answer as a whole reads stronger`));
          expect(dimension.rationale).toMatch(/\. This measure alone found: [a-z"0-9]/);
        }
      }
    }
    expect(raised).toBeGreaterThan(20);
  });

  it('does not explain a raised Action by "Only one action of yours is described": the raise comes first', () => {
    const story =
      'Last spring our churn model\'s recall on new customers dropped to 0.41 two weeks before the renewal campaign, which put 3,000 accounts at risk. ' +
      'I retrained it on the last six months of data with the new onboarding features, and recall rose to 0.63 in time for the campaign.';
    const result = gradeOffline(behaviouralInput('star', 'Tell me about a time you had to work under pressure.', story));
    const action = dimensionOf(result, 'action');
    expect(action.score).toBeGreaterThanOrEqual(4);
    expect(action.rationale).toMatch(new RegExp(`^Raised from 3 to ${action.score}: the answer as a whole reads stronger`));
    expect(action.rationale).toMatch(/This measure alone found: only one action of yours is described/);
  });
});

describe('a superlative in the question says which story it asks for (round 12)', () => {
  const noReference = (rubric: Parameters<typeof behaviouralInput>[0], question: string, answer: string) => gradeOffline(behaviouralInput(rubric, question, answer));
  const FRAUD =
    "was a real-time fraud model at a payments startup in 2023. Fraud patterns shifted every few weeks and our labels arrived thirty days late, so a model trained on last month's data was already stale. I owned the model end to end. I built a pipeline that used chargebacks as delayed labels and analyst reviews as early ones, and I set up weekly retraining with a drift check on the top twenty features. Fraud losses fell 35% over the next two quarters while false declines stayed flat. I learned to design for label delay from the start.";

  it('reads an answer that repeats the question\'s superlative ("The hardest thing I\'ve worked on…") as on the question', () => {
    for (const [question, answer] of [
      ["What's the hardest problem you've worked on?", `The hardest thing I've worked on ${FRAUD}`],
      ["What's the biggest challenge you've faced in your career?", `The biggest thing I've taken on ${FRAUD}`],
      ['What is the best decision you have made as an engineer?', `The best call I made ${FRAUD}`],
      ["What's the toughest problem you've solved?", `The tough part of my last job ${FRAUD}`],
    ] as const) {
      const result = noReference('star', question, answer);
      expect(dimensionOf(result, 'relevance').score, question).toBeGreaterThanOrEqual(3);
      expect(result.improvements.join('\n'), question).not.toMatch(/Answer the question that was asked/);
    }
  });

  it('costs nothing when the answer does not repeat the superlative, and still holds "my biggest success" off "your biggest failure"', () => {
    const plain = noReference('star', "What's the hardest problem you've worked on?", `The problem I'd pick ${FRAUD}`);
    expect(dimensionOf(plain, 'relevance').score).toBeGreaterThanOrEqual(4);
    const success = noReference('star', 'What was your biggest failure?', `My biggest success ${FRAUD}`);
    expect(dimensionOf(success, 'relevance').score).toBeLessThanOrEqual(2);
  });
});

describe('resampling before the train/test split, told in any order of words (round 12)', () => {
  const LEAKY = [
      "First I oversample the minority class with SMOTE. Then I split into train and test. I train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "I duplicate minority rows, then split into train and test sets. I train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "If the classes are imbalanced I apply SMOTE to the dataset and then split it into train and test sets. I train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "I balance the dataset with SMOTE and then do a stratified train/test split. I train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "I start by applying SMOTE to the whole dataset. Next, I split it 80/20 into train and test. I train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "I upsample the fraud cases until the classes are even. After that I split the data into training and test sets. I train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "I split the data after oversampling the minority class with SMOTE. I train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "After oversampling the minority class with SMOTE, I split the data into train and test. I train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "I would oversample the minority class with SMOTE and then split the data into train and test. I'd train a gradient boosting model and report precision, recall and PR-AUC on the test set, because accuracy hides the minority class.",
      "I oversample the whole dataset with SMOTE, then split it into train and test and run 5-fold cross-validation on the training part. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "We upsample the positives to a 50/50 mix. Then we split the data 80/20 and train XGBoost. On a churn project this lifted recall from 0.41 to 0.63.",
  ];
  // Written as candidates say the right practice (split first, then resample the training data only), or name a split
  // that is no step ("on the test split", "inside each split"): none may be read as resampling before the split.
  const CORRECT = [
      "First I split into train and test. Then I oversample the minority class with SMOTE on the training set only. I train a gradient boosting model and report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I split the data first, then apply SMOTE to the training data. I train a gradient boosting model and report precision, recall and PR-AUC on the untouched test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I split first. Then I oversample the minority class with SMOTE. I train a gradient boosting model and report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "If the classes are imbalanced I split the data first and then apply SMOTE to the training portion. I report precision, recall and PR-AUC on the test set, which keeps the real class mix. On a churn project this lifted recall from 0.41 to 0.63.",
      "I apply SMOTE to the training set after the split, and never to the test set. I report precision, recall and PR-AUC, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "After splitting into train and test, I duplicate minority rows in the training set. I report precision, recall and PR-AUC on the test set, because accuracy hides the minority class. On a churn project this lifted recall from 0.41 to 0.63.",
      "Before oversampling anything, I split off a stratified test set. Then I use SMOTE on what remains for training. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I put SMOTE inside an imblearn pipeline, so it only ever sees the training folds during cross-validation. I hold out a stratified test set and report precision, recall and PR-AUC on it. On a churn project this lifted recall from 0.41 to 0.63.",
      "Resampling the whole dataset before splitting leaks synthetic points into the test set. So I split first and oversample only the training data with SMOTE. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I try class weights before any resampling. I do a stratified train/test split so the test set keeps the real class balance, and I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "Step one: a stratified train/test split. Step two: SMOTE on the training set. Step three: a gradient boosting model, judged by precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I oversample the minority class with SMOTE, but only after the train/test split and only in the training data. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "Common options are SMOTE, random oversampling or undersampling. I split the data into train and test with stratification and use class weights, then report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "I remove duplicate rows, then split into train and test sets. I train with class weights and report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I split the data into train and test sets, and then I duplicate minority rows in the training set. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I oversample the minority class with SMOTE. Before that, I split the data into train and test so no synthetic point reaches the test set. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "I split the data before oversampling, so the test set keeps the real class mix. Then SMOTE runs on the training data. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "To keep the class balance realistic, I split with stratification first. Then I apply SMOTE to the training set and report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I never oversample the whole dataset. I split into train and test, then oversample the training data with SMOTE. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "I oversample the minority class with SMOTE inside each training fold. The test split is made once at the start and never resampled. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "I oversample the minority class with SMOTE. I report precision, recall and PR-AUC on a held-out test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I apply SMOTE and class weights, and report PR-AUC on the test split. On a churn project this lifted recall from 0.41 to 0.63.",
      "I oversample the minority class with SMOTE, then tune the threshold on a validation split. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "I use undersampling of the majority class during training, and split the data by customer so no customer is in both sets. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "I oversample the minority class, but I split the data first. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I use SMOTE inside an imblearn Pipeline with cross_val_score, so resampling happens inside each split. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "I apply SMOTE within cross-validation. I also split the data by time so the test set is the latest month. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.",
      "I would split the data first and then oversample the training set with SMOTE. I would report precision, recall and PR-AUC on the test set.",
      "Oversampling with SMOTE happens after the split, on the training rows. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "We split the data into train and test, stratified by class. We then oversample the minority class with SMOTE and train XGBoost. On a churn project this lifted recall from 0.41 to 0.63.",
      "I'd stratify the split, then oversample the minority class in the training set only with SMOTE. I report precision, recall and PR-AUC on the test set.",
      "Train/test split first; SMOTE second, on the training portion. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I don't resample before splitting. I split, then I oversample. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "The order matters: split, then resample the training data. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I oversample the minority class after holding out a test set. I report precision, recall and PR-AUC on it. On a churn project this lifted recall from 0.41 to 0.63.",
      "I apply SMOTE to whatever is left after the split. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "When the positives are rare, I hold out a stratified test set and then oversample the rest with SMOTE. I report precision, recall and PR-AUC on the test set.",
      "I split the data, and only then do I balance the classes with SMOTE. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.",
      "I use random undersampling of the majority class, fitted inside a pipeline so the test split never sees it. I report precision, recall and PR-AUC.",
      "My first step is a stratified split. My second is SMOTE on the training data. I report precision, recall and PR-AUC on the test set.",
  ];

  it('caps the method of an answer that resamples before the split across two sentences, by duplicating rows, under "if" or after "after"', () => {
    for (const answer of LEAKY) {
      const result = graded('approach', IMBALANCE, answer);
      expect(dimensionOf(result, 'method').score, answer).toBe(2);
      expect(dimensionOf(result, 'method').rationale, answer).toMatch(/resamples before the split/);
    }
  });

  it('leaves every wording of the right practice alone: split first, then resample the training data', () => {
    expect(CORRECT.length).toBeGreaterThanOrEqual(10);
    for (const answer of CORRECT) {
      const result = graded('approach', IMBALANCE, answer);
      expect(dimensionOf(result, 'method').rationale, answer).not.toMatch(/resamples before the split/);
      expect(dimensionOf(result, 'method').score, answer).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('an approach built on an unsound practice (round 12, a candidate\'s findings)', () => {
  const LEAK_AND_ACCURACY =
    'I always use SMOTE on the whole dataset before splitting so both train and test are balanced, and then I look at accuracy, which will be meaningful once the classes are balanced.';
  const WHOLE_DATA = [
    'I apply SMOTE to the whole dataset so the classes are even, then train a gradient boosting model and report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.',
    'I oversample the entire data set until fraud is half of it, and then I train XGBoost and check recall and PR-AUC.',
    'First I run SMOTE on all of our rows. I train a random forest with 500 trees and look at the F1 score and the confusion matrix.',
    'I balance the full dataset with random undersampling of the majority class, then train a logistic regression and report PR-AUC.',
  ];
  const WHOLE_TRAINING = [
    'I split first, then apply SMOTE to the whole training set. I report precision, recall and PR-AUC on the untouched test set. On a churn project this lifted recall from 0.41 to 0.63.',
    'I never apply SMOTE to the whole dataset: I split first and oversample only the training folds. I report precision, recall and PR-AUC on the test set. On a churn project this lifted recall from 0.41 to 0.63.',
    'Rather than resampling the entire dataset, I split with stratification and use SMOTE inside a pipeline during cross-validation. I report precision, recall and PR-AUC. On a churn project this lifted recall from 0.41 to 0.63.',
  ];

  it('reads resampling of the whole dataset as a leak, with or without a split named', () => {
    for (const answer of WHOLE_DATA) {
      const result = graded('approach', IMBALANCE, answer);
      expect(dimensionOf(result, 'method').rationale, answer).toMatch(/resamples before the split/);
    }
    for (const answer of WHOLE_TRAINING) {
      const result = graded('approach', IMBALANCE, answer);
      expect(dimensionOf(result, 'method').rationale, answer).not.toMatch(/resamples before the split/);
      expect(dimensionOf(result, 'method').score, answer).toBeGreaterThanOrEqual(4);
    }
  });

  it('holds an answer built on a leak at 2.5 overall, raises none of its dimensions and names both of its mistakes', () => {
    for (const answer of [LEAK_AND_ACCURACY, ...WHOLE_DATA]) {
      const result = graded('approach', IMBALANCE, answer);
      expect(result.overall, answer).toBeLessThanOrEqual(2.5);
      for (const dimension of result.dimensions) expect(dimension.rationale, answer).not.toMatch(/Raised from/);
    }
    const both = graded('approach', IMBALANCE, LEAK_AND_ACCURACY).improvements.join('\n');
    expect(both).toMatch(/split first/);
    expect(both).toMatch(/not accuracy alone/);
  });
});
