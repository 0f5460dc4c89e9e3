import {
  approachRubric,
  compensationRubric,
  explanationRubric,
  logisticsRubric,
  motivationRubric,
  opinionRubric,
  questionsForUsRubric,
  selfPresentationRubric,
} from './behavioural-rubrics.js';
import { RubricSchema, type Rubric, type RubricId } from '../contracts/rubric-schema.js';

/*
 * Rubrics are data: every stored feedback records the version it was scored against, so a change to a
 * level description or a weight must bump the version rather than silently re-interpret old scores.
 */

const star: Rubric = RubricSchema.parse({
  id: 'star',
  version: 'star-2026.11.1',
  title: 'STAR behavioural answer',
  summary:
    'One real story: the Situation, your own Task, the Actions you personally took and a measured Result, told concisely in the first person.',
  basis: [
    'The STAR method (Situation, Task, Action, Result) of behavioural interviewing, as taught in the guide\'s 3.1 "The STAR Method".',
    'Guide 6.3 "Quantifying Impact" and 6.4 "Clear Attribution": measured outcomes; "I" for your work and "we" for the team\'s.',
    'Guide 3.3 "Framing Failure Constructively": what you learned and how you applied it.',
  ],
  dimensions: [
    {
      key: 'situation',
      label: 'Situation',
      weight: 1,
      description: 'A specific, real context: when, where, who, what was at stake.',
      levels: [
        'No situation: the answer is generic or hypothetical.',
        'A vague setting ("in a project") with no detail.',
        'A real setting, but thin: the listener cannot picture it or see what was at stake.',
        'A specific setting with the relevant context and stakes.',
        'A vivid, concise setting: when, where, who and why it mattered, in one or two sentences.',
      ],
    },
    {
      key: 'task',
      label: 'Task',
      weight: 1,
      description: "The candidate's own responsibility or goal in that situation.",
      levels: [
        'No task or goal is stated.',
        "A goal is implied but not the candidate's own responsibility.",
        'A goal is stated but vaguely ("I had to fix it").',
        "A clear goal and the candidate's responsibility for it.",
        'A clear, owned goal with its constraints (deadline, quality bar, people involved).',
      ],
    },
    {
      key: 'action',
      label: 'Action',
      weight: 2,
      description: 'Concrete steps the candidate took, in order, with the reasoning behind them.',
      levels: [
        'No actions, or only what the candidate would do.',
        'One generic action ("I worked hard", "we fixed it").',
        'Some concrete actions, but thin on how and why.',
        'Several concrete first-person actions with some reasoning.',
        'A clear sequence of concrete first-person actions, each with its reason and trade-off.',
      ],
    },
    {
      key: 'result',
      label: 'Result',
      weight: 2,
      description: 'The outcome, quantified where possible, and what was learned.',
      levels: [
        'No result is given.',
        'A vague result ("it went well").',
        'A real outcome without measures or reflection.',
        'A concrete outcome with a measure or a clear consequence.',
        'A quantified outcome tied back to the goal, plus what the candidate learned.',
      ],
    },
    {
      key: 'ownership',
      label: 'Ownership',
      weight: 1.5,
      description: 'The candidate\'s own "I" actions, not "we" or hypotheticals.',
      levels: [
        'Entirely hypothetical ("I would…") or about others.',
        'Mostly "we": the candidate\'s own part cannot be told apart.',
        'A mix of "we" and "I"; the own contribution is partly visible.',
        'Mostly "I" for the candidate\'s own actions, "we" for the team.',
        'Consistently clear attribution: what the candidate did, decided and owned.',
      ],
    },
    {
      key: 'specificity',
      label: 'Specificity & impact',
      weight: 1.5,
      description: 'Concrete facts, numbers, tools and names rather than generalities.',
      levels: [
        'Generic statements only; nothing checkable.',
        'Mostly generic, with one concrete detail.',
        'Some concrete details but no numbers or measurable impact.',
        'Concrete details and at least one number or measurable impact.',
        'Rich, checkable detail: numbers, scale, tools and the business impact.',
      ],
    },
    {
      key: 'relevance',
      label: 'Relevance',
      weight: 1,
      description: 'Answers the question that was asked.',
      levels: [
        'Off-topic: answers a different question.',
        'Touches the question only in passing.',
        'Related to the question but drifts.',
        'Answers the question.',
        'Answers the question directly and shows the quality it probes for.',
      ],
    },
    {
      key: 'concision',
      label: 'Concision',
      weight: 0.5,
      description: 'A spoken answer of about one to two minutes (roughly 120–350 words), without filler.',
      levels: [
        'A sentence or two, or a rambling monologue far beyond two minutes.',
        'Much too short or much too long; heavy filler.',
        'Somewhat short or long, or noticeable filler.',
        'A good length with little filler.',
        'Tight and complete: every sentence earns its place.',
      ],
    },
  ],
});

