import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { parseCorpus } from '../../src/corpus/parse-corpus.js';
import { classifyQuestion } from '../../src/contracts/classify-question.js';
import type { QuestionType } from '../../src/contracts/question-type.js';

/*
 * Phrasings an interviewer (or a candidate pasting a question) actually uses, none of them copied from
 * the corpus: the curated mapping covers the corpus, the classifier covers everything else. The last
 * phrasings of each type came in two batches written before the rules that now read them: the first
 * batch read 27 of 52 right, which led to weighted cues; the second, written after that, read 35 of 48
 * (every miss fell back to technical; no technical question was read as behavioural).
 */
const PHRASINGS: Record<QuestionType, readonly string[]> = {
  story: [
    'Tell me about a time you disagreed with your manager.',
    'Describe a situation where you had to meet a tight deadline.',
    'Give me an example of a time you took the lead on something.',
    'Can you share an example of a project where things went wrong?',
    'Walk me through a time when a model you shipped broke in production.',
    'Have you ever had to push back on a stakeholder?',
    'Tell us about a challenging project you worked on recently.',
    'What was the biggest mistake you made in a project, and what did you do about it?',
    'Describe a conflict you had with a teammate and how you resolved it.',
    'Tell me about your proudest accomplishment.',
    'When was the last time you changed your mind because of data?',
    'What is the hardest bug you have ever fixed?',
    'Give an example of how you influenced a decision without authority.',
    'How did you handle a situation where requirements kept changing?',
    'Tell me about a failure and what you learned from it.',
    'Describe a time you had to learn a new tool quickly.',
    'Talk me through a decision you made that turned out to be wrong.',
    'Recount an instance where you had to convince a skeptical stakeholder.',
    'What is an example of a time you went beyond what was asked?',
    'Have you had to deliver bad news to a manager? How did it go?',
    'Think back to a project with unclear requirements. What did you do?',
    "Describe the most complex data pipeline you've built.",
    'When did you last receive critical feedback, and what happened next?',
    'Give me a specific instance where you improved a team process.',
    'Can you walk us through a situation where you had to make a call with incomplete data?',
    'Describe a project where you had to learn something completely new.',
    "What's the biggest technical risk you've taken, and how did it play out?",
    'Share a moment when you disagreed with the direction of a project.',
    'Tell us about an outage you were involved in.',
    'How did you deal with a teammate who missed their deadlines?',
    'What did you do the last time a model you owned degraded?',
    'Give an example where your analysis changed a business decision.',
  ],
  'self-presentation': [
    'Tell me about yourself.',
    'Can you introduce yourself?',
    'Walk me through your resume.',
    'What is your greatest weakness?',
    'What are your biggest strengths?',
    'Where do you see yourself in five years?',
    'What are your long-term career goals?',
    'Which programming languages and frameworks are you most comfortable with?',
    'What is your experience with MLOps?',
    'Describe your background in natural language processing.',
    'Why should we hire you?',
    'What makes you a good fit for this team?',
    'How would your colleagues describe you?',
    'What areas of improvement are you working on?',
    'Give us a quick introduction to your profile.',
    'Summarise your career so far in a couple of minutes.',
    'What would your last manager say is your biggest area for growth?',
    'What skills set you apart from other candidates?',
    'How would you describe your working style?',
    'What are you hoping to achieve professionally in the long run?',
    'Tell me a bit about your experience with cloud platforms.',
    'What do you consider your greatest professional strength?',
    'Which parts of the ML lifecycle are you most experienced in?',
    'How would your teammates describe working with you?',
    'What is one thing you would like to get better at?',
    'Briefly, who are you and what do you do?',
    'What kind of engineer do you want to become?',
    "What's your background in statistics?",
    'Which of your skills are you most proud of?',
    'Where are you in your career right now?',
  ],
  motivation: [
    'Why do you want to work here?',
    'Why this company?',
    'What got you into machine learning?',
    'What attracted you to this role?',
    'Why are you leaving your current job?',
    'What excites you about working on our recommendation team?',
    'Why did you choose data science as a career?',
    'What do you know about our company?',
    'What are you looking for in your next role?',
    'What motivates you at work?',
    'Why ML?',
    'Why are you interested in this position?',
    'What made you apply for this position?',
    'Why are you moving from data analysis into ML engineering?',
    'What about our product made you want to join?',
    'Why machine learning rather than regular software engineering?',
    'What kind of team do you want to be part of, and why ours?',
    'What do you find most rewarding about working in ML?',
    'Why are you interested in working in healthcare ML?',
    'What drew you to apply to a startup rather than a big company?',
    'Why did you decide to specialise in computer vision?',
    'What do you hope to get out of this job?',
    'Why now \u2014 what makes this the right time for a move?',
  ],
  opinion: [
    'What do you think about large language models?',
    'What is your favourite loss function and why?',
    'Where do you think machine learning is heading in the next decade?',
    "What's your take on AutoML?",
    'Which recent trends in AI do you find most important?',
    'Do you think deep learning is overhyped?',
    'What are the limitations of generative AI?',
    'What is your opinion on using LLMs for code review?',
    'What do you see as the biggest challenge facing the AI industry?',
    'Is prompt engineering the future of software?',
    'What would you do differently if you started that project again?',
    'What is your preferred deep learning framework and why?',
    'Which ML paper from the last year impressed you most?',
    'Are large language models going to replace data scientists?',
    'How do you feel about the rise of foundation models?',
    'Which is better for most teams, PyTorch or TensorFlow, in your view?',
    'What excites you most in ML research right now?',
    'Is explainability worth sacrificing accuracy for?',
    'What risks do you see in deploying generative models to customers?',
    'What is the most overrated technique in machine learning?',
    'Should every ML team have a dedicated MLOps engineer?',
    'Which new development in AI would you bet on?',
    'What do you make of the hype around autonomous agents?',
    'How important is interpretability compared with accuracy?',
    'If you could fix one problem in how the industry builds ML systems, what would it be?',
  ],
  approach: [
    'How do you prioritise when everything is urgent?',
    'How would you go about evaluating a new model before launch?',
    'What steps do you follow when a model underperforms?',
    'How do you handle feedback from code reviews?',
    'How do you stay current with ML research?',
    'Walk me through your process for cleaning a new dataset.',
    'What is your approach to testing machine learning code?',
    'How do you make sure the models you build are fair?',
    'What would you do if your model performed well offline but badly online?',
    'How do you communicate model results to business stakeholders?',
    'How do you manage competing deadlines?',
    'Which best practices do you follow for experiment tracking?',
    'How do you decide which metric to optimise in your projects?',
    'How do you deal with ambiguity in requirements?',
    'How do you keep yourself motivated on long projects?',
    'How do you go about scoping an ML project with a vague goal?',
    "What's your process for reviewing a teammate's model code?",
    'How would you handle a stakeholder who keeps changing the requirements?',
    'How do you make sure experiments are reproducible?',
    'How do you choose what to work on when your backlog is full?',
    'What do you do when you get stuck on a bug for hours?',
    'How do you onboard yourself onto an unfamiliar codebase?',
    'What is your strategy for monitoring models after deployment?',
    'How do you balance speed and quality when shipping models?',
    'How do you plan your first 90 days in a new role?',
    'What do you check before you ship a model?',
    'How do you approach estimating how long an ML project will take?',
    'How do you handle a request you think is a bad idea?',
    'What is your routine for keeping up with new papers?',
    'How do you decide when a model is good enough to release?',
    'How do you work with product managers who are not technical?',
    "Walk me through how you'd investigate a sudden drop in model accuracy.",
  ],
  compensation: [
    'What are your salary expectations?',
    'What salary range are you looking for?',
    'How much do you expect to be paid?',
    'What compensation package would make you accept an offer?',
    'What is your expected CTC?',
    'What are you currently earning?',
    'What pay range did you have in mind for this role?',
    'What are your compensation requirements?',
    'Do you have a salary figure in mind?',
    'How much are you looking to earn in your next role?',
    'What would you need in terms of pay to accept an offer?',
    'What kind of salary are you targeting?',
    'Are you comfortable sharing your current pay?',
    'What total compensation would make this move worthwhile for you?',
  ],
  explanation: [
    'Explain overfitting to a non-technical stakeholder.',
    'How would you explain gradient descent to a five-year-old?',
    'Can you describe what a neural network does in plain language?',
    'Explain precision and recall to a product manager.',
    'Explain transformers like I am five.',
    'How would you explain A/B testing to someone without a statistics background?',
    'Explain cross-validation in simple terms.',
    'Could you explain embeddings to your grandmother?',
    'Explain a confusion matrix to a marketing manager.',
    'How would you describe what an embedding is to a non-engineer?',
    'Explain to a client without a technical background why the model made a wrong prediction.',
    "In layman's terms, what is a random forest?",
    'How would you explain what a p-value is to your CEO?',
    'Explain reinforcement learning to a high-school student.',
    'Describe in everyday words what a recommendation system does.',
    'Can you explain model drift so that a sales team understands it?',
  ],
  'questions-for-us': [
    'Do you have any questions for us?',
    'What questions do you have for me?',
    'Is there anything you would like to ask us?',
    'Any questions before we finish?',
  ],
  logistics: [
    'What is your notice period?',
    'When could you start?',
    'Are you open to relocating to Berlin?',
    'Do you need visa sponsorship?',
    'Are you willing to be on call?',
    'Can you work from the office three days a week?',
  ],
  technical: [
    'What is the bias-variance tradeoff?',
    'How does gradient boosting work?',
    'Explain the difference between L1 and L2 regularization.',
    'How do you reshape a NumPy array?',
    'What is the vanishing gradient problem?',
    'How do you compute precision from a confusion matrix?',
    'Why is accuracy misleading on imbalanced data?',
    'What are the assumptions of linear regression?',
    'How does attention work in a transformer?',
    'Explain how k-means clustering works.',
    'What skills are essential for machine learning practitioners?',
    'How do you handle missing values when loading data with pandas?',
    'What is the difference between bagging and boosting?',
    'How do you prevent overfitting in a decision tree?',
    'What does the learning rate control in gradient descent?',
    'Why would you use ROC-AUC instead of accuracy?',
    'How do you normalise features in scikit-learn?',
    'What is a convolution in a CNN?',
    'How does dropout regularise a neural network?',
    'What are the trade-offs between batch and online learning?',
    'When should you use a GRU instead of an LSTM?',
    'How do you compute the gradient of the softmax cross-entropy loss?',
    'What is the curse of dimensionality?',
    'How would you implement k-fold cross-validation from scratch?',
    'What are the limitations of PCA?',
  ],
};

