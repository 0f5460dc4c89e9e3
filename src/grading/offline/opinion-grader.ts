import { WORD_BANDS } from '../behavioural-rubrics.js';
import {
  answerConcision,
  evidenceOf,
  finishFeedback,
  listOf,
  quote,
  relevanceAdvice,
  relevanceDraft,
  type TypeGrader,
} from './behavioural-grading.js';
import { readResponse, realCase, type ResponseFeatures, type ResponseSentence } from './response-features.js';
import type { Advice, DimensionDraft } from './scoring.js';
import { wordTokens } from './terms.js';

/*
 * "What do you think…?": a position, reasons, an example and the limits of the view (claim, grounds,
 * evidence, rebuttal). The grader cannot judge whether the view is right, only whether it is argued.
 */

const says = (sentence: ResponseSentence, minimum = 2): boolean => sentence.substance >= minimum;
/** A claim explained after a colon: "…the strongest baseline on tabular data: they handle mixed types…". */
const EXPLAINED_AFTER_COLON = /\w:\s+(?:they|it|this|that|these|those|you|we)\b/i;
const reasonsIn = (sentence: ResponseSentence): number =>
  says(sentence)
    ? Math.max(sentence.star.sentence.cues.get('reasoning') ?? 0, sentence.cues.get('because') ?? 0, EXPLAINED_AFTER_COLON.test(sentence.star.sentence.text) ? 1 : 0)
    : 0;
const limitsIn = (sentence: ResponseSentence): number => (says(sentence) ? (sentence.cues.get('limits') ?? 0) : 0);

/** The sentence stating the view: an explicit claim, else an opening assertion that says something. */
function claimOf(features: ResponseFeatures): { sentence: ResponseSentence; index: number } | undefined {
  // A direct answer first ("Logistic regression." "Usually not: …") is the position.
  const [first] = features.sentences;
  if (first && wordTokens(first.star.sentence).length <= 6 && (first.names.length > 0 || first.substance >= 1)) return { sentence: first, index: 0 };
  const explicit = features.sentences.findIndex((sentence) => (sentence.cues.get('claim') ?? 0) > 0 && says(sentence));
  const opening = features.sentences.findIndex((sentence) => says(sentence, 3) && sentence.star.mode !== 'hypothetical');
  const index = explicit === -1 ? opening : opening === -1 ? explicit : Math.min(explicit, opening);
  const sentence = features.sentences[index];
  return sentence ? { sentence, index } : undefined;
}

function position(features: ResponseFeatures, claim: ReturnType<typeof claimOf>): DimensionDraft {
  if (!claim) {
    return { score: 1, rationale: 'No position: the answer never says what you think.', evidence: [] };
  }
  const { sentence, index } = claim;
  const specific = sentence.names.length > 0 || sentence.substance >= 4;
  const last = features.sentences.at(-1);
  const terms = new Set(sentence.star.sentence.tokens.map((token) => token.term).filter((term) => term !== ''));
  const closes =
    last !== undefined &&
    last !== sentence &&
    ((last.cues.get('claim') ?? 0) > 0 || last.star.sentence.tokens.filter((token) => terms.has(token.term)).length >= 2);
  const score = !specific ? 3 : index === 0 && closes && features.sentences.length >= 3 ? 5 : index <= 1 ? 4 : 3;
  const rationale =
    score >= 4
      ? `A specific position, stated ${index === 0 ? 'up front' : 'early'}${score === 5 ? ' and carried to the close' : ''}: ${quote(sentence)}.`
      : specific
        ? `Your position comes late: ${quote(sentence)}.`
        : `The position is vague: ${quote(sentence)}.`;
  return { score, rationale, evidence: [sentence.star.sentence.text] };
}

function reasoning(features: ResponseFeatures, claim: ReturnType<typeof claimOf>): DimensionDraft {
  const cueReasons = features.sentences.reduce((sum, sentence) => sum + reasonsIn(sentence), 0);
  // Statements that support the claim without a "because": "It handles high-dimensional data without
  // overfitting easily." Two such sentences count as one reason.
  const support = features.sentences.filter(
    (sentence) => sentence !== claim?.sentence && says(sentence, 3) && limitsIn(sentence) === 0 && reasonsIn(sentence) === 0,
  ).length;
  const reasons = cueReasons + Math.floor(support / 2);
  const score = reasons === 0 ? 1 : reasons === 1 ? 2 : reasons === 2 ? 3 : reasons >= 4 && cueReasons >= 2 ? 5 : 4;
  const evidence = evidenceOf(features.sentences.filter((sentence) => reasonsIn(sentence) > 0));
  const rationale =
    reasons === 0
      ? 'No reasons: the view is asserted, not explained.'
      : score >= 4
        ? `Reasons that explain the view (${reasons}).`
        : `Few reasons (${reasons}) behind the view.`;
  return { score, rationale, evidence };
}

