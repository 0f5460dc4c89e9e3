import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../../../src/contracts/feedback-schema.js';
import { createOfflineGrader } from '../../../src/grading/offline/offline-grader.js';
import { focusOf } from '../../../src/grading/offline/self-presentation-grader.js';
import type { RubricId } from '../../../src/contracts/rubric-schema.js';
import { getRubric } from '../../../src/grading/rubrics.js';
import { behaviouralQuestionInput, scoreOf as score } from './fixtures.js';

/*
 * One offline grader per non-story question type. Answers are written for these tests: a strong one per
 * type, and variants with one thing taken away, which must lower the dimension that thing serves. No
 * reference answer is given, so nothing here can be earned by resembling one.
 */

const grader = createOfflineGrader();
const VAGUE = 'I think this is important and I always try my best. It depends on the situation.';

const grade = (rubric: RubricId, question: string, answer: string): Promise<GradeResult> => grader.grade(behaviouralQuestionInput(rubric, question, answer));

interface TypeCase {
  rubric: RubricId;
  question: string;
  strong: string;
  /** A variant missing one thing, and the dimension that must drop. */
  planted: ReadonlyArray<{ name: string; answer: string; drops: string }>;
}

const CASES: readonly TypeCase[] = [
  {
    rubric: 'approach',
    question: 'How do you handle missing data in your projects?',
    strong:
      "First I measure how much is missing per column and check whether it is missing at random, because the pattern decides the fix. If a column is mostly empty I drop it; for a few gaps in numeric features I use median imputation, and for correlated features I use iterative imputation with scikit-learn's IterativeImputer. I always add a missing-indicator feature so the model can learn from the gap itself. Then I compare validation scores with and without each choice to check it helped. For example, on a loan-default model at my last job, 30% of income values were missing; I imputed them with IterativeImputer plus an indicator, and AUC rose from 0.74 to 0.79.",
    planted: [
      {
        name: 'without the example',
        drops: 'example',
        answer:
          "First I measure how much is missing per column and check whether it is missing at random, because the pattern decides the fix. If a column is mostly empty I drop it; for a few gaps in numeric features I use median imputation, and for correlated features I use iterative imputation with scikit-learn's IterativeImputer. I always add a missing-indicator feature so the model can learn from the gap itself. Then I compare validation scores with and without each choice to check it helped.",
      },
      {
        name: 'as a list of technique names',
        drops: 'method',
        answer: 'I handle missing data using several techniques like imputation, dropping rows, and advanced methods.',
      },
    ],
  },
  {
    rubric: 'opinion',
    question: 'What is your favourite machine learning algorithm and why?',
    strong:
      'My favourite is gradient boosting, in particular LightGBM. It wins on tabular data because each tree corrects the errors of the ones before it, so it captures non-linear interactions without much feature engineering. It also trains fast and handles missing values natively. For example, on a churn model at my last job it beat a tuned neural network by four AUC points with a tenth of the training time. Its weakness is that it overfits small, noisy datasets and is harder to explain than a linear model, so for a regulated credit decision I would still start with logistic regression. But for most tabular problems it is my default.',
    planted: [
      {
        name: 'without its limits',
        drops: 'nuance',
        answer:
          'My favourite is gradient boosting, in particular LightGBM. It wins on tabular data because each tree corrects the errors of the ones before it, so it captures non-linear interactions without much feature engineering. It also trains fast and handles missing values natively. For example, on a churn model at my last job it beat a tuned neural network by four AUC points with a tenth of the training time.',
      },
      {
        name: 'without a position',
        drops: 'position',
        answer: 'There are many good algorithms and they all have their uses. It depends on the problem and the data.',
      },
    ],
  },
  {
    rubric: 'self-presentation',
    question: 'Tell me about yourself.',
    strong:
      "I'm currently a machine learning engineer at Finlytics, where I own the fraud-scoring models; last year I cut false positives by 30% by rebuilding the feature pipeline. Before that I studied computer science at Leeds and spent two years as a data analyst at a retail chain, where I built my first demand-forecasting model in Python. I'm now looking for a role where I can work on large-scale ranking problems, which is why this position on your search team excites me.",
    planted: [
      {
        name: 'without the future',
        drops: 'structure',
        answer:
          "I'm currently a machine learning engineer at Finlytics, where I own the fraud-scoring models; last year I cut false positives by 30% by rebuilding the feature pipeline. Before that I studied computer science at Leeds and spent two years as a data analyst at a retail chain, where I built my first demand-forecasting model in Python.",
      },
      {
        name: 'as adjectives',
        drops: 'evidence',
        answer: 'I am a passionate, hard-working and detail-oriented person who loves machine learning and always wants to learn more about data.',
      },
    ],
  },
  {
    rubric: 'self-presentation',
    question: 'What is your greatest weakness?',
    strong:
      'Public speaking used to be a real weakness of mine: in design reviews I would rush through my slides and skip the trade-offs. Last year I joined a Toastmasters group and started rehearsing every review with a colleague the day before. Since then my reviews run on time, and my manager noted in my last appraisal that my presentations are now among the clearest on the team.',
    planted: [
      { name: 'as a cliché', drops: 'self-awareness', answer: "I'm a perfectionist and I work too hard, so sometimes I care too much about my work." },
      {
        name: 'without what is done about it',
        drops: 'structure',
        answer: 'Public speaking is a real weakness of mine: in design reviews I tend to rush through my slides and skip the trade-offs, and people lose track.',
      },
    ],
  },
  {
    rubric: 'motivation',
    question: 'Why do you want to work here?',
    strong:
      'Three things draw me to this team. First, your fraud platform scores payments in under 50 milliseconds, and I spent the last year cutting latency on a smaller scoring service, so I know how hard that is and I want to learn from people doing it at ten times the scale. Second, your engineering blog post on label delay in chargebacks described exactly the problem I fought at my last job, where I built a delayed-label correction that lifted recall by 12%. Third, the role is on the team that owns model monitoring, which is where I want to grow. I could bring the drift alerts I built to your pipeline in my first months.',
    planted: [
      {
        name: 'as generic praise',
        drops: 'specifics',
        answer:
          "I am excited about the opportunity to work at your company because I admire the innovative projects you are working on. I believe my skills and passion for AI align well with your company's mission and goals.",
      },
    ],
  },
  {
    rubric: 'compensation',
    question: 'What are your salary expectations?',
    strong:
      "I'd like to learn more about the responsibilities first, and I'm confident we can reach a fair agreement if we're a mutual fit. Based on Levels.fyi and Glassdoor data for senior ML engineers in London, I'm targeting a base of £95k to £110k. I'm flexible on the mix of base, bonus and equity, and the learning budget matters a lot to me.",
    planted: [
      { name: 'as a demand', drops: 'flexibility', answer: 'I need at least £150k, that is my minimum and it is non-negotiable.' },
      { name: 'left to the employer', drops: 'range', answer: "Whatever you offer is fine, I don't really know the market." },
      {
        name: 'anchored on the current salary',
        drops: 'research',
        answer: "My current salary is £80k, so I'd expect something between £90k and £100k. I'm open to discussing the package.",
      },
    ],
  },
  {
    rubric: 'explanation',
    question: 'How would you explain overfitting to a non-technical stakeholder?',
    strong:
      "Overfitting is when a model memorises its training examples instead of learning the pattern behind them. It is like a student who memorises last year's exam answers: perfect on those questions, lost on new ones. It matters because the model looks great in our tests but makes poor decisions for real customers. To prevent it we keep some data aside that the model never sees, and we test on that before anything goes live.",
    planted: [
      {
        name: 'in jargon',
        drops: 'plain-language',
        answer:
          'Overfitting happens when the variance term dominates the bias-variance decomposition, so the hypothesis class has too much capacity relative to the sample size. We use L2 regularization, early stopping on the validation loss and k-fold cross-validation with stratification to control the generalization gap.',
      },
      {
        name: 'without an analogy',
        drops: 'analogy',
        answer:
          'Overfitting is when a model memorises its training examples instead of learning the pattern behind them. It matters because the model looks great in our tests but makes poor decisions for real customers. To prevent it we keep some data aside that the model never sees, and we test on that before anything goes live.',
      },
    ],
  },
  {
    rubric: 'questions-for-us',
    question: 'Do you have any questions for us?',
    strong:
      "You mentioned the ranking model is retrained weekly. What decides that cadence, and who owns the retraining pipeline? I ask because I built a drift-triggered retraining job in my last role and I'd like to know where it would fit. Also, how does the team split research and product work? And what would success look like for this role after six months?",
    planted: [
      {
        name: 'pay and holidays first',
        drops: 'priorities',
        answer:
          "What's the salary band for this role, and how many holiday days are there? You mentioned the ranking model is retrained weekly. What decides that cadence, and who owns the retraining pipeline? I ask because I built a drift-triggered retraining job in my last role.",
      },
      {
        name: 'questions any job would fit',
        drops: 'specificity',
        answer:
          'What is the culture like? What do you enjoy most about working here? I ask because I want to find a place where I can be happy. Also, what are the next steps in the process?',
      },
      {
        name: 'nothing tied to research or the conversation',
        drops: 'preparation',
        answer: 'What decides how often the ranking model is retrained, and who owns the retraining pipeline? How does the team split research and product work? And what would success look like for this role after six months?',
      },
      {
        name: 'a single question',
        drops: 'questions',
        answer: 'You mentioned the ranking model is retrained weekly, and I built a drift-triggered retraining job in my last role, so I am curious: who owns the retraining pipeline?',
      },
    ],
  },
  {
    rubric: 'logistics',
    question: 'What is your notice period?',
    strong:
      'Four weeks. My contract has a one-month notice period, so I could start on 3 March; my manager has agreed early releases before, so two weeks earlier might be possible.',
    planted: [
      {
        name: 'put off with "it depends"',
        drops: 'answer',
        answer: "It depends on a lot of things, to be honest. I'd rather not commit before we've talked about the role.",
      },
      {
        name: 'a yes taken back: two notice periods',
        drops: 'answer',
        answer: 'Four weeks. Actually, my contract says three months, so it would be June.',
      },
      {
        name: 'a constraint hinted at, not said',
        drops: 'conditions',
        answer: 'Four weeks should be fine. There are a few things to sort out first, but nothing serious.',
      },
      {
        name: 'bargaining over pay in an answer about dates',
        drops: 'flexibility',
        answer: 'Four weeks. My contract has a one-month notice period, so I could start on 3 March, but only if you add a signing bonus for the bonus I lose by leaving.',
      },
      {
        name: 'over-sharing and complaints',
        drops: 'focus',
        answer:
          "Four weeks. My contract has a one-month notice period, so I could start on 3 March. Honestly I can't wait to leave: my manager is toxic and I've been in therapy over it.",
      },
    ],
  },
];

