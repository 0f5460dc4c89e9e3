import { WORD_BANDS } from '../behavioural-rubrics.js';
import { answerConcision, evidenceOf, finishFeedback, quote, type TypeGrader } from './behavioural-grading.js';
import { hasCue, readResponse, type ResponseFeatures, type ResponseSentence } from './response-features.js';
import type { Advice, DimensionDraft } from './scoring.js';

/*
 * "What are your salary expectations?": a range grounded in research for the role, level and location,
 * openness on the whole package, and a calm, collaborative tone. Anchoring on the current salary, an
 * ultimatum or "whatever you offer" are what coaches warn against.
 */


/** Words that scope a market figure: the level and the place. */
const SCOPE = /\b(?:senior|junior|mid[- ]?level|staff|principal|lead|entry[- ]level|level|experience|years|area|region|city|location|remote|market|locally|here|london|berlin|new york|san francisco|bay area|seattle|europe|us|uk)\b/i;
const SOURCES = /\b(?:levels\.?fyi|glassdoor|payscale|linkedin|blind|surveys?|recruiters?|data)\b/i;
const MONEY_LIKE = /[$€£]|\b\d+(?:[.,]\d+)?\s?(?:k|K|m|M|000)\b|\b\d+(?:[.,]\d+)?\s?(?:thousand|grand|euros?|dollars?|pounds?|francs?|eur|usd|gbp|chf)\b/i;
/** Two figures joined as a span: "85 to 95 thousand euros", "85-95k", "from 110 to 125 thousand dollars". */
const FIGURE_SPAN = /\b\d+(?:[.,]\d+)?\s?[kK]?\s?(?:to|-|–|—)\s?[$€£]?\s?\d+/;

/** A closing word that shuts the door on a figure: "…150-160k, final.", "That's final." */
const CLOSING_WORD = /(?:[,;:—–-]\s*(?:final|period|full stop)|\b(?:that is|that['’]s|it is|it['’]s|this is) (?:final|not up for discussion))\s*[.!]*\s*$/i;

/** Ultimatums: a demand with a threat or a closed door, by its cue or its closing word. */
const ultimatumsOf = (features: ResponseFeatures): readonly ResponseSentence[] =>
  features.sentences.filter((sentence) => hasCue(sentence, 'ultimatum') || CLOSING_WORD.test(sentence.star.sentence.text));

/** Demands of any strength: a floor ("at least 120k") or an ultimatum. */
const demandsOf = (features: ResponseFeatures): readonly ResponseSentence[] =>
  features.sentences.filter((sentence) => hasCue(sentence, 'demand') || hasCue(sentence, 'ultimatum') || CLOSING_WORD.test(sentence.star.sentence.text));

const UNIT_SIZE: Readonly<Record<string, number>> = { k: 1e3, thousand: 1e3, grand: 1e3, m: 1e6, mn: 1e6, million: 1e6 };
const AMOUNT = '(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s?(k|thousand|grand|mn|m|million)?\\b';
const CURRENCY_AFTER = /^\s*(?:[$€£]|euros?|dollars?|pounds?|francs?|eur|usd|gbp|chf)/i;
/** Two amounts given as a span: "150 to 160k", "$120,000-$140,000", "between 10k and 900k", "50k to 5 million". */
const SPANS = [
  new RegExp(`([$€£]\\s?)?${AMOUNT}\\s*(?:to|-|–|—)\\s*([$€£]\\s?)?${AMOUNT}`, 'gi'),
  new RegExp(`\\bbetween\\s+([$€£]\\s?)?${AMOUNT}\\s+and\\s+([$€£]\\s?)?${AMOUNT}`, 'gi'),
];

export interface SalarySpan {
  readonly text: string;
  readonly low: number;
  readonly high: number;
}

/**
 * The salary spans a sentence gives, in one unit: "150 to 160k" is 150,000–160,000 (a bare first figure takes the
 * second's unit). Only spans that read as money (a currency, or thousands or millions) count: "2 to 5 years" is none.
 */
