import type { Rubric } from '../rubric-schema.js';
import type { AnswerText } from './answer-text.js';
import { matchPoints, type PointMatch } from './coverage.js';
import type { CueName } from './cues.js';
import type { SentenceInfo } from './nlp.js';
import { relevanceOf, type ReferenceProfile, type Relevance } from './reference-profile.js';
import { prioritise, scoreMap, toDimensions, type Advice, type DimensionDraft, type RubricFeedback } from './scoring.js';
import { isTermList, shorten, termCounts, verbCount, wordTokens } from './terms.js';

/** Share of a point's weighted salient terms an answer must use for the point to count as covered. */
const COVERED_SHARE = 0.5;
/** Answers to related questions only overlap in part with what this question needs. */
const COVERED_SHARE_RELATED = 0.34;
const RELATED_COVERAGE_BOOST = 1.4;

const DEPTH_KINDS: readonly { kind: string; cues: readonly CueName[]; advice: string }[] = [
  { kind: 'a trade-off', cues: ['tradeoff'], advice: 'Add a trade-off: what it costs or where it breaks down ("however…", "the downside is…").' },
  { kind: 'when to use it', cues: ['whenToUse', 'temporal'], advice: 'Say when to use it and when not to ("prefer it when…", "avoid it if…").' },
  { kind: 'an example', cues: ['example'], advice: 'Give a concrete example with numbers ("for example, with 1,000 samples and 5 folds…").' },
  { kind: 'a pitfall', cues: ['pitfall'], advice: 'Mention a common pitfall or mistake and how to avoid it.' },
];

interface Shape {
  readonly words: number;
  /** Function words (stop words) per word: prose is roughly 0.4–0.55, a keyword list close to 0. */
  readonly functionShare: number;
  readonly withVerbShare: number;
  readonly averageLength: number;
  /** A bag of terms rather than explanation: the whole answer, or most of it, is term lists. */
  readonly stuffed: boolean;
}

function shapeOf(sentences: readonly SentenceInfo[]): Shape {
  let words = 0;
  let functionWords = 0;
  let listWords = 0;
  let withVerb = 0;
  for (const sentence of sentences) {
    const tokens = wordTokens(sentence);
    words += tokens.length;
    functionWords += tokens.filter((token) => token.stop).length;
    if (isTermList(sentence)) listWords += tokens.length;
    if (verbCount(sentence) > 0) withVerb += 1;
  }
  const functionShare = words === 0 ? 0 : functionWords / words;
  return {
    words,
    functionShare,
    withVerbShare: sentences.length === 0 ? 0 : withVerb / sentences.length,
    averageLength: sentences.length === 0 ? 0 : words / sentences.length,
    stuffed: words >= 4 && (functionShare < 0.2 || listWords / words > 0.5),
  };
}

const quote = (sentence: SentenceInfo): string => `"${shorten(sentence.text, 90)}"`;

function coverageDraft(matches: readonly PointMatch[], ratio: number, profile: ReferenceProfile, relevance: Relevance, shape: Shape): DimensionDraft {
  const covered = matches.filter((match) => match.covered);
  const evidence = [...new Set(covered.flatMap((match) => (match.sentence ? [match.sentence.text] : [])))].slice(0, 3);
  if (matches.length === 0) {
    const score = Math.min(3, 1 + Math.round(relevance.questionCoverage * 2));
    return { score, rationale: `No reference answer to compare with; the answer uses ${Math.round(relevance.questionCoverage * 100)}% of the question's topic words.`, evidence };
  }
  let score = ratio >= 0.85 ? 5 : ratio >= 0.6 ? 4 : ratio >= 0.4 ? 3 : ratio >= 0.15 ? 2 : 1;
  if (shape.stuffed) score = Math.min(score, 2);
  const related = profile.fromRelated ? ' (reference taken from related questions, judged leniently)' : '';
  const rationale = shape.stuffed
    ? `Key terms are listed but not explained, so they earn little coverage${related}.`
    : `Covers ${covered.length} of ${matches.length} key points of the reference answer${related}.`;
  return { score, rationale, evidence };
}