describe.each(CASES)('offline $rubric grader: "$question"', ({ rubric, question, strong, planted }) => {
  it('scores a strong answer of its type well, on the dimensions of its own rubric', async () => {
    const result = await grade(rubric, question, strong);
    expect(result.rubric).toBe(rubric);
    expect(result.dimensions.map((dimension) => dimension.key)).toEqual(getRubric(rubric).dimensions.map((dimension) => dimension.key));
    expect(result.overall).toBeGreaterThanOrEqual(3.8);
    expect(result.improvements.length).toBeGreaterThan(0);
    // A STAR reading never leaks into another type's feedback.
    expect(result.improvements.join(' ')).not.toMatch(/Situation|Task is|Result is/);
  });

  it.each(planted)('lowers the dimension a planted flaw affects: $name', async ({ answer, drops }) => {
    const [full, flawed] = await Promise.all([grade(rubric, question, strong), grade(rubric, question, answer)]);
    expect(score(flawed, drops)).toBeLessThan(score(full, drops));
    expect(flawed.overall).toBeLessThan(full.overall);
  });

  it('scores the vague two-liner far below the strong answer', async () => {
    const [full, vague] = await Promise.all([grade(rubric, question, strong), grade(rubric, question, VAGUE)]);
    expect(vague.overall).toBeLessThanOrEqual(2);
    expect(vague.overall).toBeLessThan(full.overall - 1.5);
  });

  it('is deterministic', async () => {
    const [first, second] = await Promise.all([grade(rubric, question, strong), grade(rubric, question, strong)]);
    expect(second).toEqual(first);
  });
});