/** A list of phrasings by type (test/question-types/fixtures). */
function phrasingList(name: string): Record<QuestionType, string[]> {
  return JSON.parse(readFileSync(path.join(projectRoot, 'test', 'question-types', 'fixtures', `phrasings-${name}.json`), 'utf8')) as Record<QuestionType, string[]>;
}

/** Phrasings of a list read as their type, and the behavioural ones misread as technical. */
function readsOf(list: Record<QuestionType, string[]>): { right: number; total: number; behaviouralAsTechnical: number; behavioural: number } {
  let right = 0;
  let total = 0;
  let behaviouralAsTechnical = 0;
  let behavioural = 0;
  for (const [type, phrasings] of Object.entries(list)) {
    for (const phrasing of phrasings) {
      const read = classifyQuestion(phrasing).type;
      total += 1;
      if (read === type) right += 1;
      if (type !== 'technical') {
        behavioural += 1;
        if (read === 'technical') behaviouralAsTechnical += 1;
      }
    }
  }
  return { right, total, behaviouralAsTechnical, behavioural };
}

describe('question type classifier', () => {
  for (const [type, phrasings] of Object.entries(PHRASINGS)) {
    it.each(phrasings)(`reads "%s" as ${type}`, (phrasing) => {
      expect(classifyQuestion(phrasing).type).toBe(type);
    });
  }

  it('reads a question the same whatever its case, quotes and spacing', () => {
    expect(classifyQuestion('  TELL ME ABOUT   a time you’d failed.  ').type).toBe('story');
    expect(classifyQuestion('what’s your TAKE on AutoML?').type).toBe('opinion');
  });

  it('reads how the candidate handles a common data problem as a process question, and how a technique or tool does it as technical', () => {
    for (const question of ['How do you handle missing data?', 'How do you deal with imbalanced data?', 'How do you handle outliers?', 'How would you handle noisy labels?']) {
      expect(classifyQuestion(question).type, question).toBe('approach');
    }
    for (const question of [
      'How does dropout work?',
      'How do you handle missing values when loading data?',
      'How do you handle class imbalance with focal loss?',
      'How do you handle class imbalance in a loss function?',
      'How do you handle outliers using the IQR rule?',
      'How do you impute missing values?',
    ]) {
      expect(classifyQuestion(question).type, question).toBe('technical');
    }
  });

  it('reads a two-part question by its first shape: a story that ends in "what did you learn?"', () => {
    expect(classifyQuestion('Tell me about a project that failed. What did you learn from it?').type).toBe('story');
  });

  it('says which rule decided', () => {
    expect(classifyQuestion('What are your salary expectations?').rule).toBe('salary or pay');
    expect(classifyQuestion('What is a random forest?').rule).toBe('no behavioural shape');
  });

  it('agrees with the curated type of nearly every corpus question (it never saw them)', () => {
    const { questions } = parseCorpus(path.join(projectRoot, 'data', 'corpus'));
    const behavioural = questions.filter((question) => question.kind === 'behavioural');
    const technical = questions.filter((question) => question.kind === 'technical');
    const agree = (list: typeof questions) => list.filter((question) => classifyQuestion(question.text).type === question.type).length;
    // Measured: 61 of 61 behavioural and 385 of 386
    // technical ("Define machine learning in simple terms." reads as an explanation).
    expect(agree(behavioural) / behavioural.length).toBeGreaterThanOrEqual(0.95);
    expect(agree(technical) / technical.length).toBeGreaterThanOrEqual(0.98);
  });

  // Development lists: dev-a and dev-b were written before the rules of "Broader shapes" and then read while
  // writing them (before, 62 of 72 and 73 of 96 right); dev-c was the first held-out list (68 of 80 before
  // the rules written against it, 80 of 80 after). Now every phrasing but one.
  for (const name of ['dev-a', 'dev-b', 'dev-c']) {
    it(`reads the ${name} development phrasings of every type as their type`, () => {
      const reads = readsOf(phrasingList(name));
      expect(reads.total - reads.right).toBeLessThanOrEqual(1);
    });
  }

  // Round 10 (candidate review S2): 82 pasted questions typed by hand before the classifier read them. Before the
  // rules for technical comparisons, questions for the interviewer, availability and "the best … you've read":
  // 47 of 82 (14 of 36 technical questions read as motivation or opinion, every question for the interviewer
  // read as technical). After: 82 of 82, in-sample (the rules were written against these misses). The review that
  // followed took the availability rule out, and its four phrasings (notice period, start date, on-call) with it:
  // no type fits them (see the review list below), so 78 of 78.
  it('reads the round-10 pasted questions as their type: technical comparisons stay technical, questions for the interviewer never are', () => {
    const list = phrasingList('pasted-r10');
    for (const [type, phrasings] of Object.entries(list)) {
      for (const phrasing of phrasings) expect(classifyQuestion(phrasing).type, phrasing).toBe(type);
    }
    expect(Object.values(list).flat().length).toBeGreaterThanOrEqual(60);
  });

  // A second round-10 list of 25, written after those rules and measured once before any change: 10 of 25 on main,
  // 23 of 25 with them (both misses read as technical: "What's the accomplishment you're proudest of?", "Is there
  // anything about the role we haven't covered that you'd like to ask?"); the two rules were then widened for
  // them, so 25 of 25 is in-sample. Its three availability phrasings left it with the availability rule: 22 of 22.
  it('reads the second round-10 list as its type, with no technical question read as behavioural', () => {
    const list = phrasingList('pasted-r10-held-out');
    const reads = readsOf(list);
    expect(reads.right).toBe(reads.total);
    for (const phrasing of list.technical) expect(classifyQuestion(phrasing).type, phrasing).toBe('technical');
  });

  // The review of round 10: the availability rule read technical questions that name a start date, a notice period,
  // travel or "able to" as self-presentation, and self-presentation advice does not fit "What is your notice period?"
  // (the rule is gone: such questions read as they did before it); "any questions about the dataset before you
  // start" is not a question for the interviewer; "why do you love / why did you choose to" stays motivation when
  // it names a technical term; "what achievement / which project are you most proud of" is a story.
  it('reads the round-10 review wordings as their type, and availability or a question about an exercise as neither self-presentation nor a question for the interviewer', () => {
    const review = JSON.parse(
      readFileSync(path.join(projectRoot, 'test', 'question-types', 'fixtures', 'phrasings-pasted-r10-review.json'), 'utf8'),
    ) as { typed: Record<QuestionType, string[]>; notOfType: Record<QuestionType, string[]> };
    for (const [type, phrasings] of Object.entries(review.typed)) {
      for (const phrasing of phrasings) expect(classifyQuestion(phrasing).type, phrasing).toBe(type);
    }
    for (const [type, phrasings] of Object.entries(review.notOfType)) {
      for (const phrasing of phrasings) expect(classifyQuestion(phrasing).type, phrasing).not.toBe(type);
    }
    expect(Object.values(review.typed).flat()).toHaveLength(12);
    expect(Object.values(review.notOfType).flat()).toHaveLength(10);
  });

  // Round 11: logistics (notice period, start date, relocation, visa, on-call, office days) became a type of its own.
  // 64 pasted questions typed by hand before the rules: 32 logistics questions in varied words, 32 technical or
  // behavioural ones that share their words ("start token", "warm start", "on-call rotation … for an ML service",
  // "relocate a model to the edge", "a notice period feature"). Before the rules: 31 of 64 (every logistics question
  // technical, one compensation). After: 64 of 64, in-sample (the rules were written against this list).
  it('reads the round-11 logistics questions as logistics and the technical questions that share their words as technical', () => {
    const list = phrasingList('pasted-r11-logistics');
    for (const [type, phrasings] of Object.entries(list)) {
      for (const phrasing of phrasings) expect(classifyQuestion(phrasing).type, phrasing).toBe(type);
    }
    expect(list.logistics.length).toBeGreaterThanOrEqual(20);
    expect(list.technical.length + list.story.length + list.approach.length).toBeGreaterThanOrEqual(20);
  });

  // A second round-11 list of 24, written after those rules and measured once: 19 of 24 (7 of 12 logistics; every
  // miss read as technical or opinion, and all 12 technical questions technical). Five cues were then added for its
  // misses ("something you'd consider", "under contract", "start in January", "probation", "coming into the
  // office"), so 24 of 24 is in-sample. No other list, corpus question or labelled-set question changed type.
  it('reads the second round-11 list as its type, with no technical question read as logistics', () => {
    const list = phrasingList('pasted-r11-logistics-held-out');
    expect(readsOf(list).right).toBe(readsOf(list).total);
    for (const phrasing of list.technical) expect(classifyQuestion(phrasing).type, phrasing).toBe('technical');
  });

  it('reads availability questions the round-10 review took out of self-presentation as logistics, and a question that also asks the pay as compensation', () => {
    for (const question of ['What is your notice period?', 'When can you start?', 'Would you be willing to relocate?', 'Are you comfortable with on-call duties?', 'Are you okay with travelling once a month?']) {
      expect(classifyQuestion(question).type, question).toBe('logistics');
    }
    expect(classifyQuestion("What's your notice period and current pay?").type).toBe('compensation');
    expect(classifyQuestion('If we made you an offer next week, how quickly could you start?').type).toBe('logistics');
    expect(classifyQuestion('What is your notice period?').rule).toBe('notice period or start date');
  });

  // Round 12: a review found "Are you comfortable relocating to Zurich?" and "Are you okay being on call for the models
  // you deploy?" typed technical, and "What's the earliest you could start if we made you an offer?" compensation.
  // 31 wordings (16 logistics, 15 near misses: salary, a five-year plan, "deploy a model on call-heavy infra", "the
  // earliest you could detect drift") written before the rules changed and measured once: 7 of 16 logistics, 14 of 15
  // near misses typed right and none read as logistics. After: 16 of 16 and 15 of 15, in-sample (written against it).
  // Of the 1,453 other question texts (corpus, labelled sets, paraphrases, every other list) none changed type.
  it('reads the round-12 logistics wordings as logistics and their near misses as their own type', () => {
    const list = phrasingList('pasted-r12-logistics');
    for (const [type, phrasings] of Object.entries(list)) {
      for (const phrasing of phrasings) expect(classifyQuestion(phrasing).type, phrasing).toBe(type);
    }
  });

  // Round 12, a candidate's findings: an arrangement told first and then put to the candidate ("This role includes an
  // on-call rotation one week in six. Is that okay for you?", "The team runs a weekly on-call rota. How do you feel
  // about that?") was typed technical or opinion. 27 wordings written before the rule (16 logistics, 11 near misses:
  // rotation as image augmentation, a start-date feature, a visa data pipeline, opinions on the future of MLOps,
  // designing an on-call rotation, stories about being on call). Before: 4 of 16 logistics, 11 of 11 near misses.
  // After: 16 of 16 and 11 of 11, in-sample. Of 1,286 other question texts (corpus, labelled sets' and UNT dev's
  // questions, paraphrases, every other list, this file's own phrasings) none changed type.
  it('reads an arrangement of the job put to the candidate ("…on-call rotation. Is that okay?") as logistics', () => {
    const list = phrasingList('pasted-r12-arrangements');
    for (const [type, phrasings] of Object.entries(list)) {
      for (const phrasing of phrasings) expect(classifyQuestion(phrasing).type, phrasing).toBe(type);
    }
  });

  it('reads a view asked of something an arrangement word only qualifies as opinion, and the arrangement itself as logistics', () => {
    // The round-12 review: each was typed logistics once "how do you feel about" met an arrangement word.
    for (const question of [
      'How do you feel about on-call alert fatigue?',
      'How do you feel about sponsorship bias in search ranking?',
      'What are your thoughts on pager noise from ML monitoring?',
      'How do you feel about our on-call tooling compared with PagerDuty?',
      'How do you feel about the on-call culture in our industry?',
    ]) {
      expect(classifyQuestion(question).type, question).toBe('opinion');
    }
    expect(classifyQuestion('How do you feel about on-call duties?').type).toBe('logistics');
    expect(classifyQuestion('How do you feel about being on call one week in six?').type).toBe('logistics');
  });

  it('reads "are you okay" before a gerund, on-call for the candidate\'s own models and the earliest start under an offer as logistics', () => {
    for (const question of [
      'Are you comfortable relocating to Zurich?',
      'Are you okay being on call for the models you deploy?',
      "What's the earliest you could start if we made you an offer?",
    ]) {
      expect(classifyQuestion(question).type, question).toBe('logistics');
    }
    // The same words about a technique, or a number asked under an offer, keep their type.
    expect(classifyQuestion('How would you deploy a model on call-heavy infra?').type).toBe('technical');
    expect(classifyQuestion("What's the earliest you could detect data drift in a streaming pipeline?").type).toBe('technical');
    expect(classifyQuestion('If we made you an offer today, what number would you need to see?').type).toBe('compensation');
  });

  it('reads a choice between techniques as technical and a choice of career or employer as motivation', () => {
    expect(classifyQuestion('Why would you choose a random forest over logistic regression?').type).toBe('technical');
    expect(classifyQuestion('Why do we use cross-entropy rather than mean squared error for classification?').type).toBe('technical');
    expect(classifyQuestion('How does a random forest reduce variance compared with a single decision tree?').type).toBe('technical');
    expect(classifyQuestion('Why did you choose a startup over a big tech company?').type).toBe('motivation');
    expect(classifyQuestion('Why machine learning rather than software engineering?').type).toBe('motivation');
  });

  // Written before the last rule change and never used to change one: 85 of 97 right before it (11 of the
  // 72 behavioural phrasings read as technical), 87 of 97 after (9); every technical one technical both times.
  it('reads most held-out phrasings as their type and rarely takes a behavioural one for technical', () => {
    const list = phrasingList('held-out');
    const reads = readsOf(list);
    expect(reads.right / reads.total).toBeGreaterThanOrEqual(0.85);
    expect(reads.behaviouralAsTechnical / reads.behavioural).toBeLessThanOrEqual(0.15);
    for (const phrasing of list.technical) expect(classifyQuestion(phrasing).type).toBe('technical');
  });
});