function correctnessDraft(ratio: number, relevance: Relevance, contradictions: readonly PointMatch[], shape: Shape, offTopic: boolean): DimensionDraft {
  if (offTopic) return { score: 1, rationale: 'Estimated offline: the answer does not address the question, so nothing in it can be credited as correct.' };
  let score = 1 + 4 * (0.75 * ratio + 0.25 * ((relevance.score - 1) / 4));
  score -= contradictions.length;
  if (shape.stuffed) score = Math.min(score, 2);
  const contradiction = contradictions[0]?.sentence;
  const rationale = contradiction
    ? `Estimated offline from coverage and relevance; ${quote(contradiction)} appears to negate a point the reference affirms.`
    : shape.stuffed
      ? 'Estimated offline: the right words are present but not used in statements that could be right or wrong.'
      : `Estimated offline from key-point coverage (${Math.round(ratio * 100)}%) and relevance; not a fact check.`;
  return { score, rationale };
}

function onTopicSentences(sentences: readonly SentenceInfo[], profile: ReferenceProfile): SentenceInfo[] {
  const topic = new Set([...profile.vocabulary, ...profile.questionTerms]);
  if (topic.size === 0) return [...sentences];
  return sentences.filter((sentence) => sentence.tokens.some((token) => topic.has(token.term)));
}

function depthDraft(onTopic: readonly SentenceInfo[], shape: Shape, offTopic: boolean): { draft: DimensionDraft; missing: typeof DEPTH_KINDS } {
  const present = DEPTH_KINDS.filter(({ kind, cues }) =>
    onTopic.some(
      (sentence) =>
        cues.some((cue) => sentence.cues.has(cue)) ||
        (kind === 'an example' && sentence.entities.some((entity) => entity.type !== 'ORDINAL')),
    ),
  );
  const missing = DEPTH_KINDS.filter((kind) => !present.includes(kind));
  const evidence = onTopic
    .filter((sentence) => present.some(({ cues }) => cues.some((cue) => sentence.cues.has(cue))))
    .slice(0, 3)
    .map((sentence) => sentence.text);
  if (offTopic || shape.stuffed || onTopic.length === 0) {
    return { draft: { score: 1, rationale: 'No explanation of the topic beyond naming it.', evidence: [] }, missing };
  }
  const score = present.length === 0 ? 2 : present.length === 1 ? 3 : present.length <= 3 ? 4 : 5;
  const rationale =
    present.length === 0
      ? 'A definition without trade-offs, examples, guidance on when to use it or pitfalls.'
      : `Goes beyond a definition with ${present.map(({ kind }) => kind).join(', ')}.`;
  return { draft: { score, rationale, evidence }, missing };
}

function clarityDraft(sentences: readonly SentenceInfo[], shape: Shape, profile: ReferenceProfile, offTopic: boolean): DimensionDraft {
  if (shape.stuffed) return { score: 1, rationale: 'A list of keywords rather than sentences that explain them.' };
  const first = sentences[0];
  const leadTerms = new Set([...profile.questionTerms, ...(profile.keyPoints[0]?.terms.keys() ?? [])]);
  const leads = first !== undefined && first.tokens.some((token) => leadTerms.has(token.term));
  let score: number;
  let rationale: string;
  if (shape.withVerbShare < 0.5) {
    score = 2;
    rationale = `Mostly fragments: only ${Math.round(shape.withVerbShare * 100)}% of the sentences have a verb.`;
  } else if (shape.averageLength > 40 || shape.averageLength < 5) {
    score = 3;
    rationale = `Understandable, but sentences average ${Math.round(shape.averageLength)} words, which is hard to follow when spoken.`;
  } else if (shape.withVerbShare >= 0.9 && shape.averageLength >= 8 && shape.averageLength <= 28 && sentences.length >= 3 && leads) {
    score = 5;
    rationale = `Complete sentences of ${Math.round(shape.averageLength)} words on average, opening with the main point.`;
  } else {
    score = 4;
    rationale = `Clear, complete sentences (${Math.round(shape.averageLength)} words on average).`;
  }
  if (offTopic && score > 2) return { score: 2, rationale: 'Readable sentences, but they do not explain the topic that was asked about.' };
  return { score, rationale };
}