describe('offline grader of questions for the interviewer', () => {
  const QUESTION = 'Do you have any questions for us?';

  it('tells a candidate who declines to ask anything to prepare questions, and scores it low', async () => {
    const result = await grade('questions-for-us', QUESTION, 'No, I think you covered everything. Thanks!');
    expect(score(result, 'questions')).toBe(1);
    expect(result.overall).toBeLessThan(2);
    expect(result.improvements[0]).toMatch(/two or three/);
    expect(result.missingPoints).toContain('A question about how success in the role is measured');
  });

  it('reads two questions asked in one sentence, and one asked as a statement', async () => {
    const result = await grade(
      'questions-for-us',
      QUESTION,
      "How do models get from a notebook to production here, who owns the monitoring once they're live? I'd love to know what the biggest problem the ML team is facing this year is.",
    );
    expect(score(result, 'questions')).toBe(5);
    expect(score(result, 'specificity')).toBeGreaterThanOrEqual(4);
  });

  it('does not call a list of questions padding for being made of question words', async () => {
    const result = await grade(
      'questions-for-us',
      QUESTION,
      'What does the first ninety days look like for someone in this role, and what would make you say after six months that the hire was a success? How do models get from a notebook to production here? And what is the biggest problem the ML team is facing this year?',
    );
    expect(score(result, 'concision')).toBe(5);
    expect(result.improvements.join(' ')).not.toMatch(/padding|fragments/);
  });

  it('scores pay asked after the work questions above pay asked first', async () => {
    const work = 'How is success measured for this role in the first six months? What does the team\'s deployment process look like?';
    const last = await grade('questions-for-us', QUESTION, `${work} And what is the bonus structure?`);
    const first = await grade('questions-for-us', QUESTION, `What is the bonus structure? ${work}`);
    expect(score(last, 'priorities')).toBe(3);
    expect(score(first, 'priorities')).toBe(2);
  });
});