export function salarySpans(text: string): SalarySpan[] {
  const spans: SalarySpan[] = [];
  for (const pattern of SPANS) {
    for (const match of text.matchAll(pattern)) {
      const [whole, currencyLow, lowText = '', lowUnit, currencyHigh, highText = '', highUnit] = match;
      const after = text.slice(match.index + whole.length);
      if (/^\s*(?:%|percent|per ?cent)/i.test(after)) continue;
      const money = currencyLow !== undefined || currencyHigh !== undefined || highUnit !== undefined || lowUnit !== undefined || CURRENCY_AFTER.test(after);
      if (!money) continue;
      const value = (digits: string, unit: string | undefined): number => Number(digits.replace(/,/g, '')) * (UNIT_SIZE[(unit ?? '').toLowerCase()] ?? 1);
      const high = value(highText, highUnit);
      const low = value(lowText, lowUnit ?? (value(lowText, highUnit) <= high ? highUnit : undefined));
      if (low > 0 && high > low) spans.push({ text: whole.trim(), low, high });
    }
  }
  return spans;
}

/*
 * A researched range is a narrow band: coaches suggest a spread of about 10–20%. Past twice its bottom ("between
 * 10k and 900k") it says the candidate does not know what the role pays.
 */
const MAX_RANGE_RATIO = 2;
const tooWide = (sentence: ResponseSentence): SalarySpan | undefined =>
  salarySpans(sentence.star.sentence.text).find((span) => span.high / span.low > MAX_RANGE_RATIO);
const timesWider = (span: SalarySpan): string => {
  const ratio = span.high / span.low;
  return ratio >= 10 ? `${Math.round(ratio)} times` : `${ratio.toFixed(1).replace(/\.0$/, '')} times`;
};

const statesFigure = (sentence: ResponseSentence): boolean => MONEY_LIKE.test(sentence.star.sentence.text) || sentence.measured.length > 0;

function research(features: ResponseFeatures): DimensionDraft {
  // "I don't know the market" names the market but did no research.
  const researched = features.withCue('research').filter((sentence) => !hasCue(sentence, 'unsure'));
  const anchored = features.withCue('anchorCurrent');
  const scoped = researched.filter((sentence) => SCOPE.test(sentence.star.sentence.text));
  const sourced = researched.filter((sentence) => SOURCES.test(sentence.star.sentence.text) || sentence.names.length > 0);
  let score = researched.length === 0 ? 1 : scoped.length === 0 ? (sourced.length > 0 ? 3 : 2) : sourced.length > 0 ? 5 : 4;
  if (anchored.length > 0) score = Math.min(score, 2);
  // Research for one role does not span orders of magnitude: the figure says what the claim of research cannot.
  const wide = features.sentences.map(tooWide).find((span) => span !== undefined);
  if (wide && researched.length > 0) score = Math.min(score, 2);
  const first = scoped[0] ?? researched[0];
  const rationale =
    anchored[0] !== undefined
      ? `Anchored on your current pay (${quote(anchored[0])}) rather than the market for this role.`
      : wide && first
        ? `Research is claimed (${quote(first)}), but "${wide.text}" is not a band research for a role gives.`
      : !first
        ? 'Nothing says what the expectation is based on.'
        : score >= 4
          ? `Based on research for the role${score === 5 ? ', with its sources' : ''}: ${quote(first)}.`
          : `A basis is mentioned but not what it covered (role, level, location): ${quote(first)}.`;
  return { score, rationale, evidence: evidenceOf([...anchored, ...researched]) };
}

interface RangeDraft extends DimensionDraft {
  /** The sentence that turns the range into an ultimatum. */
  readonly ultimatum: ResponseSentence | undefined;
  /** A span too wide to be researched. */
  readonly wide: SalarySpan | undefined;
}

