import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { fillTemplate, loadPromptTemplate, promptVersion, type PromptTemplate } from '../../llm/prompts.js';
import { delimitUntrusted, sanitizeUntrusted, truncateText } from '../../llm/untrusted-text.js';
import type { GradeInput } from '../grader.js';
import type { Rubric, RubricId } from '../rubric-schema.js';

/*
 * Budgets keep every prompt bounded whatever the corpus or the user sends: a model answer in the corpus
 * runs to several thousand characters, and the reference only needs to show what a strong answer covers.
 */
const QUESTION_BUDGET_CHARS = 1_000;
const ANSWER_BUDGET_CHARS = 12_000;
const REFERENCE_BUDGET_CHARS = 6_000;
/** No reference item is cut below this, so a long list shows fewer items rather than many useless stubs. */
const REFERENCE_ITEM_MIN_CHARS = 600;

/** Label of the answer's delimiters; the system prompt receives the exact marker lines. */
const ANSWER_LABEL = 'CANDIDATE_ANSWER';

/** Template ids are pinned here: a new template version is adopted by a reviewed change, not by a new file. */
const TEMPLATE_IDS = {
  system: 'system.v1',
  retry: 'retry.v1',
  // One request template per rubric: each question type tells the model what a strong answer of that
  // shape is and which follow-up fits it (never a STAR probe after an answer that is not a story).
  rubric: {
    star: 'star.v1',
    technical: 'technical.v1',
    'self-presentation': 'self-presentation.v1',
    motivation: 'motivation.v1',
    opinion: 'opinion.v1',
    approach: 'approach.v1',
    compensation: 'compensation.v1',
    explanation: 'explanation.v1',
  } satisfies Record<RubricId, string>,
} as const;

/** The prompt version a first attempt for this rubric is recorded with (see `promptVersion`). */
export function promptVersionFor(rubric: RubricId): string {
  return `${TEMPLATE_IDS.rubric[rubric]}+${TEMPLATE_IDS.system}`;
}

export interface GradingPrompt {
  messages: ChatCompletionMessageParam[];
  promptVersion: string;
  /** The answer exactly as the model saw it; quotes in the reply are checked against it. */
  answer: string;
  /** Messages for the single retry after an invalid reply, and the version that retry is recorded with. */
  retry(issue: string): { messages: ChatCompletionMessageParam[]; promptVersion: string };
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

function renderReference(reference: GradeInput['reference']): string {
  const label = reference.fromRelated ? 'Related answer' : 'Model answer';
  const items = [
    ...reference.answers.map((text, index) => ({ heading: `${label} ${index + 1}:`, text })),
    ...reference.notes.map((text, index) => ({ heading: `Note ${index + 1}:`, text })),
  ].filter((item) => item.text.trim().length > 0);
  if (items.length === 0) return '(none)';

  const share = Math.max(REFERENCE_ITEM_MIN_CHARS, Math.floor(REFERENCE_BUDGET_CHARS / items.length));
  const rendered: string[] = [];
  let used = 0;
  for (const item of items) {
    const remaining = REFERENCE_BUDGET_CHARS - used;
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
  const rubricTemplates: Record<RubricId, PromptTemplate> = {
    star: load(TEMPLATE_IDS.rubric.star),
    technical: load(TEMPLATE_IDS.rubric.technical),
    'self-presentation': load(TEMPLATE_IDS.rubric['self-presentation']),
    motivation: load(TEMPLATE_IDS.rubric.motivation),
    opinion: load(TEMPLATE_IDS.rubric.opinion),
    approach: load(TEMPLATE_IDS.rubric.approach),
    compensation: load(TEMPLATE_IDS.rubric.compensation),
    explanation: load(TEMPLATE_IDS.rubric.explanation),
  };

  return function buildGradingPrompt(input: GradeInput, rubric: Rubric, replySchemaJson: string): GradingPrompt {
    const rubricTemplate = rubricTemplates[rubric.id];
    const answer = delimitUntrusted(ANSWER_LABEL, truncateText(input.answer.trim(), ANSWER_BUDGET_CHARS));
    const dimensionKeys = rubric.dimensions.map((dimension) => dimension.key).join(', ');

    const messages: ChatCompletionMessageParam[] = [
      {
        role: 'system',
        content: fillTemplate(system, {
          answer_start: answer.start,
          answer_end: answer.end,
          dimension_keys: dimensionKeys,
          reply_schema: replySchemaJson,
        }),
      },
      {
        role: 'user',
        content: fillTemplate(rubricTemplate, {
          rubric_title: rubric.title,
          rubric_version: rubric.version,
          dimensions: renderDimensions(rubric),
          question: truncateText(sanitizeUntrusted(input.question.text.trim()), QUESTION_BUDGET_CHARS),
          reference: renderReference(input.reference),
          answer_block: answer.block,
        }),
      },
    ];

    return {
      messages,
      promptVersion: promptVersion(rubricTemplate, system),
      answer: answer.data,
      retry: (issue) => ({
        messages: [
          ...messages,
          { role: 'user', content: fillTemplate(retry, { issue, dimension_keys: dimensionKeys }) },
        ],
        promptVersion: promptVersion(rubricTemplate, system, retry),
      }),
    };
  };
}

export type GradingPromptBuilder = ReturnType<typeof createGradingPromptBuilder>;
