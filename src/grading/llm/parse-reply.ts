import type { DimensionScore } from '../../contracts/feedback-schema.js';
import type { Rubric } from '../../contracts/rubric-schema.js';
import { extractJsonObject, repeatedKeys } from './extract-json.js';
import {
  LooseDimensionEntrySchema,
  LooseDimensionSchema,
  LooseKeyPointSchema,
  LooseReplySchema,
  type JudgedCounts,
  type KeyPointStatus,
} from './reply-schema.js';

/* Bounds on what the model can make us store and render, whatever it sends. */
const MAX_LIST_ITEMS = 6;
const MAX_EVIDENCE_ITEMS = 5;
const MAX_ITEM_CHARS = 500;
const MAX_RATIONALE_CHARS = 1_000;
const MAX_FOLLOW_UP_CHARS = 300;
/** Shorter "quotes" ("I", "the") are trivially found in any answer and prove nothing. */
const MIN_QUOTE_CHARS = 4;
/**
 * Scores are read on the 1–5 scale only. A 0 is read as "none" (1); anything above 5 may be another scale
 * ("7" of 10) and is not guessed at: that dimension is unusable and the offline grader scores it.
 */
const MIN_READABLE_SCORE = 0;
const MAX_READABLE_SCORE = 5.5;

export interface WatchedErrorJudgement {
  stated: boolean;
  /** The answer's words that state it, verified to occur in the answer. */
  quote?: string;
}

export interface KeyPointJudgement {
  status: KeyPointStatus;
  /** Verified to occur in the answer. */
  quote?: string;
}

/** What code had to fix or drop; logged (counts and rubric keys only, never text), never stored as sent. */
export interface ReplyRepairs {
  /** The dimensions came as an array of `{ key, … }`, the form of earlier prompts. */
  arrayForm: boolean;
  /** The dimensions came at the top level of the reply, without a "dimensions" object. */
  topLevel: boolean;
  /** Dimension entries whose key is not one of the rubric's, plus key-point ids not asked for. */
  unknownKeys: number;
  /** Rubric keys given more than once: ambiguous, so dropped. */
  duplicateKeys: string[];
  /** Rubric keys whose score could not be read on the 1–5 scale. */
  unusableScores: string[];
  /** Rubric keys whose score was rounded or raised to 1. */
  clampedScores: string[];
  droppedQuotes: number;
}

export interface ParsedReply {
  /** The usable dimensions, by rubric key, in rubric order, with the rubric's labels. */
  dimensions: Map<string, DimensionScore>;
  /** Judgements of the listed key points, by index. */
  keyPoints: Map<number, KeyPointJudgement>;
  /** Whether the answer states each listed claim to watch for, by index. */
  watchedErrors: Map<number, WatchedErrorJudgement>;
  strengths: string[];
  improvements: string[];
  missingPoints: string[];
  /** A probe for the weakest part of the answer, when the model wrote one. */
  followUpQuestion?: string;
  repairs: ReplyRepairs;
}

export type ParseOutcome = { ok: true; reply: ParsedReply } | { ok: false; issue: string };

/** Folds the differences a faithful quote may still have: case, whitespace, typographic quotes and dashes. */
export function foldForQuoteMatch(text: string): string {
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

/** Keys compared without case, spaces or punctuation; a dimension's label names it too ("Specificity & impact"). */
const foldKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, '');

function keyPointStatus(text: string): KeyPointStatus | undefined {
  const folded = text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  if (/^(covered|fully covered|yes)$/.test(folded)) return 'covered';
  if (/^(partial|partially|partly|partially covered|partly covered)$/.test(folded)) return 'partial';
  if (/^(contradicted|contradicts|contradiction|opposite)$/.test(folded)) return 'contradicted';
  if (/^(missed|missing|not covered|absent|no)$/.test(folded)) return 'missed';
  return undefined;
}

/** Whether a watched claim is stated, as models write it: "stated", "not_stated", "yes", false… */
function watchedErrorStated(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const folded = value.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  if (/^(stated|states|asserted|yes|true)$/.test(folded)) return true;
  if (/^(not stated|unstated|not asserted|rejected|no|false)$/.test(folded)) return false;
  return undefined;
}

