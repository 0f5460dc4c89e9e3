import { z } from 'zod';

/*
 * What kind of answer a question asks for. Behavioural questions are not all stories: an introduction,
 * an opinion or a salary expectation each has its own shape of a good answer, and so its own rubric.
 * A leaf module (zod only): the server, the browser bundle and the tests share it.
 */
export const QuestionTypeSchema = z.enum([
  'story',
  'self-presentation',
  'motivation',
  'opinion',
  'approach',
  'compensation',
  'explanation',
  'questions-for-us',
  'logistics',
  'technical',
]);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

/** The types of non-technical questions: what the curated mapping of behavioural questions assigns. */
export const BehaviouralQuestionTypeSchema = QuestionTypeSchema.exclude(['technical']);

export const QuestionTypeInfoSchema = z.object({
  label: z.string(),
  /** What the question asks for, in one sentence. */
  description: z.string(),
  /** Typical phrasings, for the rubric page. */
  examples: z.array(z.string()),
});
export type QuestionTypeInfo = z.infer<typeof QuestionTypeInfoSchema>;

export const QUESTION_TYPES: Readonly<Record<QuestionType, QuestionTypeInfo>> = {
  story: {
    label: 'Story',
    description: 'A real past situation told as a story: what happened, what you did and how it turned out.',
    examples: ['Tell me about a time you resolved a conflict with a colleague.', 'Describe a project that failed. What did you learn?'],
  },
  'self-presentation': {
    label: 'Self-presentation',
    description: 'Who you are as a candidate: your introduction, strengths, weaknesses, experience and career goals.',
    examples: ['Tell me about yourself.', 'What is your greatest weakness?', 'Where do you see yourself in five years?'],
  },
  motivation: {
    label: 'Motivation and fit',
    description: 'Why this field, this company or this role, grounded in specifics and your own experience.',
    examples: ['Why do you want to work here?', 'What got you into machine learning?'],
  },
  opinion: {
    label: 'Opinion and awareness',
    description: 'Your view on the field: a clear position, the reasons behind it, an example and its limits.',
    examples: ['What is your favourite machine learning algorithm and why?', 'Where do you think machine learning is heading?'],
  },
  approach: {
    label: 'Approach and process',
    description: 'How you work: a concrete method, why you do it that way, and an example of it in practice.',
    examples: ['How do you approach a new machine learning project?', 'How do you handle missing data in your projects?'],
  },
  compensation: {
    label: 'Compensation',
    description: 'Salary expectations: a researched range, flexibility on the package, a professional tone.',
    examples: ['What are your salary expectations?', 'What compensation are you looking for?'],
  },
  explanation: {
    label: 'Explaining simply',
    description: 'A technical idea explained for a non-expert: plain words, an everyday analogy, the core idea right.',
    examples: ['Can you explain a complex machine learning concept in simple terms?', 'How would you explain overfitting to a non-technical stakeholder?'],
  },
  'questions-for-us': {
    label: 'Questions for the interviewer',
    description: 'Your questions at the end of an interview: specific to the role, the team, how success is measured and how ML is done there.',
    examples: ['Do you have any questions for us?', 'Is there anything you would like to ask us?'],
  },
  logistics: {
    label: 'Logistics and availability',
    description: 'Practicalities of taking the job — notice period, start date, relocation, visa, on-call, office days: a direct answer, its real conditions, flexibility where it is real.',
    examples: ['What is your notice period?', 'Are you open to relocating to Berlin?', 'Do you need visa sponsorship?'],
  },
  technical: {
    label: 'Technical',
    description: 'A technical question with a correct answer: key points, depth and clarity.',
    examples: ['What is the bias-variance tradeoff?', 'How does gradient boosting work?'],
  },
};