function example(features: ResponseFeatures, claim: ReturnType<typeof claimOf>): DimensionDraft {
  const cited = features.sentences.filter((sentence) => sentence.star.sentence.cues.has('example') && says(sentence));
  const own = features.sentences.filter((sentence) => realCase(sentence) && says(sentence, 3));
  const named = features.sentences.filter((sentence) => sentence !== claim?.sentence && sentence.names.length > 0);
  const concrete = [...new Set([...cited.filter((sentence) => sentence.names.length > 0 || sentence.measured.length > 0), ...own])];
  let score: number;
  if (own.some((sentence) => sentence.measured.length > 0) || (concrete.length > 0 && concrete.some((sentence) => sentence.measured.length > 0))) score = 5;
  else if (concrete.length > 0) score = 4;
  else if (named.length > 0) score = 3;
  else if (cited.length > 0 || (claim?.sentence.names.length ?? 0) > 0) score = 2;
  else score = 1;
  const shown = concrete[0] ?? named[0] ?? cited[0];
  const rationale =
    score === 1
      ? 'No example grounds the view.'
      : score === 2
        ? `Only a passing example${shown ? `: ${quote(shown)}` : ''}.`
        : score === 3
          ? `Named examples (${listOf(named.flatMap((sentence) => sentence.names).slice(0, 3))}) without detail.`
          : `A concrete example: ${shown ? quote(shown) : ''}.`;
  return { score, rationale, evidence: evidenceOf([...concrete, ...named]) };
}

function nuance(features: ResponseFeatures): DimensionDraft {
  // Conditions qualify a view ("Usually not: nets win with huge data…") as much as a stated limitation does.
  const limited = features.sentences.filter(
    (sentence) => limitsIn(sentence) > 0 || (says(sentence, 3) && ((sentence.cues.get('hedge') ?? 0) > 0 || (sentence.cues.get('condition') ?? 0) > 0)),
  );
  const limits = limited.reduce((sum, sentence) => sum + Math.max(1, limitsIn(sentence)), 0);
  const sweeping = features.cue('absolute');
  const handled = limited.some(
    (sentence) => sentence.steps > 0 || reasonsIn(sentence) > 0 || (sentence.cues.get('condition') ?? 0) > 0,
  );
  const qualified = limits === 0 ? 1 : limited.every((sentence) => !says(sentence, 4)) && limits === 1 ? 2 : limits === 1 ? 3 : handled ? 5 : 4;
  // Sweeping claims ("always", "every company", "basically around the corner") count against balance.
  const score = Math.max(1, qualified - Math.max(0, sweeping - 1));
  const first = limited[0];
  const rationale =
    sweeping >= 2 && score < qualified
      ? `Sweeping claims (${sweeping}) leave little room for where the view would not hold.`
      : !first
      ? 'One-sided: no limitation, risk or counterpoint.'
      : score === 2
        ? `Only a token limitation: ${quote(first)}.`
        : score === 3
          ? `One limitation: ${quote(first)}.`
          : `Limits and counterpoints${score === 5 ? ', and what follows from them' : ''}, e.g. ${quote(first)}.`;
  return { score, rationale, evidence: evidenceOf(limited) };
}

export const gradeOpinion: TypeGrader = (context) => {
  const features = readResponse(context.answer, context.profile, context.question, 0.3);
  const concision = answerConcision(context, WORD_BANDS.opinion);
  const claim = claimOf(features);
  const balance = nuance(features);
  const sweeping = features.cue('absolute');
  const argued = reasoning(features, claim);
  // Reasons for a view held in every case ("always the better choice", "on any dataset") with nothing that limits it
  // argue a slogan, not a judgement: they count as few.
  const dogmatic = balance.score <= 1 && sweeping >= 3 && argued.score > 2;
  const drafts: Record<string, DimensionDraft> = {
    position: position(features, claim),
    reasoning: dogmatic
      ? { ...argued, score: 2, rationale: `Reasons for a view held in every case (${sweeping} sweeping claims), with nothing weighed against it.` }
      : argued,
    example: example(features, claim),
    nuance: balance,
    relevance: relevanceDraft(features),
    concision: concision.draft,
  };
  const score = (key: string): number => drafts[key]?.score ?? 5;
  const advice: Advice[] = [];
  if (score('position') <= 3) advice.push({ key: 'position', text: 'Position: open with your view in one specific sentence ("My favourite is X because…", "I think the biggest shift will be…").' });
  // An answer that gives a reason is not told to explain why: the advice names the reason it gives and asks for what
  // would back it. A view held in every case is told so by the nuance advice, not asked for reasons it has.
  const [reason] = features.sentences.filter((sentence) => reasonsIn(sentence) > 0);
  if (score('reasoning') <= 3 && reason !== undefined) {
    if (!dogmatic) advice.push({ key: 'reasoning', text: `Reasons: ${quote(reason)} is one; back it with what convinced you — a result you saw, a comparison or a case.` });
  } else if (score('reasoning') <= 3) {
    advice.push({ key: 'reasoning', text: 'Reasons: explain why you hold the view — what makes it work, what evidence convinced you.' });
  }
  if (score('example') <= 3) advice.push({ key: 'example', text: 'Example: ground the view in one concrete case — a product, a paper, or a project of yours and what happened.' });
  if (score('nuance') <= 3) advice.push({ key: 'nuance', text: 'Nuance: name a limitation or risk of your view and when it would not hold.' });
  const strengths: string[] = [];
  if (score('position') >= 4 && claim) strengths.push(`A clear position: ${quote(claim.sentence)}`);
  if (score('reasoning') >= 4) strengths.push('Explains why, not just what.');
  if (score('example') >= 4) strengths.push('Grounds the view in a concrete example.');
  if (score('nuance') >= 4) strengths.push('A balanced view that names its limits.');
  const missing = [
    ...(score('position') <= 1 ? ['Your position'] : []),
    ...(score('reasoning') <= 1 ? ['Reasons for it'] : []),
    ...(score('example') <= 1 ? ['A concrete example'] : []),
    ...(score('nuance') <= 1 ? ['A limitation or counterpoint'] : []),
  ];
  return finishFeedback(context.rubric, drafts, [...advice, ...relevanceAdvice(features), ...concision.advice, ...context.extraAdvice], strengths, missing, features.relevance.offTopic);
};
