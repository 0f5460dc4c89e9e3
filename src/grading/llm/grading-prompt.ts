import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { fillTemplate, loadPromptTemplate, promptVersion, type PromptTemplate } from '../../llm/prompts.js';
import { delimitUntrusted, sanitizeUntrusted, truncateText } from '../../llm/untrusted-text.js';
import type { GradeInput } from '../grader.js';
import type { Correction } from '../../contracts/feedback-schema.js';
import { RubricIdSchema, type Rubric, type RubricId } from '../../contracts/rubric-schema.js';
import { keyPointId, replySkeleton, watchedErrorId, type JudgedCounts } from './reply-schema.js';
import { MAX_WATCHED } from './watched-misconceptions.js';

/*
 * Budgets keep every prompt bounded whatever the corpus or the user sends: a model answer in the corpus
 * runs to several thousand characters, and the reference only needs to show what a strong answer covers.
 * With key points listed the reference is background, so it gets less room. The worst case is tested.
 */
const QUESTION_BUDGET_CHARS = 1_000;
const ANSWER_BUDGET_CHARS = 12_000;
const REFERENCE_BUDGET_CHARS = 6_000;
const REFERENCE_WITH_KEY_POINTS_BUDGET_CHARS = 3_000;
/** No reference item is cut below this, so a long list shows fewer items rather than many useless stubs. */
const REFERENCE_ITEM_MIN_CHARS = 600;
export const MAX_KEY_POINTS = 12;
const KEY_POINT_CHARS = 200;
/** Known errors listed at most: an answer stating more is wrong enough already. */
const MAX_KNOWN_ERRORS = 4;
/** Characters of a known error's claim and of its correction in the prompt. */
const KNOWN_ERROR_CHARS = 240;
/**
 * Characters of the known errors' and watched claims' lines at most; the reference gives up the room they take, so the
 * whole stays within its cap. The found errors (claim and correction) come first; claims to watch for (claim only)
 * fill what is left.
 */
const KNOWN_ERRORS_BUDGET_CHARS = MAX_KNOWN_ERRORS * 2 * KNOWN_ERROR_CHARS;

/** Label of the answer's delimiters; the system prompt receives the exact marker lines. */
const ANSWER_LABEL = 'CANDIDATE_ANSWER';

/**
 * Template ids are pinned here: a new template version is adopted by a reviewed change, not by a new file.
 * Graded examples are generated per rubric from the labelled sets (`npm run prompts:examples`); a rubric
 * without a pinned examples file is graded without examples.
 */
const TEMPLATE_IDS = {
  system: 'system.v2',
  retry: 'retry.v2',
  keyPoints: 'key-points.v2',
  knownErrors: 'known-errors.v3',
  watchedErrors: 'watched-errors.v1',
  // One request template per rubric: each question type tells the model what a strong answer of that
  // shape is and which follow-up fits it (never a STAR probe after an answer that is not a story).
  rubric: {
    star: 'star.v2',
    technical: 'technical.v2',
    'self-presentation': 'self-presentation.v2',
    motivation: 'motivation.v2',
    opinion: 'opinion.v2',
    approach: 'approach.v2',
    compensation: 'compensation.v2',
    explanation: 'explanation.v2',
    'questions-for-us': 'questions-for-us.v2',
    logistics: 'logistics.v2',
  } satisfies Record<RubricId, string>,
  // The labelled sets have no question of the explanation, questions-for-us or logistics type, so their prompts have no examples.
  examples: {
    star: 'examples-star.v1',
    technical: 'examples-technical.v1',
    'self-presentation': 'examples-self-presentation.v1',
    motivation: 'examples-motivation.v1',
    opinion: 'examples-opinion.v1',
    approach: 'examples-approach.v1',
    compensation: 'examples-compensation.v1',
  } satisfies Partial<Record<RubricId, string>>,
} as const;

/**
 * The templates a first attempt for this rubric may be built from, for the LLM grader's identity: its template, the
 * system prompt, its graded examples, and the key-point and known-error sections that join when the offline grader
 * found any (so the offline grader's identity is part of the LLM grader's too).
 */
