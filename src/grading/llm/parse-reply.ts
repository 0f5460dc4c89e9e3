import type { DimensionScore } from '../feedback-schema.js';
import type { Rubric } from '../rubric-schema.js';
import { extractJsonObject } from './extract-json.js';
import { ModelReplySchema } from './reply-schema.js';

/* Bounds on what the model can make us store and render, whatever it sends. */
const MAX_LIST_ITEMS = 6;
const MAX_EVIDENCE_ITEMS = 5;
const MAX_ITEM_CHARS = 500;
const MAX_RATIONALE_CHARS = 1_000;
const MAX_FOLLOW_UP_CHARS = 300;
/** Shorter "quotes" ("I", "the") are trivially found in any answer and prove nothing. */
const MIN_QUOTE_CHARS = 4;

export interface ParsedGrade {
  /** In rubric order, with the rubric's labels. */
  dimensions: DimensionScore[];
  strengths: string[];
  improvements: string[];
  missingPoints: string[];
  /** A probe for the weakest part of the answer, when the model wrote one. */
  followUpQuestion?: string;
  /** What code had to fix; logged, never silently stored as the model sent it. */
  repairs: { clampedScores: string[]; droppedQuotes: number; unknownKeys: number };
}

export type ParseOutcome = { ok: true; grade: ParsedGrade } | { ok: false; issue: string };

/** Folds the differences a faithful quote may still have: case, whitespace, typographic quotes and dashes. */
function foldForQuoteMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2012-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether the quote really occurs in the answer. An elided quote ("I profiled … cut latency by 40%") counts
 * when its parts occur in order. Surrounding quote marks and end punctuation the model adds are ignored.
 */
function quoteOccursIn(foldedAnswer: string, quote: string): boolean {
  const parts = foldForQuoteMatch(quote)
    .split(/\.{3}|…/)
    .map((part) => part.replace(/^[\s"'.,;:!?-]+|[\s"'.,;:!?-]+$/g, ''))
    .filter((part) => part.length > 0);
  if (parts.length === 0 || parts.every((part) => part.length < MIN_QUOTE_CHARS)) return false;
  let from = 0;
  for (const part of parts) {
    const at = foldedAnswer.indexOf(part, from);
    if (at === -1) return false;
    from = at + part.length;
  }
  return true;
}

function clip(text: string, maxChars: number): string {
  const trimmed = text.trim();
  return trimmed.length <= maxChars ? trimmed : `${trimmed.slice(0, maxChars - 1).trimEnd()}…`;
}

function cleanList(items: readonly string[], maxItems: number): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const item of items) {
    const clipped = clip(item, MAX_ITEM_CHARS);
    const folded = foldForQuoteMatch(clipped);
    if (clipped.length === 0 || seen.has(folded)) continue;
    seen.add(folded);
    result.push(clipped);
    if (result.length === maxItems) break;
  }
  return result;
}

/**
 * Validates a model reply against the rubric. The model's numbers are never stored as sent: scores are
 * rounded and clamped into 1..5, keys outside the rubric are dropped, quotes not found in the answer are
 * dropped. A reply that is not JSON, does not match the schema, or lacks a rubric dimension is invalid.
 * `answer` is the sanitised answer exactly as the model saw it.
 */
export function parseGradeReply(text: string, rubric: Rubric, answer: string): ParseOutcome {
  const json = extractJsonObject(text);
  if (json === undefined) return { ok: false, issue: 'the reply contained no JSON object' };
  const parsed = ModelReplySchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    return { ok: false, issue: `the JSON does not match the schema (${details})` };
  }

  const byKey = new Map<string, (typeof parsed.data.dimensions)[number]>();
  let unknownKeys = 0;
  const rubricKeyFor = (key: string) => {
    const folded = key.trim().toLowerCase();
    return rubric.dimensions.find((d) => d.key === folded || d.label.toLowerCase() === folded)?.key;
  };
  for (const dimension of parsed.data.dimensions) {
    const key = rubricKeyFor(dimension.key);
    if (key === undefined) unknownKeys += 1;
    else if (!byKey.has(key)) byKey.set(key, dimension);
  }
  const foldedAnswer = foldForQuoteMatch(answer);
  const missing: string[] = [];
  const clampedScores: string[] = [];
  let droppedQuotes = 0;
  const dimensions: DimensionScore[] = [];
  for (const rubricDimension of rubric.dimensions) {
    const reply = byKey.get(rubricDimension.key);
    if (!reply) {
      missing.push(rubricDimension.key);
      continue;
    }
    const score = Math.min(5, Math.max(1, Math.round(reply.score)));
    if (score !== reply.score) clampedScores.push(rubricDimension.key);
    const quotes = reply.evidence.filter((quote) => quoteOccursIn(foldedAnswer, quote));
    droppedQuotes += reply.evidence.length - quotes.length;
    dimensions.push({
      key: rubricDimension.key,
      label: rubricDimension.label,
      score,
      rationale: clip(reply.rationale, MAX_RATIONALE_CHARS),
      evidence: cleanList(quotes, MAX_EVIDENCE_ITEMS),
    });
  }
  if (missing.length > 0) return { ok: false, issue: `dimensions missing from the reply: ${missing.join(', ')}` };

  return {
    ok: true,
    grade: {
      dimensions,
      strengths: cleanList(parsed.data.strengths, MAX_LIST_ITEMS),
      improvements: cleanList(parsed.data.improvements, MAX_LIST_ITEMS),
      missingPoints: cleanList(parsed.data.missingPoints, MAX_LIST_ITEMS),
      ...(parsed.data.followUpQuestion.trim() === '' ? {} : { followUpQuestion: clip(parsed.data.followUpQuestion, MAX_FOLLOW_UP_CHARS) }),
      repairs: { clampedScores, droppedQuotes, unknownKeys },
    },
  };
}