const technical: Rubric = RubricSchema.parse({
  id: 'technical',
  version: 'technical-2026.11.1',
  title: 'Technical answer',
  dimensions: [
    {
      key: 'correctness',
      label: 'Correctness',
      weight: 2,
      description: 'What is said is accurate and consistent with the reference answer.',
      levels: [
        'Wrong or unrelated to the question.',
        'Mostly wrong, or right words with no coherent explanation.',
        'Partly correct, with gaps or a notable error.',
        'Correct, with minor imprecision.',
        'Correct and precise throughout.',
      ],
    },
    {
      key: 'coverage',
      label: 'Coverage of key points',
      weight: 2,
      description: 'How many of the key points of the reference answer the answer covers.',
      levels: [
        'Covers none of the key points.',
        'Covers a few key points (under a third).',
        'Covers about half of the key points.',
        'Covers most key points.',
        'Covers all or nearly all key points.',
      ],
    },
    {
      key: 'depth',
      label: 'Depth',
      weight: 1.5,
      description: 'Trade-offs, when to use it, examples, pitfalls: understanding beyond a definition.',
      levels: [
        'No explanation beyond a term or definition.',
        'A definition only.',
        'A definition with one example or one trade-off.',
        'Examples and trade-offs or when-to-use guidance.',
        'Trade-offs, when to use and not use it, a concrete example and a pitfall.',
      ],
    },
    {
      key: 'clarity',
      label: 'Clarity',
      weight: 1,
      description: 'Well-formed sentences in a logical order; a listener can follow it.',
      levels: [
        'A bag of keywords or fragments; not an explanation.',
        'Hard to follow: fragments, no structure.',
        'Understandable but disorganised or padded.',
        'Clear sentences in a sensible order.',
        'Clear, structured and concise, leading with the main point.',
      ],
    },
  ],
});

const rubrics: Record<RubricId, Rubric> = {
  star,
  technical,
  'self-presentation': selfPresentationRubric,
  motivation: motivationRubric,
  opinion: opinionRubric,
  approach: approachRubric,
  compensation: compensationRubric,
  explanation: explanationRubric,
  'questions-for-us': questionsForUsRubric,
  logistics: logisticsRubric,
};

export function getRubric(id: RubricId): Rubric {
  return rubrics[id];
}

/** Every rubric, in the order the rubric page lists them. */
export const allRubrics = (): Rubric[] => Object.values(rubrics);

/** Scores are reported with one decimal everywhere. */
export const roundScore = (value: number): number => Math.round(value * 10) / 10;

/** The mean of some scores with one decimal (0 for none). */
export const meanScore = (values: readonly number[]): number =>
  values.length === 0 ? 0 : roundScore(values.reduce((sum, value) => sum + value, 0) / values.length);

/** Weighted mean of the dimension scores, rounded to one decimal. */
export function overallScore(rubric: Rubric, scores: ReadonlyMap<string, number>): number {
  let total = 0;
  let weights = 0;
  for (const dimension of rubric.dimensions) {
    const score = scores.get(dimension.key);
    if (score === undefined) throw new Error(`missing score for dimension ${dimension.key}`);
    total += score * dimension.weight;
    weights += dimension.weight;
  }
  return roundScore(total / weights);
}