export function promptVersionFor(rubric: RubricId): string {
  const examples: Partial<Record<RubricId, string>> = TEMPLATE_IDS.examples;
  // The sections that join a prompt when the offline grader found key points or known errors are named too: a new
  // version of either must not reuse a stored grade.
  return [TEMPLATE_IDS.rubric[rubric], TEMPLATE_IDS.system, examples[rubric], TEMPLATE_IDS.keyPoints, TEMPLATE_IDS.knownErrors, TEMPLATE_IDS.watchedErrors].filter((id) => id !== undefined).join('+');
}

export interface GradingPrompt {
  messages: ChatCompletionMessageParam[];
  promptVersion: string;
  /** The answer exactly as the model saw it; quotes in the reply are checked against it. */
  answer: string;
  /** How many key points (p1 … pN) and claims to watch for (w1 … wN) the prompt lists; the reply judges each. */
  judged: JudgedCounts;
  /** Messages for the single retry after an unusable reply, and the version that retry is recorded with. */
  retry(issue: string): { messages: ChatCompletionMessageParam[]; promptVersion: string };
}

export interface PromptExtras {
  /** The reference's key points, as the offline grader found them; at most MAX_KEY_POINTS are listed. */
  keyPoints?: readonly string[];
  /** Sentences of the answer the offline grader found stating a known misconception, with the correction. */
  knownErrors?: readonly Correction[];
  /** More of the bank's claims about the topic, for the model to look for; listed after the known errors. */
  watchFor?: readonly string[];
}

function renderDimensions(rubric: Rubric): string {
  return rubric.dimensions
    .map((dimension) =>
      [
        `### ${dimension.key}: ${dimension.label}`,
        dimension.description,
        ...dimension.levels.map((level, index) => `- ${index + 1}: ${level}`),
      ].join('\n'),
    )
    .join('\n\n');
}

function renderReference(reference: GradeInput['reference'], budget: number): string {
  const label = reference.fromRelated ? 'Related answer' : 'Model answer';
  const items = [
    ...reference.answers.map((text, index) => ({ heading: `${label} ${index + 1}:`, text })),
    ...reference.notes.map((text, index) => ({ heading: `Note ${index + 1}:`, text })),
  ].filter((item) => item.text.trim().length > 0);
  if (items.length === 0) return '(none)';

  const share = Math.max(REFERENCE_ITEM_MIN_CHARS, Math.floor(budget / items.length));
  const rendered: string[] = [];
  let used = 0;
  for (const item of items) {
    const remaining = budget - used;
    if (remaining < REFERENCE_ITEM_MIN_CHARS) break;
    const text = truncateText(sanitizeUntrusted(item.text.trim()), Math.min(share, remaining));
    used += text.length;
    rendered.push(`${item.heading}\n${text}`);
  }
  const omitted = items.length - rendered.length;
  if (omitted > 0) rendered.push(`(${omitted} more reference item${omitted === 1 ? '' : 's'} omitted)`);
  return rendered.join('\n\n');
}