/** A watched claim's judgement: `{ status, quote }`, or (drift) the bare status. */
const watchedErrorParts = (value: unknown): { status: unknown; quote: unknown } =>
  typeof value === 'object' && value !== null && 'status' in value ? { status: value.status, quote: 'quote' in value ? value.quote : '' } : { status: value, quote: '' };

const LISTED_ID = { p: /^p?(\d+)$/i, w: /^w?(\d+)$/i } as const;

/** `p3`, `P3` or `3` → index 2 of the listed points (`w3` for the listed claims to watch for). */
function listedIndex(id: string, count: number, prefix: keyof typeof LISTED_ID): number | undefined {
  const match = LISTED_ID[prefix].exec(id.trim());
  const index = match ? Number(match[1]) - 1 : -1;
  return index >= 0 && index < count ? index : undefined;
}

/**
 * A judged list as the model wrote it: keyed by id, or (drift) an array, each item by the id it names or else by its
 * place in the listed order.
 */
const judgedEntries = (judged: Record<string, unknown> | unknown[] | undefined, prefix: keyof typeof LISTED_ID): (readonly [string, unknown])[] =>
  judged === undefined
    ? []
    : Array.isArray(judged)
      ? judged.map((value, index) => [typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string' ? value.id : `${prefix}${index + 1}`, value] as const)
      : Object.entries(judged);

/**
 * Reads a model reply against the rubric. The model's numbers are never stored as sent: scores are read on
 * the 1–5 scale and rounded, keys outside the rubric and keys given twice are dropped, quotes not found in
 * the answer are dropped. The reply is usable when it is a JSON object whose `dimensions` holds at least one
 * usable dimension; which dimensions are missing is for the caller to settle. `answer` is the sanitised
 * answer exactly as the model saw it; `counts` how many key points and claims to watch for the prompt listed.
 */
export function parseGradeReply(text: string, rubric: Rubric, answer: string, counts: JudgedCounts = { keyPoints: 0, watchedErrors: 0 }): ParseOutcome {
  const extracted = extractJsonObject(text);
  if (extracted === undefined) return { ok: false, issue: 'the reply contained no JSON object' };
  const rubricKeyOf = new Map<string, string>();
  for (const dimension of rubric.dimensions) {
    rubricKeyOf.set(foldKey(dimension.key), dimension.key);
    rubricKeyOf.set(foldKey(dimension.label), dimension.key);
  }
  // Drift: the dimensions written at the top level, beside the lists, with no "dimensions" object around them.
  const topLevel = !('dimensions' in extracted.value) && Object.keys(extracted.value).some((key) => rubricKeyOf.has(foldKey(key)));
  const dimensionsPath = topLevel ? [] : ['dimensions'];
  const parsed = LooseReplySchema.safeParse(
    topLevel
      ? { ...extracted.value, dimensions: Object.fromEntries(Object.entries(extracted.value).filter(([key]) => rubricKeyOf.has(foldKey(key)))) }
      : extracted.value,
  );
  if (!parsed.success) return { ok: false, issue: 'the JSON has no "dimensions" object' };
  const reply = parsed.data;

  const repairs: ReplyRepairs = {
    arrayForm: false,
    topLevel,
    unknownKeys: 0,
    duplicateKeys: [],
    unusableScores: [],
    clampedScores: [],
    droppedQuotes: 0,
  };

  // Every entry the model wrote, under the rubric key it names; a key written twice in the JSON text counts twice.
  const entries = new Map<string, unknown[]>();
  const addEntry = (key: string, value: unknown) => {
    const rubricKey = rubricKeyOf.get(foldKey(key));
    if (rubricKey === undefined) repairs.unknownKeys += 1;
    else entries.set(rubricKey, [...(entries.get(rubricKey) ?? []), value]);
  };
  if (Array.isArray(reply.dimensions)) {
    repairs.arrayForm = true;
    for (const item of reply.dimensions) {
      const entry = LooseDimensionEntrySchema.safeParse(item);
      if (entry.success) addEntry(entry.data.key, entry.data);
      else if (typeof item === 'object' && item !== null && 'key' in item && typeof item.key === 'string') addEntry(item.key, item);
      else repairs.unknownKeys += 1;
    }
  } else {
    const written = repeatedKeys(extracted.text, dimensionsPath);
    for (const [key, value] of Object.entries(reply.dimensions)) {
      addEntry(key, value);
      if (written.has(key)) addEntry(key, value);
    }
  }

  const foldedAnswer = foldForQuoteMatch(answer);
  const dimensions = new Map<string, DimensionScore>();
  for (const rubricDimension of rubric.dimensions) {
    const given = entries.get(rubricDimension.key);
    if (given === undefined) continue;
    if (given.length > 1) {
      repairs.duplicateKeys.push(rubricDimension.key);
      continue;
    }
    const entry = LooseDimensionSchema.safeParse(given[0]);
    const raw = entry.success ? entry.data.score : Number.NaN;
    if (!entry.success || !Number.isFinite(raw) || raw < MIN_READABLE_SCORE || raw > MAX_READABLE_SCORE) {
      repairs.unusableScores.push(rubricDimension.key);
      continue;
    }
    const score = Math.min(5, Math.max(1, Math.round(raw)));
    if (score !== raw) repairs.clampedScores.push(rubricDimension.key);
    const quotes = entry.data.evidence.filter((quote) => quoteOccursIn(foldedAnswer, quote));
    repairs.droppedQuotes += entry.data.evidence.length - quotes.length;
    dimensions.set(rubricDimension.key, {
      key: rubricDimension.key,
      label: rubricDimension.label,
      score,
      rationale: clip(entry.data.rationale, MAX_RATIONALE_CHARS),
      evidence: cleanList(quotes, MAX_EVIDENCE_ITEMS),
    });
  }
  if (dimensions.size === 0) {
    return { ok: false, issue: `"dimensions" held no usable score for any of: ${rubric.dimensions.map((d) => d.key).join(', ')}` };
  }

  const keyPoints = new Map<number, KeyPointJudgement>();
  for (const [id, value] of judgedEntries(reply.keyPoints, 'p')) {
    const index = listedIndex(id, counts.keyPoints, 'p');
    const point = LooseKeyPointSchema.safeParse(value);
    const status = point.success ? keyPointStatus(point.data.status) : undefined;
    if (index === undefined || !point.success || status === undefined || keyPoints.has(index)) {
      repairs.unknownKeys += 1;
      continue;
    }
    const quote = point.data.quote.trim();
    const verified = status !== 'missed' && quote !== '' && quoteOccursIn(foldedAnswer, quote);
    if (status !== 'missed' && quote !== '' && !verified) repairs.droppedQuotes += 1;
    // A contradiction is shown with the answer's words that make it: without them it is only a point not made.
    if (status === 'contradicted' && !verified) keyPoints.set(index, { status: 'missed' });
    else keyPoints.set(index, verified ? { status, quote: clip(quote, MAX_ITEM_CHARS) } : { status });
  }

  const watchedErrors = new Map<number, WatchedErrorJudgement>();
  for (const [id, value] of judgedEntries(reply.watchedErrors, 'w')) {
    const index = listedIndex(id, counts.watchedErrors, 'w');
    const parts = watchedErrorParts(value);
    const stated = watchedErrorStated(parts.status);
    if (index === undefined || stated === undefined || watchedErrors.has(index)) {
      repairs.unknownKeys += 1;
      continue;
    }
    const quote = typeof parts.quote === 'string' ? parts.quote.trim() : '';
    const verified = stated && quote !== '' && quoteOccursIn(foldedAnswer, quote);
    if (stated && quote !== '' && !verified) repairs.droppedQuotes += 1;
    // Not clipped: it is the answer's own words, checked against the claim as a whole (a clipped quote ends in "…",
    // which reads as pieces joined), and the card shows it as the offline grader shows a sentence, whole.
    watchedErrors.set(index, verified ? { stated, quote } : { stated });
  }

  return {
    ok: true,
    reply: {
      dimensions,
      keyPoints,
      watchedErrors,
      strengths: cleanList(reply.strengths, MAX_LIST_ITEMS),
      improvements: cleanList(reply.improvements, MAX_LIST_ITEMS),
      missingPoints: cleanList(reply.missingPoints, MAX_LIST_ITEMS),
      ...(reply.followUpQuestion.trim() === '' ? {} : { followUpQuestion: clip(reply.followUpQuestion, MAX_FOLLOW_UP_CHARS) }),
      repairs,
    },
  };
}
