import { WORD_BANDS } from '../behavioural-rubrics.js';
import {
  answerConcision,
  evidenceOf,
  finishFeedback,
  quote,
  relevanceAdvice,
  relevanceDraft,
  type TypeGrader,
} from './behavioural-grading.js';
import { hasCue, readResponse, type ResponseFeatures, type ResponseSentence } from './response-features.js';
import { plural, type Advice, type DimensionDraft } from './scoring.js';

/*
 * "Why this company / role / field?": specific reasons rather than praise that fits anyone, grounded in
 * the candidate's own experience, and what they would bring.
 */


/** A reason that could not be said of every company or field: it names something, or says a lot. */
const isSpecific = (sentence: ResponseSentence): boolean =>
  hasCue(sentence, 'genericPraise')
    ? sentence.names.length > 0
    : sentence.substance >= 4 && (sentence.names.length > 0 || hasCue(sentence, 'company') || sentence.measured.length > 0 || sentence.substance >= 6);

function specifics(features: ResponseFeatures): DimensionDraft & { generic: ResponseSentence[] } {
  const specific = features.sentences.filter(isSpecific);
  const generic = features.sentences.filter((sentence) => hasCue(sentence, 'genericPraise') && !isSpecific(sentence));
  const reasoned = specific.filter((sentence) => sentence.star.sentence.cues.has('reasoning') || hasCue(sentence, 'because') || hasCue(sentence, 'contribution'));
  const count = specific.length;
  let score = count === 0 ? (generic.length > 0 || features.sentences.some((sentence) => sentence.substance >= 2) ? 2 : 1) : count === 1 ? 3 : count >= 3 && reasoned.length >= 2 ? 5 : 4;
  // Reasons that name nothing (no product, practice, number or concrete thing) could be said of anywhere.
  if (features.concrete.length === 0) score = Math.min(score, 2);
  else if (features.concrete.length === 1) score = Math.min(score, 3);
  const first = specific[0];
  const rationale =
    score >= 4 && first
      ? `${plural(count, 'specific reason')}, e.g. ${quote(first)}.`
      : score === 3 && first
        ? `One specific reason (${quote(first)})${generic.length > 0 ? ' among generic praise' : ''}.`
        : generic[0]
          ? `Generic praise that fits any company: ${quote(generic[0])}.`
          : 'No specific reason.';
  return { score, rationale, evidence: evidenceOf([...specific, ...generic]), generic };
}

function personal(features: ResponseFeatures): DimensionDraft {
  const experiences = features.sentences.filter((sentence) => sentence.experience && sentence.substance >= 3);
  const background = features.sentences.filter((sentence) => hasCue(sentence, 'past') && sentence.substance >= 2);
  const firstPerson = features.sentences.some((sentence) => sentence.star.singular > 0);
  const insight = features.sentences.some(
    (sentence) => sentence.star.sentence.cues.has('learning') || /\b(?:seeing|realis|realiz|showed me|taught me|that is when|which is when)/i.test(sentence.star.sentence.text),
  );
  const score = experiences.length > 0 ? (insight || experiences.length >= 2 ? 5 : 4) : background.length > 0 ? 3 : firstPerson ? 2 : 1;
  const rationale =
    score >= 4
      ? `Grounded in your own experience: ${quote(experiences[0]!)}.`
      : score === 3
        ? 'A general reference to your background, but no specific experience behind the motivation.'
        : score === 2
          ? 'A claimed interest, with no experience of yours behind it.'
          : 'Nothing about you.';
  return { score, rationale, evidence: evidenceOf([...experiences, ...background]) };
}

/**
 * "What inspired you to pursue a career in ML?" asks why the field, not why this company: where the
 * candidate is heading is what still draws them to the work ("What keeps me here is…").
 */
function asksWhyField(question: string): boolean {
  return (
    /\b(?:inspired?|pursue|got you into|drew you to|draws you to|career in|why (?:data science|machine learning|ml|ai|this field))\b/i.test(question) &&
    !/\b(?:company|here|us|our|this (?:role|position|job|team))\b/i.test(question)
  );
}

/**
 * Terms every "I love ML" sentence uses: what keeps a candidate in the work is told in others ("finding out why a
 * model fails is as satisfying as making it fast"), not in "I love solving problems with machine learning".
 */
const FIELD_TERMS: ReadonlySet<string> = new Set(['love', 'enjoy', 'like', 'data', 'scienc', 'machin', 'learn', 'model', 'build', 'work', 'solv', 'problem', 'day', 'singl', 'ai', 'ml', 'keep', 'alway', 'passion']);
/** Terms a sentence about what draws the candidate needs beyond FIELD_TERMS. */
const DRAWN_TERMS = 3;

