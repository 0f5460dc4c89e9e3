import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { parseCorpus } from '../../src/corpus/parse-corpus.js';
import { classifyQuestion } from '../../src/question-types/classify-question.js';
import type { QuestionType } from '../../src/question-types/question-type.js';

/*
 * Phrasings an interviewer (or a candidate pasting a question) actually uses, none of them copied from
 * the corpus: the curated mapping covers the corpus, the classifier covers everything else.
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
  ],
  compensation: [
    'What are your salary expectations?',
    'What salary range are you looking for?',
    'How much do you expect to be paid?',
    'What compensation package would make you accept an offer?',
    'What is your expected CTC?',
    'What are you currently earning?',
    'What pay range did you have in mind for this role?',
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
  ],
};

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
    // Measured: 60 of 61 behavioural ("How do you handle data imbalance…?" reads as technical) and 386 of 386 technical.
    expect(agree(behavioural) / behavioural.length).toBeGreaterThanOrEqual(0.95);
    expect(agree(technical) / technical.length).toBeGreaterThanOrEqual(0.98);
  });
});