describe('offline grader of logistics questions', () => {
  it('reads a refusal with its reasons as no flexibility, and a start date bounded by a notice period as no refusal', async () => {
    const refusal = await grade('logistics', 'Are you willing to be on call for the models you own?', "No. On-call is for ops people, not for ML engineers. I don't do pager duty.");
    expect(score(refusal, 'flexibility')).toBeLessThanOrEqual(2);
    const bounded = await grade('logistics', 'When could you start?', "I can't start before March, because my notice period is three months; the 3rd of March is the earliest.");
    expect(score(bounded, 'flexibility')).toBeGreaterThanOrEqual(3);
  });

  it('takes a plain "no" with the status behind it as a full answer to a question of fact', async () => {
    const result = await grade('logistics', 'Do you need visa sponsorship?', "No, I'm an EU citizen, so I can work in Germany without a permit.");
    expect(score(result, 'answer')).toBe(5);
    expect(score(result, 'flexibility')).toBeGreaterThanOrEqual(4);
    expect(result.overall).toBeGreaterThanOrEqual(4.5);
    expect(result.improvements.join(' ')).not.toMatch(/flat no|key point|mechanism|model answer/i);
  });

  it('calls a yes taken back a contradiction and quotes the sentence that takes it back', async () => {
    const result = await grade('logistics', 'Are you open to relocating to Berlin?', "Yes, I'm open to relocating. But I wouldn't leave Madrid.");
    expect(score(result, 'answer')).toBe(2);
    expect(score(result, 'conditions')).toBe(1);
    expect(result.improvements.join(' ')).toContain("But I wouldn't leave Madrid.");
    expect(result.overall).toBeLessThan(3);
  });

  it('keeps a yes with its real condition apart from a yes taken back', async () => {
    const result = await grade(
      'logistics',
      'Are you open to relocating to Berlin?',
      "Yes. I'd move with my partner, who can work remotely, so I could be in Berlin by June; until then I could work remotely and come in for a week each month.",
    );
    expect(score(result, 'answer')).toBe(5);
    expect(score(result, 'conditions')).toBeGreaterThanOrEqual(4);
    expect(score(result, 'flexibility')).toBeGreaterThanOrEqual(4);
    expect(result.overall).toBeGreaterThanOrEqual(4.5);
  });

  it('reads "four weeks" and "one month" as the same notice, not as a contradiction', async () => {
    const result = await grade('logistics', 'What is your notice period?', 'Four weeks. My notice period is one month, so I can start on 3 March.');
    expect(score(result, 'answer')).toBe(5);
    expect(score(result, 'conditions')).toBeGreaterThanOrEqual(4);
  });

  it('reads a negative that goes on from a yes, a tenure in years and a bonus lost by leaving as no contradiction and no bargaining', async () => {
    const citizen = await grade('logistics', 'Are you authorised to work in the United States without sponsorship?', "Yes, I'm a US citizen. I don't need any sponsorship.");
    expect(score(citizen, 'answer')).toBe(5);
    expect(score(citizen, 'conditions')).toBe(4);
    const tenure = await grade('logistics', 'When could you start?', "Four weeks from signing. I've been in my current role for three years, and my notice is one month.");
    expect(score(tenure, 'answer')).toBe(5);
    const bonus = await grade('logistics', 'When could you start?', "June at the earliest: I'd lose my signing bonus if I left before then.");
    expect(score(bonus, 'flexibility')).toBeGreaterThanOrEqual(3);
    expect(score(bonus, 'conditions')).toBeGreaterThanOrEqual(4);
    for (const result of [citizen, tenure, bonus]) expect(result.overall).toBeGreaterThanOrEqual(4.3);
  });

  it('scores a bare "it depends" low, and asks for a date rather than giving technical advice', async () => {
    const result = await grade('logistics', 'When could you start?', 'It depends.');
    expect(score(result, 'answer')).toBe(1);
    expect(result.overall).toBeLessThan(2);
    expect(result.improvements[0]).toMatch(/Direct answer: open with a date or a period/);
    expect(result.improvements.join(' ')).not.toMatch(/key point|mechanism|fragments|model answer|about something else/i);
  });

  it('gives a flat "no" the advice of a closed door, not of a negotiation', async () => {
    const result = await grade('logistics', 'Are you willing to be on call?', 'No.');
    expect(score(result, 'flexibility')).toBe(2);
    expect(result.improvements.join(' ')).toMatch(/flat no/);
    expect(result.improvements.join(' ')).not.toMatch(/offer stage/);
  });

  it('reads a yes said after its subject, and a no with its alternative, as answers (round-12 review)', async () => {
    const fine = await grade('logistics', 'Are you okay being on call for the models you deploy?', 'One week in six is fine for me, and I prefer owning the models I ship.');
    expect(score(fine, 'answer')).toBe(5);
    const travel = await grade('logistics', 'Are you comfortable travelling for client visits?', 'Not every week, but I could travel for launches and quarterly planning, up to about five days a month.');
    expect(score(travel, 'answer')).toBeGreaterThanOrEqual(4);
  });

  it('takes the ask from the last sentence of an arrangement put to the candidate, so talk about oneself is no yes', async () => {
    const put = 'This role includes an on-call rotation one week in six. Is that okay for you?';
    const aside = await grade('logistics', put, 'I have lived in four countries and I am very adaptable.');
    expect(score(aside, 'answer')).toBeLessThanOrEqual(2);
    const feel = await grade('logistics', 'How do you feel about on-call duties?', 'I have worked in many fast-paced teams and I am very adaptable.');
    expect(score(feel, 'answer')).toBeLessThanOrEqual(2);
    const yes = await grade('logistics', put, 'Yes, that is fine. I was on call for our serving stack at my last job, one week in four, so I know what it involves.');
    expect(score(yes, 'answer')).toBe(5);
  });

  it('gives the flexibility advice an example about what the question asks, not a notice period for every subject', async () => {
    const relocation = await grade('logistics', 'Would you be willing to relocate to Berlin?', 'Yes, but only if you increase the base salary by 20% and cover a year of rent.');
    const relocationAdvice = relocation.improvements.find((line) => line.includes('Flexibility:'));
    expect(relocationAdvice).toMatch(/offer stage/);
    expect(relocationAdvice).toMatch(/move/);
    expect(relocationAdvice).not.toMatch(/released|notice/);
    expect(relocation.improvements.find((line) => line.includes('Honest constraints:'))).toMatch(/move in July/);
    const onCall = await grade('logistics', 'Are you willing to be on call?', 'No.');
    expect(onCall.improvements.find((line) => line.includes('Flexibility:'))).toMatch(/daytime rotation/);
    const start = await grade('logistics', 'When could you start?', 'No earlier than June, and only if you raise the offer by 20%.');
    expect(start.improvements.find((line) => line.includes('Flexibility:'))).toMatch(/released two weeks early|earlier release/);
    expect(start.improvements.find((line) => line.includes('Honest constraints:'))).toMatch(/three-month notice/);
  });

  it('scores a reassurance in place of the fact low on the direct answer and tells the candidate to state the fact', async () => {
    const visa = await grade(
      'logistics',
      'Do you need visa sponsorship?',
      "Honestly, I'm sure something will work out with the visa. I've always managed to sort these things out before, and I'm very adaptable.",
    );
    expect(score(visa, 'answer')).toBeLessThanOrEqual(2);
    expect(score(visa, 'conditions')).toBeLessThanOrEqual(2);
    expect(visa.overall).toBeLessThan(3);
    expect(visa.improvements[0]).toMatch(/state the fact — a yes or a no — instead of "Honestly, I'm sure something will work out with the visa\."/);
    expect(visa.improvements.join(' ')).not.toMatch(/flat no/);
    const start = await grade('logistics', 'When can you start?', "I'm sure we can figure out a date that works for everyone. I'm very flexible.");
    expect(score(start, 'answer')).toBeLessThanOrEqual(2);
    expect(score(start, 'flexibility')).toBeLessThanOrEqual(2);
    expect(start.overall).toBeLessThan(3);
  });

  it('reads talk about oneself as no yes to a yes/no question, and a yes that takes up the question as one', async () => {
    const aside = await grade('logistics', 'Do you need visa sponsorship?', "I've moved countries twice already and I'm really flexible about how we handle it.");
    expect(score(aside, 'answer')).toBeLessThanOrEqual(2);
    const needs = await grade('logistics', 'Do you need visa sponsorship?', "I'd need a new Skilled Worker visa, since mine is tied to my current employer.");
    expect(score(needs, 'answer')).toBe(5);
    const agrees = await grade('logistics', 'Are you willing to be on call?', "I'm happy to do that, one week in six.");
    expect(score(agrees, 'answer')).toBe(5);
  });

  it('reads "I don\'t think so" as a hedged answer and asks for one said without the hedge', async () => {
    const result = await grade('logistics', 'Do you need visa sponsorship?', "I don't think so.");
    expect(score(result, 'answer')).toBe(3);
    expect(result.improvements[0]).toMatch(/say it without the hedge — "I don't think so\."/);
  });

  it('keeps a reassurance that opens with a real yes and a date a full answer', async () => {
    const result = await grade('logistics', 'Are you open to relocating to Berlin?', "Yes, I'm sure it will work out: I could move by June.");
    expect(score(result, 'answer')).toBe(5);
  });

  it('gives a short answer that states the fact full concision, and a short non-answer none of it', async () => {
    const notice = await grade('logistics', 'When can you start?', "Two weeks' notice; I could start March 3.");
    expect(score(notice, 'concision')).toBe(5);
    expect(notice.improvements.join(' ')).not.toMatch(/too short/);
    // Its length is praised once, on the concision dimension, not again among the strengths.
    expect(notice.dimensions.find((dimension) => dimension.key === 'concision')?.rationale).toMatch(/the fact asked for/);
    expect(notice.strengths.join(' ')).not.toMatch(/short|words/i);
    const status = await grade('logistics', 'Do you need visa sponsorship?', "No, I'm an EU citizen.");
    expect(score(status, 'concision')).toBe(5);
    const dodge = await grade('logistics', 'When can you start?', 'It depends.');
    expect(score(dodge, 'concision')).toBeLessThanOrEqual(2);
    // A bare refusal is short for want of its reason, not ideal.
    const refusal = await grade('logistics', 'Are you willing to be on call?', 'No.');
    expect(score(refusal, 'concision')).toBeLessThanOrEqual(2);
  });

  it('holds a technical answer to a logistics question off-topic', async () => {
    const result = await grade(
      'logistics',
      'Can you work from the office three days a week?',
      'Transformers use self-attention to weigh every token against every other token, which lets them model long-range dependencies better than recurrent networks.',
    );
    expect(score(result, 'answer')).toBe(1);
    expect(score(result, 'focus')).toBe(1);
    expect(result.overall).toBeLessThan(2);
    expect(result.improvements.join(' ')).toMatch(/Answer the question that was asked/);
  });
});

