import { z } from 'zod';
import type { QuestionKind } from '../contracts/question-schema.js';
import { extractJsonObject } from '../grading/llm/extract-json.js';
import { LlmCallError, type ChatResult, type LlmClient, type ResponseFormat } from '../llm/client.js';
import { fillTemplate, loadPromptTemplate, promptVersion } from '../llm/prompts.js';
import { toStrictJsonSchema } from '../llm/strict-json-schema.js';
import { delimitUntrusted } from '../llm/untrusted-text.js';
import type { Requirement } from './job-description.js';
import type { WrittenQuestion } from './written-questions.js';
import type { UsageRepository } from '../grading/usage-repository.js';

/*
 * With a model configured, a job-description interview may include a few questions the model writes for
 * the job's requirements, each with a model answer to grade against. The reply is validated with zod and
 * nothing unvalidated is kept; any failure only means the interview keeps its corpus questions.
 */

const WrittenQuestionSchema = z.object({
  requirement: z.number().int().min(1),
  question: z.string().trim().min(10).max(400),
  answer: z.string().trim().min(40).max(4_000),
});
const WrittenReplySchema = z.object({ questions: z.array(WrittenQuestionSchema).max(10) });


export interface QuestionWriterOptions {
  client: LlmClient;
  model: string;
  outputMode: 'auto' | 'json_schema' | 'json_object' | 'prompt';
  /** The users' daily token budget, shared with grading: no questions are written once it is spent. */
  budget: { usage: UsageRepository; dailyTokens: number; now: () => number };
}

export function createQuestionWriter(options: QuestionWriterOptions) {
  const template = loadPromptTemplate('job-questions.v1');
  const version = promptVersion(template);
  const schemaFormat: ResponseFormat = {
    type: 'json_schema',
    json_schema: { name: 'job_questions', strict: true, schema: toStrictJsonSchema(WrittenReplySchema) },
  };
  // Stepped down once, like the grader, when the server refuses structured output.
  let format: ResponseFormat | undefined =
    options.outputMode === 'json_object' ? { type: 'json_object' } : options.outputMode === 'prompt' ? undefined : schemaFormat;

  async function ask(prompt: string, signal: AbortSignal): Promise<ChatResult> {
    const call = { model: options.model, messages: [{ role: 'user' as const, content: prompt }], maxTokens: 2_000, temperature: 0.4, signal };
    try {
      return await options.client.complete({ ...call, responseFormat: format });
    } catch (error) {
      if (!(error instanceof LlmCallError) || !error.responseFormatRejected || format === undefined || options.outputMode !== 'auto') throw error;
      format = undefined;
      return options.client.complete(call);
    }
  }

  return {
    promptVersion: version,

    /** Up to `count` questions of `kind`, each on one of `requirements`, distinct requirements first. */
    async write(input: {
      userId: string;
      requirements: readonly Requirement[];
      kind: QuestionKind;
      count: number;
      signal: AbortSignal;
    }): Promise<WrittenQuestion[]> {
      const { userId, requirements, kind, count, signal } = input;
      if (count <= 0 || requirements.length === 0) return [];
      const { usage, dailyTokens, now } = options.budget;
      const day = new Date(now()).toISOString().slice(0, 10);
      if (usage.spent(userId, day) >= dailyTokens) return [];
      const delimited = delimitUntrusted(
        'REQUIREMENTS',
        requirements.map((requirement, index) => `${index + 1}. ${requirement.text}`).join('\n'),
      );
      const prompt = fillTemplate(template, {
        count: String(count),
        kind,
        requirements_start: delimited.start,
        requirements_end: delimited.end,
        requirements: delimited.block,
      });
      const result = await ask(prompt, signal);
      if (result.usage) usage.add(userId, day, result.usage.totalTokens);
      const json = extractJsonObject(result.text);
      const reply = WrittenReplySchema.safeParse(json?.value);
      if (!reply.success) throw new LlmCallError('the model wrote no valid questions', 'invalid_output', undefined);
      const used = new Set<number>();
      const written: WrittenQuestion[] = [];
      for (const question of reply.data.questions) {
        const requirement = requirements[question.requirement - 1];
        if (!requirement || used.has(question.requirement) || written.length >= count) continue;
        used.add(question.requirement);
        written.push({ requirement, text: question.question, answer: question.answer, model: options.model, promptVersion: version });
      }
      return written;
    },
  };
}
export type QuestionWriter = ReturnType<typeof createQuestionWriter>;
