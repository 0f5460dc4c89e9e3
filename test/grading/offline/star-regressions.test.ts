import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import type { GradeInput } from '../../../src/grading/grader.js';
import { readAnswer } from '../../../src/grading/offline/answer-text.js';
import { gradeOffline } from '../../../src/grading/offline/offline-grader.js';
import { referenceProfile, relevanceOf } from '../../../src/grading/offline/reference-profile.js';
import { blameAt } from '../../../src/grading/offline/star-grader.js';
import { classifySentences } from '../../../src/grading/offline/star-parts.js';
import { termCounts } from '../../../src/grading/offline/terms.js';
import { behaviouralQuestionInput, dimensionOf as dimension } from './fixtures.js';

/*
 * The STAR misreadings reported in issue 11, each pinned by the answer shape that exposed it. The
 * references are the guide's own sample answers (ml-interview-preparation-guide.txt, 3.2 and 4.1).
 */

const PRESSURE_QUESTION = 'Tell me about a time you had to work under pressure.';
const PRESSURE_REFERENCE =
  'During a product launch, our recommendation model showed unexpected behavior in production just days before release. I immediately assembled the team, systematically debugged by checking data pipeline, feature engineering, and model predictions. We discovered a subtle bug in how timestamps were handled across time zones. I coordinated a fix, thorough testing, and a staggered rollout to verify everything worked. The launch succeeded on schedule. This taught me the importance of comprehensive testing and having rollback plans for production systems.';
const LEAD_QUESTION = 'Tell me about a time you led a machine learning project.';
const LEAD_REFERENCE =
  'I led a sentiment analysis project for customer reviews. I started by aligning stakeholders on success criteria and timeline. I broke the work into sprints, assigning tasks based on team strengths. I conducted daily standups to track progress and unblock issues. When a junior member struggled with data preprocessing, I paired with him to teach best practices. We delivered two weeks early with 89% accuracy, beating our 85% target. The experience taught me that clear communication and supporting team members are as important as technical skills.';

const OWNED_REBUILD = 'I owned the rebuild: I engineered 40 behavioural features from two years of event logs, set up time-based cross-validation across four quarters, and tuned LightGBM with early stopping.';

const CHURN_STORY = [
  'At a subscription analytics company in 2023, our churn model had gone stale and the retention team was targeting the wrong customers two weeks before a quarterly campaign worth about four hundred thousand dollars.',
  OWNED_REBUILD,
  'I presented the lift curves to the retention team so that they could choose the threshold that fitted their budget, because a threshold picked by me alone would have ignored what each contacted customer cost them.',
  'I also wrote a short runbook and handed the weekly retraining over to the on-call engineer, which meant the model would stay fresh after the campaign.',
  'Churn among targeted customers fell 18% in the next quarter, saving an estimated $1.2M in renewals.',
  'I learned to validate on time-based splits from day one, and I now ask the business team for the cost of a wrong contact before I choose any threshold.',
].join(' ');

const input = (question: string, reference: string, answer: string): GradeInput => behaviouralQuestionInput('star', question, answer, [reference]);

