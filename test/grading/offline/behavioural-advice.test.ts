import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectRoot } from '../../../src/config.js';
import { QuestionTypeSchema } from '../../../src/contracts/question-type.js';
import { RUBRIC_FOR_TYPE } from '../../../src/contracts/rubric-schema.js';
import { loadLabelledSet } from '../../../src/eval/labelled-set.js';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { gradeOffline } from '../../../src/grading/offline/offline-grader.js';
import { behaviouralQuestionInput as input, dimensionOf as dimension } from './fixtures.js';

/*
 * Advice that follows from the answer (issue 10, item 8): the card misfires a candidate-eye review found on
 * well-told stories and salary answers, each pinned by the answer that exposed it, next to answers that
 * truly lack the part and must still be told so. The salary reference is the corpus's own sample answer.
 */

const SALARY_QUESTION = 'What are your salary expectations?';
const SALARY_REFERENCE =
  'I’d prefer to learn more about the role and responsibilities before discussing compensation. I’m confident we can reach a fair agreement if we’re a mutual fit. Based on my research for senior ML engineers in this area with my experience level, I’m targeting the range of X to Y. However, I’m flexible depending on the complete compensation package and growth opportunities.';


const advice = (result: GradeResult): string => result.improvements.join('\n');
/** A salary answer graded against the corpus's own sample answer. */
const gradeSalary = (answer: string): GradeResult => gradeOffline(input('compensation', SALARY_QUESTION, answer, [SALARY_REFERENCE]));

const PRODUCTION_FAILURE = 'Tell me about a time a model failed in production. How did you handle it?';
const LABELLED_STORY =
  'Situation: our demand-forecast model started over-ordering fresh produce at about 30 stores one Monday. Task: I was on call and owned the model. ' +
  'Action: I compared the input distributions with the previous week and saw that the promotions feature was all zeros for those stores; an upstream job had changed a column name. ' +
  "I rolled back to the previous week's cached features, which stopped the bad orders within two hours, then added a schema check and a PSI alert on every input feature. " +
  'Result: over-ordering stopped the same day, waste was back to normal that week, and the schema check has caught two similar upstream changes since.';

const PRESSURE_QUESTION = 'Tell me about a time you had to work under pressure.';
const ONLY_ONE = 'I was the only one who knew that pipeline.';
const PRESSURE_STORY =
  "Two days before a client demo, our entity-extraction model's precision dropped from 0.91 to 0.78 after a tokenizer upgrade. " +
  `${ONLY_ONE} ` +
  "I pinned the old tokenizer version to get the demo build back to 0.91 that evening, told my manager what I'd done and why, and then spent the next week retraining with the new tokenizer properly. " +
  'The demo went ahead on time and the client signed; afterwards we added a regression test on a fixed evaluation set to the CI.';

const CONFLICT_QUESTION = 'Tell me about a time you resolved a conflict with a colleague.';
const CONFLICT_STORY =
  'Last year a data engineer on my team and I disagreed about whether to backfill two years of features before we retrained our churn model. ' +
  'He wanted to ship the new model on the existing three months of data; I thought the short window would miss the seasonal pattern. ' +
  "We were going back and forth in Slack and it was getting tense, so I asked for thirty minutes in person. I started by asking what worried him, and it turned out the backfill would block his team's pipeline migration for two weeks. " +
  'We agreed to run a quick experiment first: I trained on the three months and on a one-year sample he could pull cheaply. ' +
  "The one-year model was 4 points better in recall on the December holdout, so we did the backfill, but in his team's quiet week, after the migration. " +
  'We shipped ten days later than my original plan, and he and I now set up a short call whenever a thread gets long.';

const MENTORING_QUESTION = 'Tell me about a time you mentored a junior team member.';
const MENTEE_GREW = "Three months later she was reviewing other people's training code, and the checklist is still in our onboarding docs.";
const MENTORING_STORY =
  "A new graduate joined and was stuck on her first task, an image classifier that wouldn't get past 60% accuracy. " +
  "Instead of fixing it for her, I sat with her for an hour a day for a week and asked her to walk me through what she'd tried. " +
  'We found the labels were shuffled relative to the images by a sort in the loader. ' +
  'After that I had her write a short checklist of sanity checks, like overfitting one batch first, and she presented it at our team meeting. ' +
  MENTEE_GREW;

const STAKEHOLDER_QUESTION = 'Tell me about a time you had to say no to a stakeholder.';
const FLAG_CAUGHT =
  "He wasn't happy at first, but the flag caught two of the three accounts that later churned that quarter, and we built the real model the next quarter once we had a year of labels.";
const STAKEHOLDER_STORY =
  'In my last job the sales lead asked us to add a churn score to the CRM within a week for a big renewal. ' +
  'I looked at the data and the labels for churn only existed for six months, so a model would have been little better than guessing. ' +
  'I told him no for the model, explained why with a quick back-test that showed 0.58 AUC, and offered a rules-based risk flag from usage drops that I could build in three days. ' +
  FLAG_CAUGHT;