function range(features: ResponseFeatures, researchScore: number): RangeDraft {
  const ranged = features.sentences.filter((sentence) => {
    const text = sentence.star.sentence.text;
    return hasCue(sentence, 'range') || (MONEY_LIKE.test(text) && (sentence.measured.length >= 2 || FIGURE_SPAN.test(text)));
  });
  const figures = features.sentences.filter(statesFigure);
  const refused = features.withCue('unsure');
  const demands = demandsOf(features);
  const deferred = features.withCue('collaborative');
  // A range given as an ultimatum is a floor to accept, not a range to discuss; one spanning orders of magnitude is no range.
  const [ultimatum] = ranged.length > 0 ? ultimatumsOf(features) : [];
  const wide = ranged.map(tooWide).find((span) => span !== undefined);
  let score: number;
  if (ranged.length > 0) score = researchScore >= 4 ? (ranged.some((sentence) => MONEY_LIKE.test(sentence.star.sentence.text)) ? 5 : 4) : 3;
  else if (figures.length > 0 || demands.length > 0) score = 2;
  else if (deferred.length > 0) score = 3;
  else score = 1;
  if (ultimatum || wide) score = Math.min(score, 2);
  if (refused.length > 0) score = Math.min(score, 1);
  const shown = ranged[0] ?? figures[0] ?? demands[0] ?? deferred[0] ?? refused[0];
  const rationale =
    score === 1
      ? refused[0]
        ? `Leaves it to the employer: ${quote(refused[0])}.`
        : 'No range and no plan to give one.'
      : ultimatum
        ? `A range stated as an ultimatum (${quote(ultimatum)}): a floor to accept, not a range to discuss.`
      : wide
        ? `"${wide.text}" is no researched range: its top is ${timesWider(wide)} its bottom.`
      : score === 2
        ? `A single figure or a demand rather than a range${shown ? `: ${quote(shown)}` : ''}.`
        : score === 3
          ? ranged.length > 0
            ? `A range, but not what it rests on: ${quote(shown!)}.`
            : `Defers politely but offers no range: ${quote(shown!)}.`
          : `A range for the role${score === 5 ? ' with figures' : ''}: ${quote(shown!)}.`;
  return { score, rationale, evidence: evidenceOf([...ranged, ...figures]), ultimatum: score === 2 ? ultimatum : undefined, wide: score === 2 ? wide : undefined };
}