const drawnBySomething = (sentence: ResponseSentence): boolean =>
  new Set(sentence.star.sentence.tokens.map((token) => token.term).filter((term) => term !== '' && !FIELD_TERMS.has(term))).size >= DRAWN_TERMS;

const STILL_DRAWN = /\b(?:keeps? me|what i (?:enjoy|love|like)|i (?:still )?(?:enjoy|love)|satisfying|drives me|motivates me|draws me|why i stay)\b/i;

/** Fit is what the candidate brings, or where the role takes them ("where I want to grow", "what I want to do next"). */
function contribution(features: ResponseFeatures, whyField: boolean): DimensionDraft {
  const offers = features.sentences.filter((sentence) => (hasCue(sentence, 'contribution') || hasCue(sentence, 'future')) && sentence.substance >= 2);
  const concrete = offers.filter((sentence) => !hasCue(sentence, 'genericPraise') && (sentence.names.length > 0 || sentence.substance >= 4));
  const drawn = whyField
    ? features.sentences.filter((sentence) => STILL_DRAWN.test(sentence.star.sentence.text) && !hasCue(sentence, 'genericPraise') && drawnBySomething(sentence))
    : [];
  const brings = concrete.some((sentence) => hasCue(sentence, 'contribution'));
  const heading = concrete.some((sentence) => hasCue(sentence, 'future')) || drawn.length > 0;
  const score = offers.length === 0 ? 1 : concrete.length === 0 ? 2 : brings && heading && concrete.length >= 2 ? 5 : concrete.length >= 2 || (brings && heading) ? 4 : 3;
  const [draw] = drawn;
  if (draw && score < 4) {
    return {
      score: 4,
      rationale: `Says what still draws you to the work, which is where a career question looks for your direction: ${quote(draw)}.`,
      evidence: evidenceOf([...drawn, ...concrete]),
    };
  }
  const rationale =
    score >= 4
      ? `What you would bring, tied to the role: ${quote(concrete[0]!)}.`
      : score === 3
        ? `A general match between you and the role: ${quote(concrete[0]!)}.`
        : offers[0]
          ? `Only a vague wish to contribute: ${quote(offers[0])}.`
          : 'Nothing about what you would bring.';
  return { score, rationale, evidence: evidenceOf(concrete) };
}

export const gradeMotivation: TypeGrader = (context) => {
  const features = readResponse(context.answer, context.profile, context.question, 0.3);
  const concision = answerConcision(context, WORD_BANDS.motivation);
  const specificDraft = specifics(features);
  const whyField = asksWhyField(context.question);
  const drafts: Record<string, DimensionDraft> = {
    specifics: specificDraft,
    personal: personal(features),
    contribution: contribution(features, whyField),
    relevance: relevanceDraft(features),
    concision: concision.draft,
  };
  const score = (key: string): number => drafts[key]?.score ?? 5;
  const advice: Advice[] = [];
  const [generic] = specificDraft.generic;
  if (score('specifics') <= 3) {
    advice.push({
      key: 'specifics',
      text: `Specific reasons: ${generic ? `replace ${quote(generic)} with` : 'give'} two or three reasons only this company, role or field has — a product, a technical challenge, a practice you read about.`,
    });
  }
  if (score('personal') <= 3) advice.push({ key: 'personal', text: 'Personal connection: tell the moment or project of yours that made this matter to you.' });
  if (score('contribution') <= 3) {
    advice.push({
      key: 'contribution',
      text: whyField
        ? 'Direction: end in the present — what still draws you to the work and what you want to do next in it.'
        : 'Fit: say what you would bring to the role and how it fits where you are heading.',
    });
  }
  if (whyField && advice.length === 0 && score('specifics') >= 4 && score('personal') >= 4 && score('contribution') >= 4) {
    // A strong answer to "why this field" gets what is left to do, not the role-fit anchor the question never asked for.
    advice.push({ key: 'contribution', text: 'Strong answer: a moment of your own, what came of it and what keeps you in the work. Prepare the follow-up: which kind of ML work you want next, and why.' });
  }
  const strengths: string[] = [];
  if (score('specifics') >= 4) strengths.push('Reasons specific to what was asked, not generic praise.');
  if (score('personal') >= 4) strengths.push('Grounds the motivation in your own experience.');
  if (score('contribution') >= 4) strengths.push(whyField ? 'Says what keeps you in the work.' : 'Says what you would bring.');
  const missing = [
    ...(score('specifics') <= 2 ? ['A reason specific to this company, role or field'] : []),
    ...(score('personal') <= 2 ? ['Your own experience behind the interest'] : []),
    ...(score('contribution') <= 1 ? ['What you would bring'] : []),
  ];
  return finishFeedback(context.rubric, drafts, [...advice, ...relevanceAdvice(features), ...concision.advice, ...context.extraAdvice], strengths, missing, features.relevance.offTopic);
};