/** Loads the templates once (a missing file fails at start-up, not on the first answer) and builds prompts. */
export function createGradingPromptBuilder(promptsDir?: string) {
  const load = (id: string): PromptTemplate => loadPromptTemplate(id, promptsDir);
  const system = load(TEMPLATE_IDS.system);
  const retry = load(TEMPLATE_IDS.retry);
  const keyPointsSection = load(TEMPLATE_IDS.keyPoints);
  const knownErrorsSection = load(TEMPLATE_IDS.knownErrors);
  const watchedErrorsSection = load(TEMPLATE_IDS.watchedErrors);
  const exampleIds: Partial<Record<RubricId, string>> = TEMPLATE_IDS.examples;
  const rubricTemplates = new Map<RubricId, PromptTemplate>();
  const exampleTemplates = new Map<RubricId, PromptTemplate>();
  for (const rubric of RubricIdSchema.options) {
    rubricTemplates.set(rubric, load(TEMPLATE_IDS.rubric[rubric]));
    const examples = exampleIds[rubric];
    if (examples !== undefined) exampleTemplates.set(rubric, load(examples));
  }

  return function buildGradingPrompt(input: GradeInput, rubric: Rubric, extras: PromptExtras = {}): GradingPrompt {
    const rubricTemplate = rubricTemplates.get(rubric.id);
    if (!rubricTemplate) throw new Error(`no prompt template for rubric ${rubric.id}`);
    const examples = exampleTemplates.get(rubric.id);
    const answer = delimitUntrusted(ANSWER_LABEL, truncateText(input.answer.trim(), ANSWER_BUDGET_CHARS));
    const dimensionKeys = rubric.dimensions.map((dimension) => dimension.key).join(', ');
    const keyPoints = (extras.keyPoints ?? []).map((point) => point.trim()).filter((point) => point !== '').slice(0, MAX_KEY_POINTS);
    const keyPointLines = keyPoints.map((point, index) => `${keyPointId(index)}: ${truncateText(sanitizeUntrusted(point), KEY_POINT_CHARS)}`);
    // Only the bank's own words: the answer's sentence is untrusted and stays inside the delimited answer, where the
    // model can find it by the claim.
    const knownErrors = (extras.knownErrors ?? []).slice(0, MAX_KNOWN_ERRORS);
    const errorLines = knownErrors.map(
      (error, index) => `e${index + 1}: ${truncateText(error.claim, KNOWN_ERROR_CHARS)} In fact: ${truncateText(error.correction, KNOWN_ERROR_CHARS)}`,
    );
    let listedChars = errorLines.reduce((sum, line) => sum + line.length, 0);
    const watchedLines: string[] = [];
    for (const claim of (extras.watchFor ?? []).slice(0, MAX_WATCHED)) {
      const line = `${watchedErrorId(watchedLines.length)}: ${truncateText(claim, KNOWN_ERROR_CHARS)}`;
      if (listedChars + line.length > KNOWN_ERRORS_BUDGET_CHARS) break;
      watchedLines.push(line);
      listedChars += line.length;
    }
    const judged: JudgedCounts = { keyPoints: keyPoints.length, watchedErrors: watchedLines.length };
    const errorSections = [
      ...(errorLines.length > 0 ? [fillTemplate(knownErrorsSection, { errors: errorLines.join('\n') })] : []),
      ...(watchedLines.length > 0 ? [fillTemplate(watchedErrorsSection, { claims: watchedLines.join('\n') })] : []),
    ];
    const referenceSections = [...(keyPoints.length > 0 ? [fillTemplate(keyPointsSection, { points: keyPointLines.join('\n') })] : []), ...errorSections];
    // The reference gives up the room the error sections take, their instructions included.
    const errorsChars = errorSections.reduce((sum, section) => sum + section.length, 0);
    const referenceBudget = Math.max(0, (keyPoints.length > 0 ? REFERENCE_WITH_KEY_POINTS_BUDGET_CHARS : REFERENCE_BUDGET_CHARS) - errorsChars);

    const messages: ChatCompletionMessageParam[] = [
      {
        role: 'system',
        content: fillTemplate(system, {
          answer_start: answer.start,
          answer_end: answer.end,
          dimension_keys: dimensionKeys,
          reply_format: replySkeleton(rubric, judged),
        }),
      },
      {
        role: 'user',
        content: fillTemplate(rubricTemplate, {
          rubric_title: rubric.title,
          rubric_version: rubric.version,
          dimensions: renderDimensions(rubric),
          examples: examples?.text ?? '',
          question: truncateText(sanitizeUntrusted(input.question.text.trim()), QUESTION_BUDGET_CHARS),
          reference: renderReference(input.reference, referenceBudget),
          key_points: referenceSections.join('\n\n'),
          answer_block: answer.block,
        }),
      },
    ];

    const used = [
      rubricTemplate,
      system,
      ...(keyPoints.length > 0 ? [keyPointsSection] : []),
      ...(errorLines.length > 0 ? [knownErrorsSection] : []),
      ...(watchedLines.length > 0 ? [watchedErrorsSection] : []),
      ...(examples ? [examples] : []),
    ];
    return {
      messages,
      promptVersion: promptVersion(...used),
      answer: answer.data,
      judged,
      retry: (issue) => ({
        messages: [...messages, { role: 'user', content: fillTemplate(retry, { issue, dimension_keys: dimensionKeys }) }],
        promptVersion: promptVersion(...used, retry),
      }),
    };
  };
}

export type GradingPromptBuilder = ReturnType<typeof createGradingPromptBuilder>;
