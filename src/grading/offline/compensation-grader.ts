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
/** A closing word that shuts the door on a figure: "…150-160k, final.", "That's final." */
const CLOSING_WORD = /(?:[,;:—–-]\s*(?:final|period|full stop)|\b(?:that is|that['’]s|it is|it['’]s|this is) (?:final|not up for discussion))\s*[.!]*\s*$/i;

/** Threats that close the door whatever else the sentence says: "or I walk", "take it or leave it". */
const PLAIN_ULTIMATUM =
  /\b(?:or (?:i|i['’]ll|i will) (?:walk|leave|go|quit)|or i['’]?m (?:out|gone|leaving|walking)|take it or leave it|final offer|nothing less|not a (?:penny|cent) less|end of (?:discussion|story)|(?:will|would|can|do)(?: not|n['’]t) (?:accept|consider)|cannot accept|deal[- ]?breaker)\b/i;
/*
 * The ultimatum cues that are not one when hedged or said of something else: "I'd hate to walk away over money",
 * "the bottom line is that I'm flexible", "my start date is not negotiable, but salary-wise I'm flexible".
 */
const HEDGED_WALK = /\b(?:hate|(?:do not|don['’]t|would not|wouldn['’]t|never|not) (?:want|like)|rather not)\s+to\s+walk away\b/i;
const FLEXIBLE_BOTTOM_LINE = /\bbottom line\b[^.;!?]{0,25}\b(?:flexible|open)\b/i;
const NOT_NEGOTIABLE = /\b(?:not|non)[- ]negotiable\b/i;
const PAY_WORDS = /\b(?:salary|pay|base|compensation|number|figure|range|money|that|this|it)\b|[$€£]|\d/i;

/** Whether a sentence with an ultimatum cue turns the pay into an ultimatum, rather than hedging or being firm on another term. */
function ultimatumAboutPay(text: string): boolean {
  if (PLAIN_ULTIMATUM.test(text) || CLOSING_WORD.test(text)) return true;
  if (HEDGED_WALK.test(text) || FLEXIBLE_BOTTOM_LINE.test(text)) return false;
  // "Non-negotiable" counts when its clause is about the pay ("the base is not negotiable", "that's non-negotiable").
  const clause = text.split(/[,;:—–]|\bbut\b/i).find((part) => NOT_NEGOTIABLE.test(part));
  return clause === undefined || PAY_WORDS.test(clause.replace(NOT_NEGOTIABLE, ''));
}

/** Ultimatums: a demand with a threat or a closed door on the pay, by its cue or its closing word. */
const ultimatumsOf = (features: ResponseFeatures): readonly ResponseSentence[] =>
  features.sentences.filter(
    (sentence) => (hasCue(sentence, 'ultimatum') && ultimatumAboutPay(sentence.star.sentence.text)) || CLOSING_WORD.test(sentence.star.sentence.text),
  );

/*
 * "I need" is a demand when something is needed of the other side: a figure, a raise, "an answer by Friday", or to get
 * paid it ("I need to make 130k"). Needing to understand, know or discuss something ("I need to understand the role
 * first") is a condition of answering, not a demand.
 */
const NEEDS = new Set(['need', 'require']);
const NEED_TO_GET = new Set(['get', 'earn', 'make', 'be', 'have', 'receive', 'take']);

function needsOfThem(sentence: ResponseSentence): boolean {
  const { tokens } = sentence.star.sentence;
  return tokens.some((token, index) => {
    if (!NEEDS.has(token.lemma) || tokens[index - 1]?.normal !== 'i' || token.negated) return false;
    const next = tokens[index + 1];
    if (!next || next.kind === 'punctuation') return false;
    return next.normal !== 'to' || NEED_TO_GET.has(tokens[index + 2]?.lemma ?? '');
  });
}

/** Demands of any strength: a floor ("at least 120k", "I need 120k") or an ultimatum. */
const demandsOf = (features: ResponseFeatures): readonly ResponseSentence[] => {
  const ultimatums = new Set(ultimatumsOf(features));
  return features.sentences.filter((sentence) => hasCue(sentence, 'demand') || needsOfThem(sentence) || ultimatums.has(sentence));
};

/** A floor stated with openness on the rest ("I won't go below 90k, but I'm flexible on bonus") is firm, not rigid. */
const firmFloor = (features: ResponseFeatures, demands: readonly ResponseSentence[]): ResponseSentence | undefined => {
  const ultimatums = new Set(ultimatumsOf(features));
  const open = new Set(openness(features));
  return demands.length === 1 && !ultimatums.has(demands[0]!) && open.has(demands[0]!) ? demands[0] : undefined;
};

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
  /** Where the span starts in the text. */
  readonly index: number;
}

/** What a span of counts measures, not pay: "1 to 10 million users", "5 to 10 years". */
const COUNT_AFTER =
  /^\s*(?:[a-z-]+\s+)?(?:users?|customers?|people|clients?|requests?|queries|rows|records|events|transactions|visitors|downloads|devices|images|samples|parameters|predictions|employees|members|engineers|years?|months?|weeks?|days?|hours?)\b/i;

/**
 * The salary spans a sentence gives, in one unit: "150 to 160k" is 150,000–160,000 (a bare first figure takes the
 * second's unit). Only spans that read as money (a currency, or thousands or millions) count: "2 to 5 years" is none.
 */
function salarySpans(text: string): SalarySpan[] {
  const spans: SalarySpan[] = [];
  for (const pattern of SPANS) {
    for (const match of text.matchAll(pattern)) {
      const [whole, currencyLow, lowText = '', lowUnit, currencyHigh, highText = '', highUnit] = match;
      const after = text.slice(match.index + whole.length);
      if (/^\s*(?:%|percent|per ?cent)/i.test(after) || COUNT_AFTER.test(after)) continue;
      const money = currencyLow !== undefined || currencyHigh !== undefined || highUnit !== undefined || lowUnit !== undefined || CURRENCY_AFTER.test(after);
      if (!money) continue;
      const value = (digits: string, unit: string | undefined): number => Number(digits.replace(/,/g, '')) * (UNIT_SIZE[(unit ?? '').toLowerCase()] ?? 1);
      const high = value(highText, highUnit);
      const low = value(lowText, lowUnit ?? (value(lowText, highUnit) <= high ? highUnit : undefined));
      if (low > 0 && high > low) spans.push({ text: whole.trim(), low, high, index: match.index });
    }
  }
  return spans;
}

/*
 * A researched range is a narrow band: coaches suggest a spread of about 10–20%. Past twice its bottom ("between
 * 10k and 900k") it says the candidate does not know what the role pays.
 */
const MAX_RANGE_RATIO = 2;
/** A bonus, equity or sign-on span ("plus a bonus of 5–15k") is variable by design; only the pay range must be narrow. */
const VARIABLE_PAY = /\b(?:bonus(?:es)?|equity|stock|rsus?|options|sign(?:ing|-on)|commission|relocation|allowance)\b[^.;,]{0,25}$/i;
const tooWide = (sentence: ResponseSentence): SalarySpan | undefined => {
  const text = sentence.star.sentence.text;
  return salarySpans(text).find((span) => span.high / span.low > MAX_RANGE_RATIO && !VARIABLE_PAY.test(text.slice(0, span.index)));
};
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
    return hasCue(sentence, 'range') || (MONEY_LIKE.test(text) && sentence.measured.length >= 2) || salarySpans(text).length > 0;
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
const OPENNESS_WORD = /\b(?:open|flexib\w*|negotia\w*)/i;
const DENIED_OPENNESS = /\b(?:not|never|n['’]t|no|without)\b[^.;:]{0,20}\b(?:open|flexib\w*|negotia\w*)/i;

/** Sentences that say the candidate is open (to the package, to a conversation), not that they are not. */
function openness(features: ResponseFeatures): readonly ResponseSentence[] {
  // Judged by clause: "my start date is not negotiable, but salary-wise I'm flexible" is open on the salary.
  return features.withCue('flexible').filter((sentence) => {
    const clauses = sentence.star.sentence.text.split(/[,;]|\bbut\b/i);
    return clauses.some((clause) => OPENNESS_WORD.test(clause) && !DENIED_OPENNESS.test(clause)) || !clauses.some((clause) => DENIED_OPENNESS.test(clause));
  });
}

function flexibility(features: ResponseFeatures): DimensionDraft {
  const open = openness(features);
  const demands = demandsOf(features);
  const PACKAGE = /\b(?:equity|bonus(?:es)?|benefits|stock|options|package|total compensation|growth|learning budget|work-life|remote|vacation|leave|pension|401k)\b/i;
  const parts = open.filter((sentence) => PACKAGE.test(sentence.star.sentence.text));
  const priority = features.sentences.some((sentence) => /\b(?:matters? (?:most|more)|most important|priority|prioriti[sz]e|value (?:more|most))\b/i.test(sentence.star.sentence.text));
  let score = open.length === 0 ? 2 : parts.length === 0 ? 3 : priority ? 5 : 4;
  const floor = firmFloor(features, demands);
  if (floor) score = Math.min(score, 4);
  else if (demands.length > 0) score = Math.min(score, open.length > 0 ? 2 : 1);
  const rationale =
    floor
      ? `Firm on a floor, open on the rest: ${quote(floor)}.`
      : demands[0] !== undefined
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
  const floor = firmFloor(features, demands);
  if (floor) score = Math.min(score, 4);
  else if (demands.length > 0) score = Math.min(score, demands.length > 1 ? 1 : 2);
  if (features.sentences.every((sentence) => sentence.substance < 2)) score = Math.min(score, 2);
  const rationale =
    floor && unsure[0] === undefined
      ? `Firm but collaborative: ${quote(floor)}.`
      : demands[0] !== undefined && !floor
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
  const concision = answerConcision(context, WORD_BANDS.compensation, WORD_BANDS.compensation.idealMax / 2);
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
  const demands = demandsOf(features);
  const floor = firmFloor(features, demands);
  const [demand] = [...ultimatumsOf(features), ...demands.filter((sentence) => sentence !== floor)];
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