describe('STAR advice follows from the story (issue 10, item 8)', () => {
  it('reads an explicit "Task:" line as the task', () => {
    const result = gradeOffline(input('star', PRODUCTION_FAILURE, LABELLED_STORY));
    expect(dimension(result, 'task').score).toBeGreaterThanOrEqual(4);
    expect(dimension(result, 'task').evidence).toContain('Task: I was on call and owned the model.');
    expect(advice(result)).not.toMatch(/Task is missing/);
  });

  it('reads "I was the only one who knew that pipeline" as the candidate\'s task', () => {
    const result = gradeOffline(input('star', PRESSURE_QUESTION, PRESSURE_STORY));
    expect(dimension(result, 'task').evidence).toContain(ONLY_ONE);
    expect(advice(result)).not.toMatch(/Task is missing/);
  });

  it('does not lead with a missing task when a conflict story shows what the candidate set out to do', () => {
    const result = gradeOffline(input('star', CONFLICT_QUESTION, CONFLICT_STORY));
    expect(dimension(result, 'task').score).toBe(3);
    expect(dimension(result, 'task').rationale).toMatch(/clear from the situation/);
    expect(advice(result)).not.toMatch(/Task is missing/);
    expect(result.missingPoints.join(' ')).not.toMatch(/^Task/);
  });

  it('still tells a story whose work was the team\'s that its task is missing', () => {
    const story =
      'Last year our team had a tight deadline for a fraud model before a regulator review. We worked long hours and I helped where I could with the data cleaning. We delivered the model on time and the review went fine.';
    const result = gradeOffline(input('star', PRESSURE_QUESTION, story));
    expect(dimension(result, 'task').score).toBeLessThanOrEqual(2);
    expect(advice(result)).toMatch(/Task is missing/);
  });

  it('reads the mentee\'s growth, told about her, as how the mentoring turned out', () => {
    const result = gradeOffline(input('star', MENTORING_QUESTION, MENTORING_STORY));
    expect(dimension(result, 'result').evidence).toContain(MENTEE_GREW);
    expect(dimension(result, 'result').score).toBeGreaterThanOrEqual(3);
    expect(advice(result)).not.toMatch(/Result is missing/);
  });

  it('reads "the flag caught two of the three accounts" as the result of saying no', () => {
    const result = gradeOffline(input('star', STAKEHOLDER_QUESTION, STAKEHOLDER_STORY));
    expect(dimension(result, 'result').evidence).toContain(FLAG_CAUGHT);
    expect(advice(result)).not.toMatch(/Result is missing/);
  });

  it('still tells a story that stops before the outcome that its result is missing', () => {
    const story =
      'At my last job a colleague and I disagreed about whether to use a deep model or gradient boosting for our fraud detection. My job was to pick the approach before the quarterly planning. ' +
      'I set up a benchmark on three months of data and invited him to review the setup. I also asked our product manager which errors cost the most so we could weigh precision against recall.';
    const result = gradeOffline(input('star', CONFLICT_QUESTION, story));
    expect(dimension(result, 'result').score).toBe(1);
    expect(result.improvements[0]).toMatch(/Result is missing/);
  });

  it('names the blame in a story about a colleague\'s faults first, and finds no task in it', () => {
    const story =
      'I once worked with a guy who was just lazy and never delivered on time. I told my manager about it several times and eventually he was moved to another team. After that the project went much better.';
    const result = gradeOffline(input('star', 'Tell me about a time you worked with a difficult team member.', story));
    expect(result.improvements[0]).toMatch(/"I once worked with a guy who was just lazy.*blame/);
    expect(dimension(result, 'ownership').score).toBe(1);
    expect(advice(result)).toMatch(/Task is missing/);
  });

  it('quotes the opening that places the story as its setting, not the sentence after it', () => {
    const opening = 'In my second year at a logistics startup I spent three months building a deep model to predict delivery delays.';
    const story =
      `${opening} When we finally A/B tested it against the simple rule the ops team already used, it was no better, because the rule already captured the main driver, the warehouse backlog, and our labels for the rest were noisy. ` +
      'I had skipped the step of asking ops what they already knew and building a baseline first. We shelved the model. ' +
      'Since then I always start with the dumbest baseline and a conversation with the people doing the work; on my next project that took two weeks and showed a gradient-boosted model was worth it, and it went live a month later.';
    const result = gradeOffline(input('star', 'Tell me about a project that failed. What did you learn from it?', story));
    expect(dimension(result, 'situation').evidence?.[0]).toBe(opening);
    expect(dimension(result, 'situation').rationale).toContain('In my second year at a logistics startup');
  });

  it('reads a drop told at the opening as the situation and "the client signed" as a concrete outcome', () => {
    const result = gradeOffline(input('star', PRESSURE_QUESTION, PRESSURE_STORY));
    expect(dimension(result, 'situation').evidence?.[0]).toMatch(/^Two days before a client demo/);
    expect(dimension(result, 'result').evidence?.[0]).toMatch(/^The demo went ahead on time/);
    expect(dimension(result, 'result').rationale).not.toMatch(/vague/);
    expect(advice(result)).not.toMatch(/Result is missing/);
  });

  it('calls a result quantified only when it counts something ("within a day", "in three weeks", not "for that year")', () => {
    const story = (result: string): string =>
      'Last spring my manager wanted to replace our churn model with a large transformer before the renewal season. ' +
      'I was responsible for the churn model, and I thought the switch was overkill for our small tabular dataset. ' +
      'I ran both models on the same validation split, wrote up the comparison with the costs of each, and walked my manager through it in our one-on-one. ' +
      result;
    const uncounted = gradeOffline(input('star', CONFLICT_QUESTION, story('He read it and we went with the simpler model, at least for that year.')));
    expect(uncounted.strengths.join(' ')).not.toMatch(/Quantified result/);
    expect(advice(uncounted)).toMatch(/Result is unquantified/);
    for (const counted of ['He read it and we kept the simpler model, which shipped within a day.', 'He read it and we kept the simpler model, which shipped in three weeks.']) {
      const result = gradeOffline(input('star', CONFLICT_QUESTION, story(counted)));
      expect(result.strengths.join(' ')).toMatch(/Quantified result/);
      expect(advice(result)).not.toMatch(/Result is unquantified/);
    }
  });

  it('asks a setting with concrete detail only for its stakes, quoting it, and a bare one for the detail', () => {
    const opening = 'Last spring I was the only ML engineer on the pricing team at a small travel startup.';
    const rest =
      ' My manager wanted to replace our pricing model with a large transformer, and I thought it was overkill for our small tabular data. ' +
      'I ran both models on the same validation split, wrote up the comparison, and walked him through it in our one-on-one. ' +
      'He read it and we kept the simpler model, which shipped in three weeks.';
    const detailed = gradeOffline(input('star', CONFLICT_QUESTION, opening + rest));
    expect(dimension(detailed, 'situation').score).toBe(3);
    expect(advice(detailed)).not.toMatch(/name the team or product/);
    expect(advice(detailed)).toContain(`Situation: "${opening}" sets the scene; add what was at stake`);
    const bare = gradeOffline(input('star', CONFLICT_QUESTION, `There was a disagreement about a model.${rest}`));
    expect(advice(bare)).toMatch(/Situation is thin: name the team or product and when it happened/);
  });

  it('praises no story for its length: the word count stays on the concision dimension', () => {
    const result = gradeOffline(input('star', CONFLICT_QUESTION, CONFLICT_STORY));
    expect(dimension(result, 'concision').score).toBe(5);
    expect(result.strengths.join(' ')).not.toMatch(/\bwords\b|length/i);
  });

  it('lists neither the STAR labels nor the letters of "A/B" as checkable details', () => {
    const labelled = gradeOffline(
      input(
        'star',
        'Tell me about a project that failed. What did you learn from it?',
        '**Situation:** At my last company, a fintech startup, our credit-risk model had to be retrained for a new market in six weeks.\n**Task:** I owned the retraining and the launch decision.\n' +
          '**Action:** I rebuilt the features on local data, ran a shadow deployment for two weeks, and found the model underpredicted defaults for self-employed applicants because their income was stored differently.\n' +
          '**Result:** We delayed the launch by a month, which hurt, but the fixed model cut the default rate by 12% against the old rules. I learned to shadow-test every new market before committing to a date.',
      ),
    );
    expect(dimension(labelled, 'specificity').rationale).not.toMatch(/"(?:Situation|Task|Action|Result)"/);
    const tested = gradeOffline(
      input(
        'star',
        'Tell me about a project that failed. What did you learn from it?',
        'In my second year at a logistics startup I spent three months building a deep model to predict delivery delays. When we finally A/B tested it against the simple rule the ops team already used, it was no better. We shelved the model.',
      ),
    );
    expect(dimension(tested, 'specificity').rationale).not.toMatch(/"[AB]"/);
  });
});

describe('Salary advice follows from the answer (issue 10, item 8)', () => {
  it('reads "85 to 95 thousand euros" as a range', () => {
    const answer =
      "Based on what I've seen for senior ML engineer roles in Berlin, from levels data and two recruiters I've talked to, I'm looking at 85 to 95 thousand euros base. I'm flexible depending on the whole package, equity and the learning budget matter to me too.";
    const result = gradeSalary(answer);
    expect(dimension(result, 'range').score).toBeGreaterThanOrEqual(4);
    expect(dimension(result, 'range').rationale).not.toMatch(/single figure/);
    expect(advice(result)).not.toMatch(/give a range/);
  });

  it('keeps a one-sentence researched range on the question', () => {
    const answer = "Based on levels data and two recruiters I've talked to, I'm looking at 85 to 95 thousand euros base.";
    const result = gradeSalary(answer);
    expect(result.dimensions.map((dimension) => dimension.rationale).join(' ')).not.toMatch(/does not address this question/);
    expect(advice(result)).not.toMatch(/about something else/);
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('keeps "I need 120k" on the question and names its ultimatum', () => {
    const result = gradeSalary("I need 120k, that's my minimum and I won't go below it.");
    expect(advice(result)).not.toMatch(/about something else/);
    expect(advice(result)).toMatch(/"I need 120k.*ultimatum/);
    expect(result.overall).toBeLessThanOrEqual(2);
  });

  it('gives a strong salary answer no tone advice it already follows', () => {
    const answer = "From my research on senior ML engineer roles in Berlin I'm targeting 85 to 95 thousand euros base, and I'm open on how the package is split.";
    const result = gradeSalary(answer);
    expect(advice(result)).not.toMatch(/keep it calm/);
    expect(result.improvements[0]).toMatch(/^Next step: Strong answer/);
  });
});

describe('Advice fits what the question asks (issue 10, item 8)', () => {
  it('gives a good weakness answer no "why this role fits" advice', () => {
    const answer =
      'I tend to go too deep before checking in. On a search-ranking project I spent two weeks tuning a model before showing anyone, and it turned out product wanted a different metric. ' +
      'Now I share a rough result within the first three days of any task and ask what would change their decision, and my manager said in my last review that our planning got noticeably smoother.';
    const result = gradeOffline(input('self-presentation', 'What Are Your Weaknesses?', answer));
    expect(advice(result)).not.toMatch(/why this role fits/);
    expect(dimension(result, 'role-fit').score).toBeGreaterThanOrEqual(4);
    expect(dimension(result, 'role-fit').rationale).toMatch(/shows up in your work/);
  });

  it('gives a good "what inspired you" answer no "what you would bring to the role" advice', () => {
    const answer =
      'In my second year of physics I had to analyse noisy detector data for a lab course, and a friend showed me how a small random forest found the signal faster than the cuts we had been tuning by hand. ' +
      'I started taking the statistics and machine learning electives, did a thesis on anomaly detection, and my first job was building forecasting models for a retailer. ' +
      'What keeps me here is that the work is half detective work and half engineering: finding out why a model fails is as satisfying to me as making it fast.';
    const result = gradeOffline(input('motivation', 'What inspired you to pursue a career in data science and machine learning?', answer));
    expect(advice(result)).not.toMatch(/bring to the role/);
    expect(dimension(result, 'contribution').rationale).toMatch(/What keeps me here/);
  });

  it('still asks a "why this company" answer what the candidate would bring', () => {
    const answer = "Your company is a leader in the industry and has a great culture. I'm passionate about AI and I think this would be a great opportunity for me to grow and learn.";
    const result = gradeOffline(input('motivation', 'Why do you want to work here?', answer));
    expect(advice(result)).toMatch(/bring to the role/);
  });
});

describe('the review of these rules: what they must not reward or punish', () => {
  it('does not read a candidate defending a colleague as blaming him ("I never blamed him, and it was not his fault")', () => {
    const story =
      'On a forecasting project last year, a data engineer kept delivering data late. I never blamed him, and it was not his fault: he was swamped with requests from three teams. ' +
      'I set up a one-on-one, put our requests in his ticket queue with clear priorities, and started modelling on the data we already had. ' +
      'Deliveries came on time after two weeks and the forecast shipped on schedule. I learned to ask before assuming.';
    const result = gradeOffline(input('star', 'Tell me about a time you worked with a difficult team member.', story));
    expect(advice(result)).not.toMatch(/interviewers hear blame/);
    expect(dimension(result, 'ownership').score).toBeGreaterThan(1);
  });

  it('does not praise "I am not open to negotiation" as an open, collaborative tone', () => {
    const result = gradeSalary('120k. I am not open to negotiation on this.');
    expect(dimension(result, 'professionalism').rationale).not.toMatch(/collaborative/i);
    expect(result.strengths.join(' ')).not.toMatch(/collaborative tone/);
  });

  it('does not credit "I love machine learning" as what keeps the candidate in the work', () => {
    const result = gradeOffline(
      input('motivation', 'What inspired you to pursue a career in data science and machine learning?', 'I just love data science and machine learning. I love working with data and building models every day.'),
    );
    expect(dimension(result, 'contribution').score).toBeLessThanOrEqual(2);
    expect(result.strengths.join(' ')).not.toMatch(/keeps you in the work/);
  });

  it('does not call an answer strong when its calibrated scores are not', () => {
    const result = gradeOffline(
      input(
        'self-presentation',
        'What is your greatest weakness?',
        'My weakness is that I am a perfectionist. On my last project at work I spent too long polishing the dashboard. Now I try to work on it by setting deadlines.',
      ),
    );
    expect(result.dimensions.some((entry) => entry.score < 4)).toBe(true);
    expect(advice(result)).not.toMatch(/Strong answer/);
    expect(result.improvements.length).toBeGreaterThan(0);
  });
});

describe('advice after the calibration has moved the scores', () => {
  // The advice lines that ask for one dimension, by how they open.
  const ASKS_FOR: Readonly<Record<string, RegExp>> = {
    situation: /^(?:Next step: )?Situation is/,
    task: /^(?:Next step: )?Task is/,
    action: /^(?:Next step: )?Action:/,
    result: /^(?:Next step: )?Result is/,
    example: /^(?:Next step: )?Example:/,
    reasoning: /^(?:Next step: )?Reasons:/,
  };
  const set = loadLabelledSet(path.join(projectRoot, 'data', 'eval', 'behavioural.json'));
  const notes = z
    .record(z.string(), z.object({ type: QuestionTypeSchema }))
    .parse(JSON.parse(readFileSync(path.join(projectRoot, 'data', 'eval', 'notes', 'behavioural-kinds.json'), 'utf8')));

  it('never asks for more of a dimension the calibration raised to good, on any labelled behavioural answer', () => {
    let raised = 0;
    const contradictions: string[] = [];
    for (const item of set.items) {
      const type = notes[item.id]?.type;
      if (type === undefined) throw new Error(`no question type for ${item.id}`);
      for (const answer of item.answers) {
        const result = gradeOffline(input(RUBRIC_FOR_TYPE[type], item.question, answer.text, [item.reference]));
        for (const shown of result.dimensions) {
          const asks = ASKS_FOR[shown.key];
          if (asks === undefined || shown.score < 4 || !/Raised from/.test(shown.rationale)) continue;
          raised += 1;
          for (const line of result.improvements) if (asks.test(line)) contradictions.push(`${item.id} ${shown.key} ${shown.score}: ${line}`);
        }
      }
    }
    expect(raised).toBeGreaterThan(10);
    expect(contradictions).toEqual([]);
  });
});

describe('a real case in an approach answer', () => {
  it('reads "On a fraud project…" with a measured outcome as a real case, and does not ask for one', () => {
    const answer =
      "I start with a metric the imbalance can't fool, usually PR-AUC, and a stratified split. Then I try class weights first, because they're cheap and leave the data alone; " +
      'if that is not enough, undersampling or SMOTE on the training folds only. On a fraud project with 0.3% positives, class weights plus threshold tuning raised recall from 40% to 72% at the same precision.';
    const result = gradeOffline(input('approach', 'How do you handle data imbalance in classification problems?', answer));
    expect(dimension(result, 'example').score).toBeGreaterThanOrEqual(4);
    expect(advice(result)).not.toMatch(/Example: add one real case/);
  });

  it('still asks for one when the answer only describes the method', () => {
    const answer =
      "I start with a metric the imbalance can't fool, usually PR-AUC, and a stratified split. Then I try class weights first, because they're cheap and leave the data alone; " +
      'if that is not enough, undersampling or SMOTE on the training folds only, and I tune the threshold on validation data.';
    const result = gradeOffline(input('approach', 'How do you handle data imbalance in classification problems?', answer));
    expect(advice(result)).toMatch(/Example: add one real case/);
  });
});

describe('reasons in an approach answer', () => {
  const question = 'How do you debug a model that underperforms?';

  it('does not ask an answer that says why to say why: it quotes the reason and asks when it would do otherwise', () => {
    const because = 'I build the simplest baseline first, a rule the business already uses, because it tells me what the model must beat.';
    const result = gradeOffline(input('approach', question, `${because} Then I look at the errors by segment and check the labels on a sample of them.`));
    expect(dimension(result, 'reasoning').score).toBeLessThanOrEqual(3);
    expect(advice(result)).not.toMatch(/say why each step is there/);
    expect(advice(result)).toContain('Reasons: you say why ("I build the simplest baseline first');
  });

  it('still asks an answer with no reason for the why and the when', () => {
    const result = gradeOffline(input('approach', question, 'I build a baseline. Then I look at the errors by segment. Then I check the labels on a sample of them.'));
    expect(advice(result)).toContain('Reasons: say why each step is there ("…because…", "…so that…") and when you would do it differently.');
  });
});

describe('relevance by what a topic is answered with', () => {
  // The corpus's question and its sample answer, which relevance also compares with.
  const question = 'Can You Describe Your Experience with Deep Learning?';
  const reference =
    'I have substantial experience with deep learning, particularly with frameworks like TensorFlow and Keras. For example, in my Emotion Detection project, I utilized convolutional neural networks (CNNs) and advanced architectures such as VGG16 and ResNet50v2. ' +
    'I addressed class imbalance using techniques like image augmentation and class weights. I also deployed the model for real-time emotion detection, which required integrating Gradio and OpenCV for live video streams. This project enhanced my understanding of deep learning and its practical applications.';

  it('reads networks, frameworks and tasks as answering a question about deep learning that the answer never names', () => {
    const answer =
      'Mostly computer vision. At my last job I fine-tuned a ResNet on 30,000 photos of parts to find defects, which halved the time inspectors spent per batch. ' +
      'I have also trained a small BERT classifier for routing support tickets in PyTorch and served it on CPU under 40 ms. I am comfortable with mixed-precision training and tracking runs in MLflow.';
    const result = gradeOffline(input('self-presentation', question, answer, [reference]));
    expect(advice(result)).not.toMatch(/about something else/);
    expect(result.overall).toBeGreaterThanOrEqual(3.5);
  });

  it('still finds an answer about something else off the topic', () => {
    const answer =
      'I moved to Berlin three years ago and I love the city. At weekends I cycle along the canals and cook for friends; last year I ran my first half marathon in under two hours.';
    const result = gradeOffline(input('self-presentation', question, answer, [reference]));
    expect(advice(result)).toMatch(/about something else/);
  });
});

describe('reasons in an opinion answer', () => {
  const question = 'What is your favourite machine learning algorithm and why?';

  it('counts a claim explained after a colon as a reason', () => {
    const answer =
      'Gradient-boosted trees. On tabular data they are usually the strongest baseline with little feature engineering: they handle mixed types, missing values and interactions out of the box.';
    const result = gradeOffline(input('opinion', question, answer));
    expect(dimension(result, 'reasoning').rationale).not.toMatch(/No reasons/);
  });

  it('still finds no reasons in an assertion', () => {
    const result = gradeOffline(input('opinion', question, 'My favourite algorithm is random forest. It is very good and I use it a lot. It works on many problems.'));
    expect(dimension(result, 'reasoning').rationale).toMatch(/No reasons/);
  });

  it('does not tell an answer that gives a reason to explain why: it names the reason and asks what backs it', () => {
    const reason = "Random forest, because it's a robust default that needs little tuning.";
    const result = gradeOffline(input('opinion', question, `${reason} I reach for it first on most tabular problems.`));
    expect(dimension(result, 'reasoning').score).toBeLessThanOrEqual(3);
    expect(advice(result)).not.toMatch(/explain why you hold the view/);
    expect(advice(result)).toContain(`Reasons: "${reason}" is one`);
    const asserted = gradeOffline(input('opinion', question, 'My favourite algorithm is random forest. It is very good and I use it a lot. It works on many problems.'));
    expect(advice(asserted)).toMatch(/explain why you hold the view/);
  });
});

describe('the reviews\' open misgrades (grader 2026.11.18)', () => {
  const DIFFICULT = 'Tell me about a time you worked with a difficult team member.';

  it.each([
    ['he simply did not care', 'He simply did not care about the deadline, and the launch slipped by two weeks.'],
    ['they never bothered to test it', 'They never bothered to test it, so our model trained on broken features.'],
    ['the data team dropped the ball', 'The data team dropped the ball and the features arrived a month late.'],
    ['there was not much we could have done', "Honestly there wasn't much the ML side could have done differently."],
  ])('reads polite blame as blame: "%s"', (_name, blaming) => {
    const story =
      `On our churn project last spring at a telecom company, a colleague owned the evaluation pipeline. ${blaming} ` +
      'I reported it to my manager, rewrote the evaluation myself and re-ran the training. We shipped a month late.';
    const result = gradeOffline(input('star', DIFFICULT, story));
    expect(result.improvements[0]).toContain(blaming.slice(0, 30));
    expect(result.improvements[0]).toMatch(/interviewers hear blame/);
    expect(dimension(result, 'ownership').score).toBe(1);
    expect(dimension(result, 'task').score).toBe(1);
  });

  it.each([
    ['a neutral fact about others', 'The vendor missed the delivery date for the GPS feed, so I re-planned the pilot around recorded traces.'],
    ['a failure the candidate owns', 'I dropped the ball on the holiday calendar: I never bothered to check it, and the forecast under-ordered.'],
    ['what others cared about', "The stakeholders didn't care about AUC, they cared about how many trucks left half empty."],
    ['a denial of blame', 'I never said he did not care about the deadline; he was covering for two people.'],
  ])('does not read %s as blame', (_name, sentence) => {
    const story =
      `In 2023 at a logistics company I owned the route optimiser for 40 depots, with six weeks to launch. ${sentence} ` +
      'I built the first version on last month\'s traces and agreed with ops to pilot in two depots. Routes were 12% shorter, and I learned to plan for late dependencies.';
    const result = gradeOffline(input('star', 'Tell me about a time you had to work under pressure.', story));
    expect(advice(result)).not.toMatch(/interviewers hear blame/);
    expect(dimension(result, 'ownership').score).toBeGreaterThanOrEqual(4);
  });
});

describe('salary ranges that are not what they seem (grader 2026.11.18)', () => {
  const GOOD_RANGE = "Based on market data for senior ML engineers in London, I'm targeting 150 to 160k base, and I'm open on how the package is split.";

  it.each([
    ['or I walk', "Based on market data for senior ML engineers in London, it's 150 to 160k or I walk."],
    ['final', 'Based on levels.fyi for senior ML engineers in London, I will not accept less than 150-160k, final.'],
  ])('reads a range given as an ultimatum ("%s") as an ultimatum, not a range', (_name, answer) => {
    const [ultimatum, good] = [answer, GOOD_RANGE].map(gradeSalary);
    expect(dimension(ultimatum!, 'range').score).toBeLessThanOrEqual(2);
    expect(dimension(ultimatum!, 'range').rationale).toMatch(/ultimatum/);
    expect(dimension(ultimatum!, 'flexibility').score).toBeLessThanOrEqual(2);
    expect(advice(ultimatum!)).toMatch(/reads as an ultimatum/);
    expect(advice(ultimatum!)).not.toMatch(/give a range rather than/);
    expect(ultimatum!.overall).toBeLessThanOrEqual(good!.overall - 1.5);
    expect(dimension(good!, 'range').score).toBe(5);
  });

  it.each([
    ['between 10k and 900k', "Based on my research for ML engineers in this area, somewhere between 10k and 900k, and I'm open on the package.", '90 times'],
    ['50k to 5 million', "From Glassdoor data for senior ML engineers in Berlin, I'm targeting 50k to 5 million, and I'm flexible on equity and bonus.", '100 times'],
  ])('names a range too wide to be researched ("%s")', (span, answer, times) => {
    const result = gradeSalary(answer);
    expect(dimension(result, 'range').score).toBeLessThanOrEqual(2);
    expect(dimension(result, 'research').score).toBeLessThanOrEqual(2);
    expect(result.improvements[0]).toContain(`"${span}" is too wide to be a researched range (its top is ${times} its bottom)`);
    expect(advice(result)).not.toMatch(/Strong answer/);
  });

  it.each([
    ['$120,000 to $140,000', "From Glassdoor data for senior ML engineers in Berlin, I'm targeting $120,000 to $140,000, and I'm flexible on equity and bonus."],
    ['85 to 95 thousand euros', "From my research on senior ML engineer roles in Berlin I'm targeting 85 to 95 thousand euros base, and I'm open on how the package is split."],
    ['a 10-15% raise over 2 to 5 years', "Based on market data for senior ML engineers in London I'm targeting 150 to 165k base, and I'd like a 10-15% raise path over 2 to 5 years; I'm open on equity."],
  ])('keeps a narrow researched range a range (%s)', (_name, answer) => {
    const result = gradeSalary(answer);
    expect(dimension(result, 'range').score).toBeGreaterThanOrEqual(4);
    expect(advice(result)).not.toMatch(/too wide|ultimatum/);
  });
});

describe('what counts as an example of a process (grader 2026.11.18)', () => {
  const MISSING = 'How Do You Handle Missing Data in Your Projects?';
  const METHOD =
    'First I check how much is missing per column and whether it is missing at random, because that decides the fix. ' +
    'I drop columns that are more than 40% missing and impute the rest with the median, since it is robust to outliers. ';

  it('does not take a habit with a number in it ("our pipelines usually see 5% missing values") for a real case', () => {
    const result = gradeOffline(input('approach', MISSING, `${METHOD}Our pipelines usually see 5% missing values, and I always compare validation scores with and without imputation.`));
    expect(dimension(result, 'example').score).toBeLessThanOrEqual(2);
    expect(advice(result)).toMatch(/Example: add one real case/);
  });

  it('still takes a measured case that happened for an example', () => {
    const result = gradeOffline(
      input('approach', MISSING, `${METHOD}On our loan-default model 30% of income values were missing, and imputing them with an indicator raised AUC from 0.74 to 0.79.`),
    );
    expect(dimension(result, 'example').score).toBe(5);
  });
});

describe('polite salary answers are not ultimatums, and only the pay range must be narrow (round 10)', () => {
  it.each([
    ['a hedged walk-away', "I've researched the market for this level and I'm targeting 120k to 135k. I'd hate to walk away from such a great team over money, so I'm happy to discuss the overall package."],
    ['a flexible bottom line', "Based on market data for mid-level ML engineers in Berlin, I've done my homework. The bottom line is that I'm flexible: something around 90k to 100k would work, and I'm open on the package."],
    ['a start date that is not negotiable', "From levels.fyi for senior ML engineers in this area, I'm looking for 110k to 120k. My start date in March is not negotiable because of my notice period, but salary-wise I'm flexible."],
  ])('does not read %s as an ultimatum', (_name, answer) => {
    const result = gradeSalary(answer);
    expect(dimension(result, 'range').score).toBe(5);
    expect(dimension(result, 'flexibility').score).toBeGreaterThanOrEqual(3);
    expect(dimension(result, 'professionalism').score).toBeGreaterThanOrEqual(4);
    expect(advice(result)).not.toMatch(/ultimatum/);
    expect(result.overall).toBeGreaterThanOrEqual(4.3);
  });

  it('calls a floor with openness on the rest firm, not rigid or demanding', () => {
    const result = gradeSalary("Based on Glassdoor data for this level in London, I'm targeting 95k to 105k. I won't go below 90k, but I'm flexible on bonus and equity and happy to discuss.");
    expect(dimension(result, 'range').score).toBe(5);
    expect(dimension(result, 'flexibility').rationale).toMatch(/^Firm on a floor/);
    expect(dimension(result, 'professionalism').rationale).not.toMatch(/Demanding/);
    expect(advice(result)).not.toMatch(/ultimatum/);
  });

  it('still reads a walk-away said of the pay as an ultimatum', () => {
    const result = gradeSalary("Based on market data for senior ML engineers in London I'm targeting 150 to 160k, and the salary is non-negotiable.");
    expect(dimension(result, 'range').score).toBeLessThanOrEqual(2);
    expect(advice(result)).toMatch(/reads as an ultimatum/);
  });

  it.each([
    ['a bonus span', "Based on levels.fyi for senior ML engineers in London, I'm targeting 130–140k base, plus a bonus of 5–15k depending on performance, and I'm open on the package."],
    ['a count of users', "I've built systems serving 1 to 10 million users. Based on market data for staff engineers in San Francisco, I'm targeting $180K to $200K base, and I'm flexible on equity."],
  ])('does not call %s a range too wide', (_name, answer) => {
    const result = gradeSalary(answer);
    expect(dimension(result, 'range').score).toBe(5);
    expect(dimension(result, 'research').score).toBeGreaterThanOrEqual(4);
    expect(advice(result)).not.toMatch(/too wide/);
  });
});

describe('neutral remarks about others and terse first-person stories (round 10)', () => {
  it.each([
    ['a manager who never micromanaged', 'My manager trusted me and never bothered me with micromanagement, so my task was to get a pilot running.'],
    ['nobody dropping the ball', 'Nobody dropped the ball; the whole team stayed calm and I learned to split the work into daily goals.'],
    ['users who did not care about a feature', "The business users didn't really care about explainability charts, so I switched to a simpler model."],
    ['a manager with no preference', "My manager didn't care which framework we used, so I proposed PyTorch and wrote a one-page comparison."],
    ['a failure of our own team', 'Our team dropped the ball on data validation and I was the one responsible for the pipeline, so I owned it.'],
    ['a limit the story acts on', "In hindsight there wasn't much the model could have done differently with data it had never seen, so I focused on monitoring."],
    ['a limit of my own', 'Looking back, there was nothing more I could have done about the budget, so I cut scope to the top three surfaces.'],
  ])('does not read %s as blame', (_name, sentence) => {
    const story =
      `In 2023 at a logistics company I owned the route optimiser for 40 depots, with six weeks to launch. ${sentence} ` +
      "I built the first version on last month's traces and agreed with ops to pilot in two depots. Routes were 12% shorter, and I learned to plan for late dependencies.";
    const result = gradeOffline(input('star', 'Tell me about a time you had to work under pressure.', story));
    expect(advice(result)).not.toMatch(/interviewers hear blame/);
    expect(dimension(result, 'ownership').score).toBeGreaterThanOrEqual(4);
  });

  it('takes verb-first fragments of a first-person story for the candidate\'s own steps', () => {
    const story =
      'Q3 2023 at Shopify, checkout fraud model, launch in two weeks. My responsibility: ship a new model before the holiday season. Built features from device fingerprints. ' +
      'Trained LightGBM, tuned thresholds with the risk team. Set up shadow mode for three days. Result: launched on time, chargebacks down 22%, false declines down 15%.';
    const result = gradeOffline(input('star', 'Tell me about a time you had to work under pressure.', story));
    expect(dimension(result, 'ownership').rationale).not.toMatch(/what others did/);
    expect(dimension(result, 'ownership').score).toBeGreaterThanOrEqual(4);
    expect(dimension(result, 'result').score).toBeGreaterThanOrEqual(4);
    expect(advice(result)).not.toMatch(/is what others achieved/);
  });

  it('still caps a story told as what a teammate did', () => {
    const story =
      'Last year our churn model kept missing its weekly refresh. My teammate rewrote the pipeline in Spark and added retries. ' +
      'She also moved the job to an earlier slot. The refresh has not failed since and latency fell by 40%.';
    const result = gradeOffline(input('star', 'Tell me about a time you had to work under pressure.', story));
    expect(dimension(result, 'ownership').score).toBe(1);
    expect(dimension(result, 'ownership').rationale).toMatch(/what others did/);
  });
});