export function gradeTechnical(rubric: Rubric, answer: AnswerText, profile: ReferenceProfile, extraAdvice: readonly Advice[]): RubricFeedback {
  const { sentences } = answer;
  const shape = shapeOf(sentences);
  // Term lists count against the answer's shape (stuffing) but never towards what it explains.
  const explanatory = sentences.filter((sentence) => !isTermList(sentence));
  const relevance = relevanceOf(termCounts(explanatory), profile, 0.5);
  const matches = matchPoints(profile.keyPoints, explanatory, profile.fromRelated ? COVERED_SHARE_RELATED : COVERED_SHARE);
  const coveredCount = matches.filter((match) => match.covered).length;
  const rawRatio = matches.length === 0 ? relevance.questionCoverage : coveredCount / matches.length;
  const ratio = profile.fromRelated ? Math.min(1, rawRatio * RELATED_COVERAGE_BOOST) : rawRatio;
  const offTopic = !shape.stuffed && (relevance.score <= 1 || (relevance.score <= 2 && ratio < 0.15));
  const contradictions = matches.filter((match) => match.contradicted);
  const depth = depthDraft(onTopicSentences(explanatory, profile), shape, offTopic);

  const coverage = coverageDraft(matches, ratio, profile, relevance, shape);
  const drafts: Record<string, DimensionDraft> = {
    correctness: correctnessDraft(ratio, relevance, contradictions, shape, offTopic),
    coverage: offTopic ? { ...coverage, score: 1, rationale: 'The answer is about something else and covers none of the key points.' } : coverage,
    depth: depth.draft,
    clarity: clarityDraft(explanatory, shape, profile, offTopic),
  };
  const dimensions = toDimensions(rubric, drafts);
  const scores = scoreMap(dimensions);
  const missed = matches.filter((match) => !match.covered);

  const advice: Advice[] = [];
  if (offTopic) advice.push({ key: 'correctness', text: 'The answer does not address the question; start from its key terms and explain them.' });
  if (shape.stuffed) advice.push({ key: 'clarity', text: 'Explain the ideas in full sentences: a list of keywords shows recall, not understanding.' });
  for (const match of contradictions) {
    if (match.sentence) advice.push({ key: 'correctness', text: `Check ${quote(match.sentence)} against: "${match.point.label}".` });
  }
  const firstMissed = missed[0];
  if (firstMissed && !offTopic) {
    advice.push({ key: 'coverage', text: `Cover the missed key points, starting with: "${firstMissed.point.label}".` });
  }
  if (!offTopic && !shape.stuffed) for (const kind of depth.missing) advice.push({ key: 'depth', text: kind.advice });
  if (scores.get('clarity') === 2 && !shape.stuffed && !offTopic) advice.push({ key: 'clarity', text: 'Turn fragments into full sentences and lead with the main point.' });

  const strengths: string[] = [];
  const firstCovered = matches.find((match) => match.covered && match.sentence);
  if (!shape.stuffed && !offTopic && coveredCount > 0 && firstCovered?.sentence) {
    strengths.push(`Covers ${coveredCount} of ${matches.length} key points, e.g. ${quote(firstCovered.sentence)}`);
  }
  if ((scores.get('depth') ?? 0) >= 4) strengths.push(depth.draft.rationale);
  if ((scores.get('clarity') ?? 0) >= 4) strengths.push('Clear, complete sentences a listener can follow.');

  return {
    dimensions,
    strengths,
    improvements: prioritise(rubric, scores, [...advice, ...extraAdvice]),
    missingPoints: missed.map((match) => match.point.label),
  };
}