describe('offline graders of the behavioural types: details', () => {
  it('finds the real case in a method told with one past event of its own, and none in a habit', async () => {
    const question = 'How do you approach a new machine learning project?';
    const method =
      "I start from the decision: who will use the prediction, what action it drives, and how we'd know it helped, and I agree the offline metric and a baseline with the business owner. Then I check the data: where the labels come from, leakage, how much history. I build the simplest baseline end to end, including a crude deployment path, because integration problems show up late otherwise.";
    const withCase = await grade(
      'approach',
      question,
      `${method} On a pricing project that early end-to-end baseline showed the pricing service could only take daily batches, which ruled out the real-time model we'd planned.`,
    );
    expect(score(withCase, 'example')).toBeGreaterThanOrEqual(4);
    expect(withCase.improvements.join(' ')).not.toMatch(/add one real case/);
    const habit = await grade('approach', question, `${method} In our team we usually build that baseline first and then iterate on features against a fixed validation scheme.`);
    expect(score(habit, 'example')).toBeLessThanOrEqual(2);
  });

  it('does not call a short, conversational salary answer padding, but still calls a long hedging one padding', async () => {
    const question = 'What kind of compensation are you looking for?';
    const tight = await grade(
      'compensation',
      question,
      "From what I see for this level in London, roughly 85 to 100k base, which is where I'd like to be. I'm open on how it's split between base, bonus and equity, so I'd like to hear the full range you have for the role.",
    );
    expect(score(tight, 'concision')).toBeGreaterThanOrEqual(4);
    expect(tight.improvements.join(' ')).not.toMatch(/padding/);
    const hedge =
      "Well, I mean, honestly I think that it is kind of hard for me to say, because it really just depends on a lot of things, you know, and I would not want to say something that is too high or too low for what it is, so I think that I would be happy with whatever you think is fair for me and for the role, and I am sure that we can find something that works for both of us in the end if we talk about it a bit more later on.";
    const hedging = await grade('compensation', question, hedge);
    expect(score(hedging, 'concision')).toBeLessThanOrEqual(2);
  });

  it('reads the focus of a self-presentation question from its wording', () => {
    expect(focusOf('Tell me about yourself.')).toBe('introduction');
    expect(focusOf('What is your greatest weakness?')).toBe('weakness');
    expect(focusOf('What are your strengths and weaknesses?')).toBe('strengths-and-weaknesses');
    expect(focusOf('What are your strengths?')).toBe('strength');
    expect(focusOf('Where do you see yourself in five years?')).toBe('goals');
    expect(focusOf('What tools and technologies are you proficient in?')).toBe('experience');
  });

  it('reads a weakness asked for under another name as a weakness question', () => {
    expect(focusOf('What would your current manager say is an area you need to develop?')).toBe('weakness');
    expect(focusOf('Which areas do you want to improve?')).toBe('weakness');
    expect(focusOf('What criticism have you received most often?')).toBe('weakness');
    expect(focusOf('What are you not so good at?')).toBe('weakness');
    expect(focusOf('What would your manager say you are best at?')).toBe('strength');
  });

  it('names the missing part of an introduction and says how to structure one', async () => {
    const result = await grade('self-presentation', 'Tell me about yourself.', CASES[2]?.planted[0]?.answer ?? '');
    expect(result.missingPoints).toContain('What you want next and why this role');
    expect(result.improvements.join(' ')).toMatch(/present, past, future/);
  });

  it('quotes generic praise back when asking a motivation answer for specific reasons', async () => {
    const result = await grade('motivation', 'Why do you want to work here?', CASES[4]?.planted[0]?.answer ?? '');
    expect(result.improvements.join(' ')).toContain('"I am excited about the opportunity to work at your company');
  });

  it('does not take a method told in the present tense for a hypothetical or generic answer', async () => {
    const result = await grade('approach', CASES[0]?.question ?? '', CASES[0]?.strong ?? '');
    expect(score(result, 'method')).toBe(5);
    expect(result.improvements.join(' ')).not.toMatch(/what you would do|habits/);
  });

  it('counts a measured result in the candidate\'s own setting as an example of a process, but not a hypothetical one', async () => {
    const question = 'How do you measure the success of a machine learning model?';
    const method = 'The business metric it should move, an offline metric that tracks it, compared with a baseline, then an A/B test with guardrails, then monitoring.';
    const real = await grade('approach', question, `${method} Our fraud model's offline recall rose 14%, but success was the 9% drop in losses in the A/B test.`);
    expect(score(real, 'example')).toBe(5);
    expect(real.dimensions.find((dimension) => dimension.key === 'example')?.rationale).toContain('14%');
    const imagined = await grade('approach', question, `${method} If our fraud model's recall rose 14%, I would check whether losses dropped by 9% in the A/B test.`);
    expect(score(imagined, 'example')).toBeLessThanOrEqual(2);
  });

  it('grounds an opinion in the candidate\'s own measured case even without an "I did"', async () => {
    const question = 'What are the opportunities and limitations of generative AI?';
    const view = 'Great where a human checks the output cheaply: extraction, drafting and code. Risky where errors are silent, because it is fluent when wrong.';
    const real = await grade('opinion', question, `${view} Our contract-extraction tool made reviewers 6 times faster.`);
    expect(score(real, 'example')).toBe(5);
    const imagined = await grade('opinion', question, `${view} A contract-extraction tool could make reviewers 6 times faster.`);
    expect(score(imagined, 'example')).toBeLessThan(5);
  });

  it('caps relevance when an answer uses none of the question\'s topic words', async () => {
    const result = await grade(
      'approach',
      'How do you handle missing data in your projects?',
      'I prioritise my tasks every Monday with an Eisenhower matrix, because urgent work otherwise crowds out important work. Then I block focus time in my calendar and review the plan with my manager on Fridays.',
    );
    expect(score(result, 'relevance')).toBeLessThanOrEqual(2);
    expect(result.dimensions.find((dimension) => dimension.key === 'relevance')?.rationale).toContain('"missing"');
  });
});