/** Openness denied ("I am not open to negotiation", "no flexibility") is the opposite of openness. */
const DENIED_OPENNESS = /\b(?:not|never|n['’]t|no|without)\b[^.;:]{0,20}\b(?:open|flexib\w*|negotia\w*)/i;

/** Sentences that say the candidate is open (to the package, to a conversation), not that they are not. */
function openness(features: ResponseFeatures): readonly ResponseSentence[] {
  return features.withCue('flexible').filter((sentence) => !DENIED_OPENNESS.test(sentence.star.sentence.text));
}

function flexibility(features: ResponseFeatures): DimensionDraft {
  const open = openness(features);
  const demands = demandsOf(features);
  const PACKAGE = /\b(?:equity|bonus(?:es)?|benefits|stock|options|package|total compensation|growth|learning budget|work-life|remote|vacation|leave|pension|401k)\b/i;
  const parts = open.filter((sentence) => PACKAGE.test(sentence.star.sentence.text));
  const priority = features.sentences.some((sentence) => /\b(?:matters? (?:most|more)|most important|priority|prioriti[sz]e|value (?:more|most))\b/i.test(sentence.star.sentence.text));
  let score = open.length === 0 ? 2 : parts.length === 0 ? 3 : priority ? 5 : 4;
  if (demands.length > 0) score = Math.min(score, open.length > 0 ? 2 : 1);
  const rationale =
    demands[0] !== undefined
      ? `Rigid: ${quote(demands[0])}.`
      : open.length === 0
        ? 'Nothing says you are open to discussing the package.'
        : score === 3
          ? `Open in principle, without naming what else matters: ${quote(open[0]!)}.`
          : `Open to the whole package${score === 5 ? ', and clear on what matters most to you' : ''}: ${quote(parts[0]!)}.`;
  return { score, rationale, evidence: evidenceOf([...demands, ...open]) };
}

function professionalism(features: ResponseFeatures): DimensionDraft {
  const collaborative = features.withCue('collaborative');
  const unsure = features.withCue('unsure');
  const demands = demandsOf(features);
  // A figure stated plainly, with openness on the package, is confident and collaborative in itself.
  const open = openness(features);
  const plainAndOpen = open.length > 0 && features.sentences.some(statesFigure);
  let score = 3 + Math.min(2, collaborative.length + (plainAndOpen ? 1 : 0));
  if (unsure.length > 0) score = Math.min(score, 2);
  if (demands.length > 0) score = Math.min(score, demands.length > 1 ? 1 : 2);
  if (features.sentences.every((sentence) => sentence.substance < 2)) score = Math.min(score, 2);
  const rationale =
    demands[0] !== undefined
      ? `Demanding: ${quote(demands[0])}.`
      : unsure[0] !== undefined
        ? `Unsure or apologetic: ${quote(unsure[0])}.`
        : score >= 4
          ? `Confident and collaborative: ${quote(collaborative[0] ?? open[0]!)}.`
          : 'Neutral in tone.';
  return { score, rationale, evidence: evidenceOf([...demands, ...unsure, ...collaborative]) };
}

export const gradeCompensation: TypeGrader = (context) => {
  const features = readResponse(context.answer, context.profile, context.question, 0.3);
  const concision = answerConcision(context, WORD_BANDS.compensation);
  const researchDraft = research(features);
  const rangeDraft = range(features, researchDraft.score);
  const drafts: Record<string, DimensionDraft> = {
    research: researchDraft,
    range: rangeDraft,
    flexibility: flexibility(features),
    professionalism: professionalism(features),
    concision: concision.draft,
  };
  const score = (key: string): number => drafts[key]?.score ?? 5;
  const advice: Advice[] = [];
  const researched = features.withCue('research').length > 0;
  // A span no research gives is named by the range advice.
  if (score('research') <= 3 && rangeDraft.wide === undefined) {
    advice.push({
      key: 'research',
      text: researched
        ? 'Research: say what your figures cover — the role, level and location ("for senior ML engineers in Berlin").'
        : 'Research: base the figure on market data for this role, level and location (e.g. Levels.fyi, Glassdoor), and say so.',
    });
  }
  if (rangeDraft.wide) {
    advice.push({
      key: 'range',
      text: `Range: "${rangeDraft.wide.text}" is too wide to be a researched range (its top is ${timesWider(rangeDraft.wide)} its bottom); give the narrow band your research supports for this role, level and location (e.g. "150–170k").`,
    });
  } else if (rangeDraft.ultimatum === undefined && (score('range') <= 2 || (score('range') === 3 && !researched))) {
    // A range that only lacks its basis is served by the research advice; one given as an ultimatum by the tone advice.
    advice.push({ key: 'range', text: 'Range: give a range rather than a single number or none ("Based on my research for senior ML engineers here, I am targeting …–…").' });
  }
  if (score('flexibility') <= 3) {
    advice.push({ key: 'flexibility', text: 'Flexibility: say you are open to the whole package — base, bonus, equity, benefits, growth — and which parts matter most to you.' });
  }
  const [demand] = [...ultimatumsOf(features), ...demandsOf(features)];
  const [unsure] = features.withCue('unsure');
  if (demand) {
    advice.push({ key: 'professionalism', text: `Tone: ${quote(demand)} reads as an ultimatum; state your range and ask how they see the role, so it stays a conversation.` });
  } else if (unsure) {
    advice.push({ key: 'professionalism', text: `Tone: ${quote(unsure)} undersells you; state the figure your research supports, without apology.` });
  } else if (score('professionalism') <= 3) {
    advice.push({ key: 'professionalism', text: 'Tone: tie the figure to the role — ask about its scope or budgeted range, so the number opens a conversation rather than closing one.' });
  }
  if (advice.length === 0 && ['research', 'range', 'flexibility'].every((key) => score(key) >= 4)) {
    // A strong answer gets what is left to do, not a rule it already follows.
    advice.push({
      key: 'professionalism',
      text: 'Strong answer: a researched range, stated plainly, open on the package. Prepare the follow-up: what you will say if their budget is below your range.',
    });
  }
  const strengths: string[] = [];
  if (score('research') >= 4) strengths.push('The expectation rests on market research.');
  if (score('range') >= 4) strengths.push('Gives a range rather than a single demand.');
  if (score('flexibility') >= 4) strengths.push('Open to the whole package.');
  if (score('professionalism') >= 4) strengths.push('A calm, collaborative tone.');
  if (concision.strength) strengths.push(concision.strength);
  const missing = [
    ...(score('research') <= 2 ? ['What the expectation is based on'] : []),
    ...(score('range') <= 2 ? ['A range'] : []),
    ...(score('flexibility') <= 2 ? ['Openness to the whole package'] : []),
  ];
  // A figure, a range or a demand answers this question whatever words surround it: "I need 120k" is on topic.
  const demanding = new Set(demandsOf(features));
  const answersIt = features.sentences.some((sentence) => statesFigure(sentence) || hasCue(sentence, 'range') || demanding.has(sentence));
  return finishFeedback(
    context.rubric,
    drafts,
    [...advice, ...concision.advice, ...context.extraAdvice],
    strengths,
    missing,
    features.relevance.offTopic && !answersIt,
  );
};
