import type { RubricId } from '../../src/grading/rubric-schema.js';
import { getRubric } from '../../src/grading/rubrics.js';

export interface ReplyOptions {
  scores?: Record<string, unknown>;
  evidence?: Record<string, string[]>;
  omit?: string[];
  extra?: Record<string, unknown>;
  dimensionExtra?: Record<string, unknown>;
  extraDimensions?: unknown[];
  missingPoints?: string[];
}

/** A reply as a model would write it: one entry per rubric dimension (score 3 unless given). */
export function modelReply(rubricId: RubricId, options: ReplyOptions = {}): string {
  const rubric = getRubric(rubricId);
  return JSON.stringify({
    dimensions: [
      ...rubric.dimensions
        .filter((dimension) => !options.omit?.includes(dimension.key))
        .map((dimension) => ({
          key: dimension.key,
          score: options.scores?.[dimension.key] ?? 3,
          rationale: `Rationale for ${dimension.key}.`,
          evidence: options.evidence?.[dimension.key] ?? [],
          ...options.dimensionExtra,
        })),
      ...(options.extraDimensions ?? []),
    ],
    strengths: ['States a measurable result.'],
    improvements: ['Explain the trade-off you made.'],
    missingPoints: options.missingPoints ?? [],
    ...options.extra,
  });
}
