import type { GradeResult } from '../contracts/feedback-schema.js';
import type { RubricId } from '../contracts/rubric-schema.js';

/*
 * Probes an interviewer would ask after a weak part of an answer, per rubric: a story is probed for its
 * situation, task, actions and result; an opinion for its reasons and limits; a salary answer for its
 * basis; a logistics answer for the fact to plan with. They name what is missing without giving the answer
 * away, so the follow-up still tests the candidate. A STAR probe is never asked after an answer that was
 * not a story.
 */
export const PROBES: Readonly<Record<RubricId, Readonly<Record<string, string>>>> = {
  star: {
    result: 'What was the measurable outcome, and how did you know it had worked?',
    action: 'Walk me through exactly what you did yourself, step by step.',
    task: 'What specifically were you responsible for in that situation?',
    situation: 'Can you set the scene: when was this, who was involved, and what was at stake?',
    ownership: 'Which parts of that did you personally own or decide?',
    specificity: 'Can you put numbers on that: the scale, the timeline, or the impact?',
    relevance: 'How does that story show the quality the question asked about?',
  },
  technical: {
    coverage: 'What important aspects would you add to make that answer complete?',
    depth: 'When would you not use this approach, and what would you choose instead?',
    correctness: 'Can you explain how that works step by step, as you would to a colleague?',
    clarity: 'Could you summarise your answer in two or three sentences, leading with the main point?',
  },
  'self-presentation': {
    structure: 'How does that lead to this role — what are you looking for next?',
    evidence: 'Can you give me a concrete example of that — a project where it showed, and what came of it?',
    'self-awareness': 'What are you doing about that, and what has changed so far?',
    'role-fit': 'Why is this role the right next step for you?',
  },
  motivation: {
    specifics: 'What specifically about this role or team drew you — something you have seen in our work?',
    personal: 'Was there a moment or a project of your own that made you sure about this?',
    contribution: 'What would you bring to this team in your first few months?',
    relevance: 'And what draws you to this particular role?',
  },
  opinion: {
    position: 'If you had to pick one position, what would it be?',
    reasoning: 'Why do you think that — what convinced you?',
    example: 'Can you give a concrete example — a product, a paper, or a project of yours — that illustrates it?',
    nuance: 'Where would that view not hold? What are its limitations or risks?',
    relevance: 'How does that relate to the question I asked?',
  },
  approach: {
    method: 'Walk me through the concrete steps you take, in order.',
    reasoning: 'Why in that order — and when would you do it differently?',
    example: 'Can you tell me about a specific time you applied that approach, and how it turned out?',
    relevance: 'How would that apply to the situation in the question?',
  },
  compensation: {
    research: 'How did you arrive at that figure — what did you base it on?',
    range: 'What range would you be comfortable with for this role?',
    flexibility: 'Besides base salary, which parts of the package matter most to you?',
    professionalism: 'What would make an offer feel fair to you?',
  },
  explanation: {
    'plain-language': 'Could you explain that again without the technical terms?',
    analogy: 'Can you give me an everyday analogy for it?',
    accuracy: 'What is the one idea someone must take away from that?',
    structure: 'Could you sum it up in one sentence first?',
  },
  'questions-for-us': {
    questions: 'Is there anything about the role or the team you would want to know before deciding?',
    specificity: 'What would you want to know about how this team builds and runs its models?',
    priorities: 'Setting the package aside for now, what would you like to know about the work itself?',
    preparation: 'Is there anything from our conversation today you would like to go deeper on?',
  },
  logistics: {
    answer: 'So that I can plan: what is the short answer — a date, or a yes or a no?',
    conditions: 'Is there anything that could change that — a contract clause, a visa, a commitment we should plan around?',
    flexibility: 'If we needed it a little differently, is there any room there?',
    focus: 'Thanks — in one sentence, what should I put down for the hiring plan?',
  },
};

/**
 * One follow-up for a graded main question: the corpus follow-up first, else the model's probe (LLM
 * grader), else the probe of its rubric for the weakest dimension scoring 3 or less; none for a strong
 * answer.
 */
export function pickFollowUp(corpusFollowUps: readonly string[], feedback: GradeResult | undefined): string | undefined {
  const fromCorpus = corpusFollowUps.find((text) => text.trim().length > 0);
  if (fromCorpus) return fromCorpus;
  if (!feedback) return undefined;
  if (feedback.followUpQuestion) return feedback.followUpQuestion;
  const probes = PROBES[feedback.rubric];
  const weakest = [...feedback.dimensions]
    .filter((dimension) => dimension.score <= 3 && probes[dimension.key] !== undefined)
    .sort((a, b) => a.score - b.score)[0];
  return weakest ? probes[weakest.key] : undefined;
}