describe('STAR regressions (issue 11)', () => {
  it('files "I owned the rebuild: I engineered…, set up…, and tuned…" as Action, not Task', () => {
    const [sentence] = classifySentences(readAnswer(OWNED_REBUILD).sentences);
    expect(sentence?.part).toBe('action');
    const result = gradeOffline(input(LEAD_QUESTION, LEAD_REFERENCE, CHURN_STORY));
    expect(dimension(result, 'action').evidence).toContain(OWNED_REBUILD);
  });

  it('counts several actions told in one sentence as several actions', () => {
    const [sentence] = classifySentences(readAnswer(OWNED_REBUILD).sentences);
    expect(sentence?.actions).toBe(4);
    const story =
      'At my last job our churn model had gone stale a month before a retention campaign. ' +
      `${OWNED_REBUILD} ` +
      'Churn among the customers we targeted fell 18% the next quarter.';
    const result = gradeOffline(input(LEAD_QUESTION, LEAD_REFERENCE, story));
    const action = dimension(result, 'action');
    expect(action.score).toBeGreaterThanOrEqual(4);
    expect(action.rationale).not.toMatch(/only one action/i);
    expect(result.improvements.join(' ')).not.toMatch(/give two or three concrete steps/i);
  });

  it('gives an off-topic story at most 2 on relevance when it uses none of the question\'s topic words', () => {
    const offTopic =
      'In my spare time I built a recommendation model for a hobby project that suggests board games to friends. ' +
      "I set up a small data pipeline, engineered features from game descriptions and tested the model's predictions on my own collection. " +
      'I coordinated with two friends who rated games for me. The system works well and I learned a lot about feature engineering and testing.';
    // The story shares the reference's vocabulary, which alone once earned it a 4 on relevance.
    const profile = referenceProfile(PRESSURE_QUESTION, { answers: [PRESSURE_REFERENCE], notes: [], fromRelated: false });
    expect(relevanceOf(termCounts(readAnswer(offTopic).sentences), profile, 0.3).score).toBeGreaterThanOrEqual(4);
    const relevance = dimension(gradeOffline(input(PRESSURE_QUESTION, PRESSURE_REFERENCE, offTopic)), 'relevance');
    expect(relevance.score).toBeLessThanOrEqual(2);
    expect(relevance.rationale).toContain('"pressure"');
  });

  it('still counts a story told in the words of its theme as relevant ("days before release" answers "under pressure")', () => {
    const relevance = dimension(gradeOffline(input(PRESSURE_QUESTION, PRESSURE_REFERENCE, PRESSURE_REFERENCE)), 'relevance');
    expect(relevance.score).toBeGreaterThanOrEqual(4);
  });

  it('quotes measured results ("18%") as specificity evidence before number words ("two", "four")', () => {
    const specificity = dimension(gradeOffline(input(LEAD_QUESTION, LEAD_REFERENCE, CHURN_STORY)), 'specificity');
    expect(specificity.score).toBe(5);
    const quoted = [...specificity.rationale.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
    expect(quoted[0]).toBe('18%');
    expect(quoted).not.toContain('two years');
    expect(quoted).not.toContain('four');
  });

  it('always gives a strong story at least one improvement', () => {
    const result = gradeOffline(input(LEAD_QUESTION, LEAD_REFERENCE, CHURN_STORY));
    expect(result.overall).toBeGreaterThanOrEqual(4.5);
    expect(result.improvements.length).toBeGreaterThanOrEqual(1);
    expect(result.improvements[0]).toMatch(/^Next step: /);
  });
});

describe('STAR credit needs the story to earn it (grader 2026.11.18)', () => {
  const BUG_QUESTION = 'Tell me about a time a model failed in production. How did you handle it?';
  const THIN = 'We had a bug. I looked at it. I fixed it.';
  const FULL_WITH_TASK =
    'At my last job our nightly fraud-scoring batch started crashing two days before a quarterly audit. I was on call and my goal was to get the scores out before the audit deadline. ' +
    'I traced the crash to a schema change upstream, pinned the old schema and added a contract test so the next change would fail in CI. The batch ran that night and the audit went ahead on time.';
  const NO_TASK_LINE =
    'At my last job our nightly fraud-scoring batch started crashing two days before a quarterly audit. ' +
    'I traced the crash to a schema change upstream, pinned the old schema and added a contract test so the next change would fail in CI. The batch ran that night and the audit went ahead on time.';

  it('does not infer a task from a thin story ("We had a bug. I looked at it. I fixed it.")', () => {
    const thin = gradeOffline(input(BUG_QUESTION, PRESSURE_REFERENCE, THIN));
    const task = dimension(thin, 'task');
    expect(task.score).toBeLessThanOrEqual(2);
    expect(task.rationale).not.toMatch(/clear from the situation/);
    expect(thin.improvements.join(' ')).not.toMatch(/it is clear from the story/);
    expect(thin.missingPoints.join(' ')).toMatch(/Task/);
  });

  it('still reads the task from a story that tells the problem and the steps with substance, below an explicit one', () => {
    const implied = dimension(gradeOffline(input(BUG_QUESTION, PRESSURE_REFERENCE, NO_TASK_LINE)), 'task');
    expect(implied.score).toBe(3);
    expect(implied.rationale).toMatch(/clear from the situation/);
    const explicit = dimension(gradeOffline(input(BUG_QUESTION, PRESSURE_REFERENCE, FULL_WITH_TASK)), 'task');
    expect(explicit.score).toBeGreaterThanOrEqual(4);
  });

  it('does not credit a result told only of others when the candidate did nothing ("My teammate rewrote the pipeline…")', () => {
    const others = gradeOffline(
      input(BUG_QUESTION, PRESSURE_REFERENCE, 'Our fraud model failed in production last year. My teammate rewrote the pipeline and it cut latency by 40%.'),
    );
    expect(dimension(others, 'result').score).toBeLessThanOrEqual(2);
    expect(dimension(others, 'result').rationale).toMatch(/others' work/);
    expect(dimension(others, 'ownership').score).toBe(1);
    expect(others.strengths.join(' ')).not.toMatch(/Quantified result/);
    expect(others.improvements.join(' ')).toMatch(/what others achieved/);
  });

  it('still credits a result others helped to when the candidate\'s own steps lead to it', () => {
    const story =
      'Last year at a payments company our fraud model failed in production: scoring took 900 ms per request and checkout timed out. I profiled it and found the feature lookups were serial, ' +
      'so I batched them, and my teammate rewrote the slowest stage in Rust. It cut latency by 40%.';
    const result = gradeOffline(input(BUG_QUESTION, PRESSURE_REFERENCE, story));
    expect(dimension(result, 'result').score).toBeGreaterThanOrEqual(4);
    expect(dimension(result, 'ownership').score).toBeGreaterThanOrEqual(3);
    expect(result.improvements.join(' ')).not.toMatch(/what others achieved/);
  });
});

describe('a pressure story told by its timeline (grader 2026.11.18)', () => {
  const STORY =
    'At my last job the client demo of our search ranker was on Friday and the model broke on Wednesday. I rolled back to the last good checkpoint, ' +
    'found a bad feature join and fixed it with a test, because a quick retrain would have hidden the bug. The demo went ahead on Friday and the client signed.';

  it('reads a story whose deadline is close ahead as about pressure without the word, as a story or as a process answer', () => {
    const story = dimension(gradeOffline(input(PRESSURE_QUESTION, PRESSURE_REFERENCE, STORY)), 'relevance');
    expect(story.score).toBeGreaterThanOrEqual(4);
    const approach = dimension(
      gradeOffline({ ...input('How do you handle pressure?', PRESSURE_REFERENCE, STORY), rubric: 'approach' }),
      'relevance',
    );
    expect(approach.score).toBeGreaterThanOrEqual(4);
  });

  it('still finds a story with no deadline in it off the topic of pressure', () => {
    const offTopic =
      'In my spare time I built a board-game recommender for friends. I engineered features from game descriptions and tested it on my own collection, and two friends rated games for me.';
    const relevance = dimension(gradeOffline({ ...input('How do you handle pressure?', PRESSURE_REFERENCE, offTopic), rubric: 'approach' }), 'relevance');
    expect(relevance.score).toBeLessThanOrEqual(2);
    expect(relevance.rationale).toContain('"pressure"');
  });
});

describe('blame told as cause and effect, and what a blaming story is praised for (grader 2026.11.19)', () => {
  const CHALLENGE = 'Tell me about a challenging project.';
  const FAILED = 'Tell me about a project that failed.';
  const noReference = (question: string, answer: string): GradeInput => ({ ...input(question, '', answer), reference: { answers: [], notes: [], fromRelated: false } });
  const blameAdvice = (result: GradeResult): boolean => result.improvements.some((line) => /interviewers hear blame/.test(line));

  it('names blame put on others by "cancelled because of them" and "I did my part perfectly", and praises nothing of such a story', () => {
    const cancelled = gradeOffline(
      noReference(
        CHALLENGE,
        "The biggest challenge was my teammates. The data engineer kept breaking the pipeline and the product manager changed requirements every week, so honestly nothing I built could succeed. I did my part perfectly, but the project was cancelled because of them. I learned that you can't rely on other people.",
      ),
    );
    expect(blameAdvice(cancelled)).toBe(true);
    expect(dimension(cancelled, 'ownership').score).toBeLessThanOrEqual(2);
    expect(cancelled.strengths.join(' ')).not.toMatch(/Quantified result|Reflects on what you learned/);
  });

  it('reads what someone else got wrong, told as the story\'s situation, as a fact and not as blame', () => {
    for (const [question, story] of [
      ['Tell me about a time you had to work under pressure.', "Two days before our Black Friday launch at an online retailer, the vendor that supplies our product feed sent us the wrong timezone in every timestamp, and our demand forecasts shifted by a full day. I was the engineer responsible for the forecasting pipeline. I wrote a correction step that re-parsed the timestamps using the vendor's documented offset, backfilled the last thirty days, and added a validation check that compares feed times against our own order logs. I also called the vendor's engineer to agree a fix on their side. We launched on time, forecast error stayed at 8% over the weekend, and the validation check has caught two more feed problems since. I learned to validate every external feed at the boundary rather than trust it."],
      ['Tell me about a time a model failed in production. How did you handle it?', "Last spring our pricing model started quoting negative prices for a few hundred products. A colleague had shipped a feature change on Friday and the staging tests didn't test the new feature properly because our test fixtures had no discount items. I was on call, so I rolled the model back within thirty minutes, then paired with my colleague on Monday to add discount items to the fixtures and a range check on prices before publishing. Since then we've had no negative quotes, and I now review test fixtures for every feature change."],
      ['Tell me about a time you had to deal with a difficult stakeholder.', "At my last job the marketing director gave us wrong requirements for a lead scoring model: she asked for a score of who would buy, but what she actually needed was who would respond to an email. I noticed this when I showed her the first version and she was confused by the top leads. I sat down with her and her analyst, walked through three real campaigns, and we rewrote the target together as email response within seven days. I retrained the model on that target and response rates on the top decile went up 40%. I learned to agree on the target with examples before building anything."],
    ] as const) {
      const result = gradeOffline(noReference(question, story));
      expect(blameAdvice(result), question).toBe(false);
    }
  });

  it('reads "I didn\'t test it properly" as owning the failure and "succeeded because of them" as credit, not blame', () => {
    const own = gradeOffline(
      noReference(
        FAILED,
        "Last spring I shipped a churn model for our subscription product. I didn't test it properly on the newest cohort, and two weeks after launch recall fell from 70% to 40% because the signup flow had changed. I rolled it back, added a cohort check to our validation suite and retrained on the new data, and recall came back to 68% within a week. I learned to test on the most recent slice before any launch.",
      ),
    );
    expect(blameAdvice(own)).toBe(false);
    expect(dimension(own, 'ownership').score).toBeGreaterThanOrEqual(4);
    const credit = gradeOffline(
      noReference(
        CHALLENGE,
        'Last year I led a fraud model rebuild with two data engineers on a six-week deadline. I owned the features and the evaluation; I set up a daily sync and split the pipeline so each of us could ship a part on our own. We shipped a week early and cut false positives by 30%, and the launch succeeded because of them as much as me. I learned to split work by interfaces early.',
      ),
    );
    expect(blameAdvice(credit)).toBe(false);
    expect(credit.strengths.join(' ')).toMatch(/Quantified result/);
  });
});

describe('pasted story questions answered in the story\'s own words (grader 2026.11.19)', () => {
  const noReference = (rubric: GradeInput['rubric'], question: string, answer: string): GradeInput => ({
    ...input(question, '', answer),
    rubric,
    reference: { answers: [], notes: [], fromRelated: false },
  });
  const askedAnother = (result: GradeResult): boolean => result.improvements.some((line) => /Answer the question that was asked/.test(line));

  it('reads a mistake story, a learning story and a why-this-role answer as on topic without the question\'s noun', () => {
    for (const [rubric, question, answer] of [
      ['star', 'Tell me about a time you made a mistake at work.', "Last spring I pushed a feature change to our ranking model on a Friday without checking that the feature was also populated in the online store. It wasn't, so in production the feature was always zero and click-through dropped 6% over the weekend. I spotted it Monday morning in the dashboard, rolled back within an hour, and wrote the post-mortem. I then added a check in our CI that compares offline and online feature distributions before any deploy, and we haven't had a training-serving mismatch since."],
      ['star', 'Tell me about a time you had to learn something new quickly.', "Two weeks before a client demo, our speech vendor dropped support and I had to get a Whisper-based pipeline running, though I'd never worked with audio. I read the paper and the reference code over a weekend, built a small test set of 200 client recordings, and compared three model sizes for word error rate and latency on our GPU. The medium model hit 9% WER at half real-time, we shipped it for the demo, and I wrote a short internal guide that two other teams have used since."],
      ['motivation', 'Why are you interested in this role?', "I want to move from building models to owning them in production, and this role is explicitly about the serving and monitoring side of your recommender. I've spent the last year on exactly that at my current job, moving our churn model to streaming features, and I want to do it at your scale, tens of millions of users, where the hard problems are latency and feedback loops."],
    ] as const) {
      const result = gradeOffline(noReference(rubric, question, answer));
      expect(dimension(result, 'relevance').score, question).toBeGreaterThanOrEqual(4);
      expect(askedAnother(result), question).toBe(false);
    }
  });

  it('still finds a story about something else off the topic of a mistake', () => {
    const result = gradeOffline(
      noReference(
        'star',
        'Tell me about a time you made a mistake at work.',
        'Last year I led the migration of our feature store to a new cloud provider. I planned the cut-over in three phases, wrote the runbooks and trained two engineers, and we moved forty pipelines in six weeks with no downtime.',
      ),
    );
    expect(dimension(result, 'relevance').score).toBeLessThanOrEqual(2);
  });
});

describe('a step introduced by the candidate\'s role is still the candidate\'s (grader 2026.11.19, round 12)', () => {
  const noReference = (question: string, answer: string): GradeInput => ({ ...input(question, '', answer), reference: { answers: [], notes: [], fromRelated: false } });
  const FAILED_IN_PRODUCTION = 'Tell me about a time a model failed in production. How did you handle it?';
  const story = (roleAndStep: string): string =>
    "Last spring our pricing model started quoting negative prices for a few hundred products. A colleague had shipped a feature change on Friday and the staging tests didn't test the new feature properly because our test fixtures had no discount items. " +
    `${roleAndStep} Since then we've had no negative quotes, and I now review test fixtures for every feature change.`;

  it('credits "I was on call, so I rolled the model back" as the candidate\'s action and ownership, and keeps it as the task', () => {
    for (const roleAndStep of [
      'I was on call, so I rolled the model back within thirty minutes, then paired with my colleague on Monday to add discount items to the fixtures.',
      'I was on call and rolled the model back within thirty minutes, then paired with my colleague on Monday to add discount items to the fixtures.',
      'It was my responsibility that week, so I rolled the model back within thirty minutes and added discount items to the fixtures with my colleague.',
      'I was the only one who knew the pricing service, and I rolled the model back within thirty minutes before adding discount items to the fixtures.',
    ]) {
      const result = gradeOffline(noReference(FAILED_IN_PRODUCTION, story(roleAndStep)));
      expect(dimension(result, 'ownership').score, roleAndStep).toBeGreaterThanOrEqual(3);
      expect(dimension(result, 'ownership').rationale, roleAndStep).not.toMatch(/nothing you did/);
      expect(dimension(result, 'action').score, roleAndStep).toBeGreaterThanOrEqual(3);
      expect(dimension(result, 'task').score, roleAndStep).toBeGreaterThanOrEqual(4);
      expect(result.missingPoints.join(' '), roleAndStep).not.toMatch(/Action|Task/);
    }
  });

  it('still reads a role or a goal told with no step of its own as the task alone', () => {
    for (const text of ['I was on call that week and responsible for the pricing model.', 'I needed to get prices right before the Monday sale.', 'I was asked to own the fix.', 'I was the lead and decided to roll back.']) {
      const [sentence] = classifySentences(readAnswer(`Last spring our pricing model broke. ${text} I rolled it back.`).sentences).slice(1);
      expect(sentence?.part, text).toBe('task');
    }
  });
});

describe('a fault denied for oneself, and a lesson drawn against others (round 12, a candidate\'s findings)', () => {
  const FAILED = 'Tell me about a project that failed. What did you learn from it?';
  const PRODUCTION = 'Tell me about a time a model failed in production. How did you handle it?';
  const noReference = (question: string, answer: string): GradeInput => ({ ...input(question, '', answer), reference: { answers: [], notes: [], fromRelated: false } });
  const blameAdvice = (result: GradeResult): boolean => result.improvements.some((line) => /interviewers hear blame/.test(line));

  it('reads "it wasn\'t my fault" and "their process problem, not ours" as blame, first in the advice, and praises no lesson', () => {
    const denied = gradeOffline(
      noReference(
        FAILED,
        "We built a demand forecasting model that failed in production. Honestly it wasn't my fault: the data engineering team gave us garbage data and product kept changing requirements. I did my part of the modelling fine, but the project got cancelled after three months because management didn't understand ML. What I learned is that you can't succeed when other teams don't do their job.",
      ),
    );
    expect(denied.improvements[0]).toMatch(/"Honestly it wasn't my fault.*interviewers hear blame/);
    expect(dimension(denied, 'ownership').score).toBe(1);
    expect(dimension(denied, 'result').score).toBe(1);
    expect(denied.strengths.join(' ')).not.toMatch(/Reflects on what you learned/);
    const theirs = gradeOffline(
      noReference(
        PRODUCTION,
        'A model failed in production because the MLOps team deployed the wrong version. I pointed it out in the incident channel and they fixed it after a few hours. It was their process problem, not ours.',
      ),
    );
    expect(theirs.improvements[0]).toMatch(/"It was their process problem, not ours\."/);
    expect(theirs.improvements.join(' ')).not.toMatch(/Result is unquantified/);
    expect(dimension(theirs, 'ownership').score).toBe(1);
  });

  it.each([
    ['none of it was our fault', 'None of it was our fault; the platform team broke the cluster twice that month.'],
    ['the vendor\'s mistake, not mine', "It was the vendor's mistake, not mine, and the pilot slipped by two weeks."],
    ['a lesson that others fail', 'I learned that you cannot rely on other teams to test anything properly.'],
  ])('reads %s as blame', (_name, blaming) => {
    const story =
      `On our churn project last spring at a telecom company, a colleague owned the evaluation pipeline. ${blaming} ` +
      'I reported it to my manager, rewrote the evaluation myself and re-ran the training. We shipped a month late.';
    const result = gradeOffline(noReference(PRODUCTION, story));
    expect(result.improvements[0]).toMatch(/interviewers hear blame/);
    expect(dimension(result, 'ownership').score).toBe(1);
  });

  it.each([
    ['a share of the fault kept', "It wasn't my fault alone: I had signed off on the data without profiling it."],
    ['a denial reported, not made', "I never said it wasn't my fault; I had skipped the data check myself."],
    ['a lesson the candidate acts on', "I learned that other teams don't know our constraints unless we tell them, so now I share a one-page spec at kickoff."],
    ['another person cleared', "It wasn't his fault: he was covering for two people that month."],
  ])('does not read %s as blame', (_name, sentence) => {
    const story =
      `In 2023 at a logistics company I owned the route optimiser for 40 depots, with six weeks to launch. ${sentence} ` +
      "I built the first version on last month's traces and agreed with ops to pilot in two depots. Routes were 12% shorter, and I learned to plan for late dependencies.";
    const result = gradeOffline(noReference('Tell me about a time you had to work under pressure.', story));
    expect(blameAdvice(result), sentence).toBe(false);
    expect(dimension(result, 'ownership').score).toBeGreaterThanOrEqual(4);
  });

  // Strong stories in which someone else's mistake is the situation the candidate then acts on (a team's unannounced
  // change, a vendor's wrong labels, a colleague's broken upgrade, "the root cause was the provider's feed, not the
  // model"): written to be hard for the new readings; each was graded the same before and after them.
  const STRONG: readonly (readonly [string, string])[] = [
    ["Tell me about a time a model failed in production. How did you handle it?",
      "Last March at a payments company, our fraud model's precision dropped from 0.82 to 0.55 overnight. The data engineering team had changed the merchant category codes in the feature store without telling us, so a third of our features were shifted. I was on call, so I rolled back to the previous model version within forty minutes and wrote to the data team's lead with the diff I had found. I then added a schema check to our pipeline that fails the job when a categorical feature's values change, and I proposed a change log that both teams now sign off. Precision came back to 0.81 the same day, and the check has since caught two more silent changes. I learned to validate every upstream contract at the boundary."],
    ["Tell me about a project that failed. What did you learn from it?",
      "In 2022 I led a demand forecasting model for a grocery chain that we cancelled after four months. Product changed the forecast horizon twice, and the data engineers delivered the store-level sales feed six weeks late because of a migration. Looking back, I should have pushed for a written target before we started, and I built features on data I had never profiled. I ran a retrospective with both teams, wrote down what each of us could have done earlier, and for my next project I agreed the horizon and the evaluation metric in a one-page spec signed by product before writing any code. That project shipped on time and cut stock-outs by 9%. The biggest lesson for me was to make the target concrete early and to profile data before modelling."],
    ["Tell me about a time you worked with a difficult team member.",
      "On a recommendation project last year, a senior backend engineer kept rejecting my pull requests for the feature service with one-line comments. He had been paged at night twice because of an earlier feature service that nobody had load-tested. I asked him for thirty minutes, listened to what had gone wrong, and proposed that I add load tests and a latency budget to every PR. I also paired with him on the first review so I understood his standards. After that my PRs were approved in a day instead of a week, and p95 latency stayed under 80 ms through the launch. I learned to ask what a reviewer is afraid of before arguing about the code."],
    ["Tell me about a time you had to work under pressure.",
      "Three days before a board demo at my last startup, the labelling vendor sent back 4,000 images with the wrong class map, so our defect detector's recall fell to 0.40. It was the vendor's mistake, but the demo was mine to deliver. I wrote a script that detected the swapped classes from the label distribution, relabelled the affected batch, and retrained overnight on our two GPUs. I also called the vendor to agree a validation step on their side. Recall was back at 0.88 for the demo, which went ahead on schedule, and the board approved the next funding round. I learned to sample-check every labelled batch the day it arrives."],
    ["Tell me about a time you had to deal with a difficult stakeholder.",
      "At an insurance company, the claims director asked for a fraud score and then rejected the first version because it flagged her best agents' claims. Her team had given us labels that mixed fraud with simple paperwork errors, which nobody had noticed. I sat with two of her analysts for a day, went through fifty flagged claims with them, and we agreed a new label definition. I retrained the model on the relabelled data and built a dashboard showing why each claim was flagged. The director signed off two weeks later, and investigators found 30% more confirmed fraud in the first quarter. I learned to check what a label means with the people who create it."],
    ["Tell me about a time a model failed in production. How did you handle it?",
      "At a ride-hailing company, our ETA model started under-predicting by five minutes in one city. The root cause was the map provider's road closure feed, which had stopped updating, not the model itself. I was the owner of the ETA service, so I switched that city to a fallback model trained without the closure feature within an hour, and I opened a ticket with the provider with the evidence. I then added freshness monitoring on every external feed, with an alert when a feed is more than thirty minutes stale. The error went back under one minute that evening, and the freshness alert fired twice in the next quarter before users noticed anything. I learned to monitor the inputs, not only the outputs."],
    ["Tell me about a project that failed. What did you learn from it?",
      "My first churn model at a telecom never reached production. The CRM team's export dropped customers who had cancelled by phone, so my training data had almost no churners from our biggest segment, and I only found out when the pilot's recall was 0.20. It wasn't only their export: I had not compared my data with the finance churn numbers, which would have shown the gap in a day. I rebuilt the dataset from the billing system, agreed a reconciliation check with the CRM team, and the second version reached a recall of 0.61 in the pilot. Since then I reconcile every training set against an independent count before modelling."],
    ["Tell me about a time you resolved a conflict with a colleague.",
      "On a search ranking project, a data scientist on my team and I disagreed about the offline metric: she wanted NDCG@10, I wanted click-through at position one. Her earlier experiment had a bug in the evaluation script, which had made NDCG look better than it was, and I was tempted to use that against her. Instead I proposed that we fix the script together and run both metrics against last quarter's A/B results. NDCG@10 turned out to track the online results better, so we adopted it, and I said so in the team meeting. Our next two launches both moved the online metric as predicted. I learned to settle metric debates with data we both trust."],
    ["Tell me about a time you had to adapt to a major change at work.",
      "Halfway through a six-month project at a bank, the platform team deprecated the Spark cluster our training pipeline ran on and gave us eight weeks to move. Their migration guide was wrong about how the new cluster handled secrets, which cost us a week. I owned the pipeline, so I planned the move in three stages, wrote a small test harness that compared outputs between the old and new clusters row by row, and documented the secrets fix for the other teams. We moved with two weeks to spare and no difference in model outputs, and three other teams reused the harness. I learned to build a comparison harness before any migration."],
    ["Tell me about a time you mentored a junior team member.",
      "When a new graduate joined my team, her first pipeline kept failing in review because the previous owner had left no documentation and several tests were broken. She thought it was her fault. I paired with her for an hour a day for two weeks, fixed the broken tests with her, and had her write the documentation as she learned the code. I also set up a checklist for reviews so the feedback was consistent. Within a month she was reviewing other people's code, and her pipeline cut the evaluation time from six hours to forty minutes. I learned that a good first task for a new person needs a working baseline."],
    ["Tell me about a time a model failed in production. How did you handle it?",
      "Last year a sentiment model I owned started labelling every Spanish review as negative. A colleague had merged a tokenizer upgrade that dropped accented characters, and our tests only covered English. I rolled back the tokenizer within the hour, then wrote multilingual test cases for the five languages we serve and added them to CI. I also walked my colleague through what had happened, without making it about him, and we agreed that any dependency upgrade runs the full language suite. Spanish accuracy went back to 0.89, and CI has caught two similar regressions since. I learned that test coverage has to follow the traffic, not the team's language."],
  ];

  it('leaves strong stories that tell others\' mistakes as their situation without blame', () => {
    expect(STRONG.length).toBeGreaterThanOrEqual(10);
    for (const [question, story] of STRONG) {
      const result = gradeOffline(noReference(question, story));
      expect(blameAdvice(result), story.slice(0, 60)).toBe(false);
      expect(dimension(result, 'ownership').score, story.slice(0, 60)).toBeGreaterThanOrEqual(3);
      expect(result.overall, story.slice(0, 60)).toBeGreaterThanOrEqual(3.5);
    }
  });
});

describe('owning up after saying the fault was not ours (round-12 review)', () => {
  it.each([
    "Strictly speaking it wasn't our problem, the data came from their own CRM export, but the account was at risk.",
    "Technically it was the platform team's responsibility, not mine, but our launch depended on it, so I took it on.",
    'The outage itself was not our doing, but I had designed the serving path, so the recovery was mine.',
    "The delay wasn't really our fault, but I owned the relationship with the risk team, so it was my job to tell them.",
    "It was the vendor's mistake, not ours, but finance needed the numbers, so I patched the table locally.",
    'It was not my job, but the launch depended on it, so I took it on.',
    'It was not my fault alone: I had skipped the review that would have caught it.',
  ])('reads "%s" as taking the problem on, not as blame', (sentence) => {
    expect(blameAt(sentence)).toBe(-1);
  });

  it('keeps a denial left with others, and a lesson against them, as blame', () => {
    expect(blameAt("Honestly it wasn't my fault: the data engineering team gave us garbage data and product kept changing requirements.")).toBeGreaterThanOrEqual(0);
    expect(blameAt('It was their process problem, not ours.')).toBeGreaterThanOrEqual(0);
    expect(blameAt("What I learned is that you can't succeed when other teams don't do their job.")).toBeGreaterThanOrEqual(0);
  });

  it('reads a lesson about others that ends in a practice as a lesson', () => {
    expect(blameAt("I learned that you can't rely on people remembering manual steps under deadline pressure, and automation is the answer.")).toBe(-1);
    expect(blameAt("I learned that other teams don't share context unless someone asks them directly.")).toBe(-1);
  });
});
