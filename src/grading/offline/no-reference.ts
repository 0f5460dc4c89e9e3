import { z } from 'zod';
import modelData from '../../../data/grader/no-reference-model.json' with { type: 'json' };
import { analyzeText, type SentenceInfo } from './nlp.js';
import { namesInstance, shorten, verbCount } from './terms.js';
import { isCorpusTerm, termWeight } from './term-weights.js';

/*
 * What the technical grader reads of an answer when its question has no reference at all (not its own, none lent by
 * related questions, no `referenceAnswer`): nothing can be checked against a model answer, so the answer is read
 * for what it explains — terms of the field beyond the question's own words, reasons, examples, conditions — against
 * what makes an answer empty — a definition of the question's term by itself ("data leakage is when data leaks"),
 * hedges and empty advice ("be careful", "it is a big problem") — and for what the question demands (a reason for
 * "why", both sides of a comparison). A ridge regression fitted by `npm run fit:no-reference` (src/eval) turns the
 * features into a quality estimate. None of it is a fact check: a fluent wrong answer that explains with the field's
 * words scores like a right one.
 */

export const NO_REFERENCE_FEATURES = [
  /** Corpus-weighted distinct terms of the field the answer uses beyond the question's words: log(1 + Σ idf share). */
  'domainTerms',
  /** Content words of the explaining sentences, log(1 + n): length with diminishing returns. */
  'contentWords',
  /** Sentences giving a reason or a mechanism with content ("because…", "so that…", "which means…"), at most 3. */
  'reasons',
  /** Sentences with an example or a number, with content, at most 2. */
  'examples',
  /** Sentences stating a condition or a trade-off, with content, at most 3. */
  'conditions',
  /** Share of the sentences that add fewer than two terms beyond the question's. */
  'emptyShare',
  /** Sentences of hedges and empty advice ("be careful", "it is important", "a big problem"), at most 3. */
  'hedges',
  /** The answer defines the question's term with itself (1) or not (0). */
  'circular',
  /** Mostly a list of terms (1) or sentences (0). */
  'termList',
  /** Share of the question's own terms the answer uses. */
  'questionCoverage',
  /** Share of what the question demands (a reason, how, when, both sides) the answer does not give. */
  'unmetDemands',
] as const;
export type NoReferenceFeatureName = (typeof NO_REFERENCE_FEATURES)[number];

/**
 * The direction each feature's meaning gives it: more terms of the field, reasons, examples and conditions never make
 * an answer worse; empty sentences, hedges, a circular definition, a term list and unmet demands never make it better.
 * The fit keeps every weight on its side (a weight the data would turn round is 0): labelled sets written to be hard
 * for a reference-based grader have fluent wrong answers full of reasons, and a grader that learnt "a reason makes an
 * answer worse" from them would advise the opposite of what it measures.
 */
export const NO_REFERENCE_SIGNS: Record<NoReferenceFeatureName, 1 | -1> = {
  domainTerms: 1,
  contentWords: 1,
  reasons: 1,
  examples: 1,
  conditions: 1,
  emptyShare: -1,
  hedges: -1,
  circular: -1,
  termList: -1,
  questionCoverage: 1,
  unmetDemands: -1,
};
export type NoReferenceFeatures = Record<NoReferenceFeatureName, number>;

export const NoReferenceModelSchema = z.object({
  version: z.string().min(1),
  about: z.string(),
  /** The term-weight table `domainTerms` was computed with. */
  idfVersion: z.string(),
  ridge: z.number().nonnegative(),
  features: z.array(z.enum(NO_REFERENCE_FEATURES)),
  mean: z.array(z.number()),
  scale: z.array(z.number().positive()),
  weights: z.array(z.number()),
  intercept: z.number(),
  /** The linear score is stretched around the intercept to the spread of the training grades (as technical-model.ts). */
  stretch: z.number().positive(),
  trainedOn: z.array(z.object({ name: z.string(), sha256: z.string(), questions: z.number().int(), answers: z.number().int(), weight: z.number() })),
});
export type NoReferenceModel = z.infer<typeof NoReferenceModelSchema>;

export const SHIPPED_NO_REFERENCE_MODEL: NoReferenceModel = NoReferenceModelSchema.parse(modelData);

export function noReferenceLinear(model: Pick<NoReferenceModel, 'features' | 'mean' | 'scale' | 'weights'>, features: NoReferenceFeatures): number {
  let value = 0;
  model.features.forEach((name, index) => {
    value += (model.weights[index] ?? 0) * ((features[name] - (model.mean[index] ?? 0)) / (model.scale[index] ?? 1));
  });
  return value;
}

/** Estimated quality on 0..1. */
export function predictWithoutReference(model: NoReferenceModel, features: NoReferenceFeatures): number {
  return Math.min(1, Math.max(0, model.intercept + model.stretch * noReferenceLinear(model, features)));
}

/** What a question asks for beyond a definition. */
export interface QuestionDemands {
  /** "Why…", "What is the reason…": a reason. */
  readonly reason: boolean;
  /** "How does…", "How would you…": how it works or what to do. */
  readonly mechanism: boolean;
  /** "When would you…", "In which cases…": conditions. */
  readonly conditions: boolean;
  /** The two things a comparison names, as written, with the terms that tell each from the other; null for no comparison. */
  readonly sides: readonly [Side, Side] | null;
}

export interface Side {
  readonly text: string;
  readonly terms: ReadonlySet<string>;
}

const END = String.raw`(?=[?.,;:!]|\s+(?:in|for|when|and why|and when|and how)\b|$)`;
const COMPARISONS: readonly RegExp[] = [
  new RegExp(String.raw`\bbetween\s+(.+?)\s+and\s+(.+?)${END}`, 'i'),
  new RegExp(String.raw`\bcompare\s+(.+?)\s+(?:and|with|to|against|versus|vs\.?)\s+(.+?)${END}`, 'i'),
  new RegExp(String.raw`\b(?:prefer|choose|pick|use)\s+(.+?)\s+(?:over|instead of|rather than)\s+(.+?)${END}`, 'i'),
  new RegExp(String.raw`([\w-]+(?:\s+[\w-]+){0,2})\s+(?:vs\.?|versus)\s+([\w-]+(?:\s+[\w-]+){0,2})`, 'i'),
];

/**
 * Everything a side's words name: each word's term and, where a related-terms group would hide it, its own identity
 * ("L1" is "~regularize" and "~regularize=l1"). An answer naming any of these names the word.
 */
const namesOf = (sentences: readonly SentenceInfo[]): Set<string> =>
  new Set(sentences.flatMap((sentence) => sentence.tokens.flatMap((token) => [token.identity, token.term].filter((name) => name !== ''))));

function sidesOf(question: string): readonly [Side, Side] | null {
  for (const pattern of COMPARISONS) {
    const found = pattern.exec(question);
    const [left, right] = [found?.[1]?.trim(), found?.[2]?.trim()];
    if (left === undefined || right === undefined || left === '' || right === '') continue;
    const leftTerms = namesOf(analyzeText(left));
    const rightTerms = namesOf(analyzeText(right));
    // What tells the two apart: "batch normalization" and "layer normalization" differ by one word, and in "L1 and L2
    // regularization" the group "~regularize" is named by both ("L1" is one of its members), so only the identities
    // tell them apart: an answer on L1 alone names "~regularize" too.
    const own = (terms: Set<string>, other: Set<string>) => {
      const distinct = new Set([...terms].filter((term) => !other.has(term)));
      return distinct.size > 0 ? distinct : terms;
    };
    const leftOwn = own(leftTerms, rightTerms);
    const rightOwn = own(rightTerms, leftTerms);
    if (leftOwn.size === 0 || rightOwn.size === 0) continue;
    return [
      { text: left, terms: leftOwn },
      { text: right, terms: rightOwn },
    ];
  }
  return null;
}

const demandsMemo = new Map<string, QuestionDemands>();
const DEMANDS_MEMO_SIZE = 512;

export function questionDemands(question: string): QuestionDemands {
  const known = demandsMemo.get(question);
  if (known) return known;
  const text = question.replace(/\s+/g, ' ');
  const demands: QuestionDemands = {
    reason: /\bwhy\b|\bwhat (?:is|are) the (?:reason|benefit|advantage|point|purpose)s?\b|\bwhat makes\b/i.test(text),
    mechanism: /(?:^|[.?!]\s*|\band\s+)how\s+(?:do|does|did|would|could|can|should|is|are|to|it|you|we)\b/i.test(text),
    conditions: /\bwhen\s+(?:would|should|do|does|to|is|are|might|can|could)\b|\bin (?:what|which) (?:cases|situations|circumstances)\b/i.test(text),
    sides: sidesOf(text),
  };
  if (demandsMemo.size >= DEMANDS_MEMO_SIZE) demandsMemo.clear();
  demandsMemo.set(question, demands);
  return demands;
}

/** A reason or a mechanism stated: a causal connective, or a sentence that opens with "So" ("So features must be useful alone"). */
const REASON = /^so\b|\b(?:because|since|so that|in order to|therefore|thus|hence|which means|that means|this means|meaning that|as a result|leads? to|leading to|causes?|caused by|results? in|due to|otherwise|so (?:the|it|that|you|we|they|each|every|a|an)\b)/i;
/** A condition or a trade-off. */
const CONDITION = /\b(?:if|when|unless|whenever|only if|as long as|depends on|it depends|but|however|whereas|while|although|though|at the cost of|trade-?\s?offs?|instead|rather than|better for|worse for|cost|costs|faster|slower|cheaper)\b/i;
/**
 * Hedges and empty advice: a sentence that warns, rates or reassures without saying what to do or why. Only counted
 * when the sentence adds almost nothing beyond the question's words (see `hedges`).
 */
const EMPTY_PHRASE =
  /\b(?:be (?:very )?careful|pay attention|(?:is|are|it's) (?:very |really |quite |so )?(?:important|crucial|essential|key|critical|bad|dangerous|useful|helpful|good)|(?:a |an )?(?:big|huge|serious|major|common|real) (?:problem|issue|deal|thing|concern)|there are (?:many|a lot of|several) (?:ways|things|methods|techniques|reasons)|it depends|many things|a lot of things|(?:in|of) general|best practices?|good practices?|make sure|keep in mind|you (?:should|have to|need to|must) (?:be careful|think|consider|watch)|can be tricky|not easy|you can use (?:different|various|many) (?:methods|techniques|tools))\b/i;
/** What an answer is put off to: the reader's own case, never a named factor. */
const THEIR_CASE = String.raw`(?:(?:the|your|each|every|the specific|your specific|your particular|the particular) )?(?:factors|things|considerations|circumstances|aspects|situations?|context|cases?|use cases?|requirements|problems?|needs|projects?|data(?:sets?)?|goals?|constraints|applications?)`;
/** "A lot", "heavily": how much an answer depends, which says nothing of what on. */
const HOW_MUCH = String.raw`(?:a lot|a great deal|heavily|largely|mostly|entirely|greatly|very much|so much)`;
/** "on the problem and the data": the reader's own case, one or several. */
const ON_THEIR_CASE = String.raw`(?:on|upon) (?:many |several |various |different |a lot of |lots of |a number of )?${THEIR_CASE}(?:,? (?:and|or) ${THEIR_CASE})*`;
/**
 * Phrases that put off the answer instead of giving it: "it depends", "many factors", "there are trade-offs to
 * consider", "evaluate carefully", "choose what works best for your data". Their own words are no claim, so a sentence
 * commits to something only with terms beyond them ("it depends on the data size: with few rows use L1" does).
 * Each phrase comes with words one of which every match of it contains: most sentences have none of them and are
 * spared the phrases' pattern (tried at every word, it was about a sixtieth of a technical grading).
 */
const DEFERRALS: readonly { readonly phrase: string; readonly says: string }[] = [
  // "It really depends", "the right choice varies"
  {
    phrase: String.raw`(?:it|that|this|everything|all of (?:it|this)|the (?:right |best )?(?:answer|choice|decision|option|approach)) (?:really |always |just |all |usually |honestly |totally )?(?:depends|varies)(?: ${HOW_MUCH})?(?: ${ON_THEIR_CASE})?`,
    says: 'depends|varies',
  },
  { phrase: String.raw`depends (?:${HOW_MUCH} )?${ON_THEIR_CASE}`, says: 'depends' },
  {
    phrase: String.raw`var(?:y|ies) (?:from|by|between) (?:case|project|problem|situation|team|dataset|application|one)s? to (?:case|project|problem|situation|team|dataset|application|another)s?`,
    says: 'vary|varies',
  },
  {
    phrase: String.raw`(?:many|several|various|different|a lot of|lots of|a number of|multiple) (?:factors|things|considerations|aspects|options|approaches|alternatives|methods|techniques)`,
    says: 'factors|things|considerations|aspects|options|approaches|alternatives|methods|techniques',
  },
  // "there are trade-offs to consider", "weigh the pros and cons", "trade-offs either way"
  {
    phrase: String.raw`(?:there (?:are|is) (?:always )?(?:some |many |several |a lot of |lots of )?|(?:consider|weigh|balance|evaluate|think about|keep in mind) (?:the |all the |these |those |its )?|(?:both |each |all )?(?:have|has|come with) (?:their |its )?(?:own )?)?(?:trade-?\s?offs?|pros and cons|advantages and disadvantages|strengths and weaknesses)(?: (?:to|you have to|you need to|you should) (?:consider|weigh|balance|keep in mind|think about))?(?: either way| on both sides| involved)?`,
    says: 'trade|pros and cons|advantages and disadvantages|strengths and weaknesses',
  },
  {
    phrase: String.raw`(?:evaluate|test|assess|analy[sz]e|think about|consider|weigh|look at|try|compare) (?:it |them |things |everything |(?:the|your|all the|all|both) (?:options|approaches|alternatives) )?(?:carefully|thoroughly|properly|and see)`,
    says: 'carefully|thoroughly|properly|and see',
  },
  // "choose what works best for your data", "go with whatever fits your use case"
  {
    phrase: String.raw`(?:choose|pick|use|select|go with|do|take) (?:what(?:ever)?|the one|the option|the approach|the method|the solution|the tool)(?: that)? (?:works|fits|suits|is|makes sense|performs)(?: (?:best|better|right|most appropriate|well))?(?: (?:for )?${THEIR_CASE}| for you)?`,
    says: 'what|the one|the option|the approach|the method|the solution|the tool',
  },
  { phrase: String.raw`case by case`, says: 'case by case' },
  { phrase: String.raw`(?:no|not a) one[- ]size[- ]fits[- ]all`, says: 'size' },
  { phrase: String.raw`(?:no|not a) silver bullet`, says: 'silver bullet' },
  { phrase: String.raw`in practice,? you (?:would|will|should|have to|need to)`, says: 'in practice' },
  // "it's about finding a balance", "not too simple and not too complex": that a middle exists, not where it lies
  { phrase: String.raw`(?:find|finding|strike|striking|get|getting|achieve|achieving|keep|keeping) (?:a|the) (?:right |good |fine |healthy |proper )?balance`, says: 'balance' },
  { phrase: String.raw`not too [\w-]+,? (?:and |or |but |nor )?(?:also )?not too [\w-]+`, says: 'not too' },
  { phrase: String.raw`neither too [\w-]+ nor too [\w-]+`, says: 'neither too' },
];
const DEFERS = new RegExp(DEFERRALS.map(({ phrase }) => String.raw`\b${phrase}\b`).join('|'), 'gi');
/** Case-insensitive as DEFERS, whose letters are ASCII: a sentence this does not match has no deferring phrase. */
const MAY_DEFER = new RegExp(DEFERRALS.map(({ says }) => says).join('|'), 'i');

/** A sentence that puts off the answer and adds fewer than two terms beyond the question's and the deferring phrases. */
function defers(sentence: SentenceInfo, questionTerms: ReadonlySet<string>): boolean {
  if (!MAY_DEFER.test(sentence.text)) return false;
  const rest = sentence.text.replace(DEFERS, ' ');
  if (rest === sentence.text) return false;
  return new Set(analyzeText(rest).flatMap((part) => [...newTerms(part, questionTerms)])).size < CONTENT_TERMS;
}

/** A definition's frame: "X is when…", "X means…", "X refers to…". */
const DEFINES = /\b(?:is|are)\s+(?:when|where|if|basically|just|simply|about)\b|\b(?:means?|refers? to|is called|is defined as|is the (?:process|act|idea|concept) of)\b/i;

/** A term without the "~" that marks a related-terms group's key. */
const withoutGroupMark = (term: string): string => (term.startsWith('~') ? term.slice(1) : term);

const plainQuestionTermsCache = new WeakMap<ReadonlySet<string>, readonly string[]>();

/**
 * The question's terms of three letters or more, without their group mark: asked for every token of every sentence
 * read, and the question's terms are the same sets again and again (a profile's, a question's restating terms).
 */
function plainQuestionTerms(questionTerms: ReadonlySet<string>): readonly string[] {
  const known = plainQuestionTermsCache.get(questionTerms);
  if (known) return known;
  const plain = [...questionTerms].map(withoutGroupMark).filter((term) => term.length >= 3);
  plainQuestionTermsCache.set(questionTerms, plain);
  return plain;
}

/** Terms that restate the question's: the same stem, or one stem the other's start ("leak" in "leakag"). */
function restatesQuestion(term: string, questionTerms: ReadonlySet<string>): boolean {
  if (questionTerms.has(term)) return true;
  const bare = withoutGroupMark(term);
  if (bare.length < 3) return false;
  for (const plain of plainQuestionTerms(questionTerms)) if (plain.startsWith(bare) || bare.startsWith(plain)) return true;
  return false;
}

/** What follows a definition's frame ("…is when data leaks") restates a term of the question. */
function definesWithItself(text: string, questionTerms: ReadonlySet<string>): boolean {
  const frame = DEFINES.exec(text);
  if (frame === null) return false;
  const definition = text.slice(frame.index + frame[0].length);
  return analyzeText(definition).some((sentence) => sentence.tokens.some((token) => token.term !== '' && restatesQuestion(token.term, questionTerms)));
}

/**
 * The commonest words of the field ("data", "model", "learn": each in about half of the corpus documents) say nothing
 * about a question by themselves: "you validate your model across different data" adds nothing to
 * "cross-validation".
 */
const FIELD_WORD_IDF = Math.log(1 + 1 / 0.4);

const restatingMemo = new Map<string, ReadonlySet<string>>();

/**
 * The terms a sentence restates the question with: the question's terms, and those of each part of its hyphenated
 * words, which a related-terms group hides ("cross-validation" is "~crossval", so "validate" would look new).
 */
function restatingTerms(question: string, questionTerms: ReadonlySet<string>): ReadonlySet<string> {
  const known = restatingMemo.get(question);
  if (known) return known;
  const parts = [...question.matchAll(/[\p{L}\d]+(?:-[\p{L}\d]+)+/gu)].flatMap((word) => word[0].split('-'));
  const terms = new Set([...questionTerms, ...parts.flatMap((part) => analyzeText(part).flatMap((sentence) => sentence.tokens.map((token) => token.term)))]);
  terms.delete('');
  if (restatingMemo.size >= DEMANDS_MEMO_SIZE) restatingMemo.clear();
  restatingMemo.set(question, terms);
  return terms;
}

/** What a sentence adds beyond the question's words and the field's commonest ones. */
const addedBeyond = (sentence: SentenceInfo, restating: ReadonlySet<string>): Set<string> =>
  new Set([...newTerms(sentence, restating)].filter((term) => termWeight(term) > FIELD_WORD_IDF));

/** "Data leakage is when data leaks": a definition of the question's term by its own words, adding next to nothing. */
function isCircular(sentence: SentenceInfo, restating: ReadonlySet<string>, added = addedBeyond(sentence, restating)): boolean {
  return (
    added.size < CONTENT_TERMS &&
    verbCount(sentence) > 0 &&
    sentence.tokens.some((token) => restating.has(token.term)) &&
    definesWithItself(sentence.text, restating)
  );
}

/**
 * Why a sentence makes no point of its own, whatever the reference: it puts off the answer ("It depends on the
 * problem and the data"), defines the question's term by itself, or only warns or rates ("it's important to validate
 * models") with nothing beyond the question's words. The technical grader gives such a sentence no credit against a
 * reference (technical-grader.ts), as this reading gives it none without one.
 */
export type EmptySentence = 'defers' | 'circular' | 'hedge';

/** What to do instead of each kind of empty sentence, given the sentence quoted; the same with a reference or without. */
export const EMPTY_SENTENCE_ADVICE: Record<EmptySentence, (quoted: string) => string> = {
  circular: (quoted) => `${quoted} defines the term with its own words: say what actually happens, in other words, and what it leads to.`,
  defers: (quoted) =>
    `${quoted} commits to nothing: make a concrete claim — what you would choose or do, and the condition that decides it (which factor, which trade-off).`,
  hedge: (quoted) => `Replace ${quoted} with what to do and why: name the concrete step or check, and the problem it avoids.`,
};

export function emptySentence(sentence: SentenceInfo, question: string, questionTerms: ReadonlySet<string>): EmptySentence | undefined {
  if (defers(sentence, questionTerms)) return 'defers';
  const restating = restatingTerms(question, questionTerms);
  // Most sentences add enough of their own to be neither circular nor an empty hedge: read what they add once.
  const added = addedBeyond(sentence, restating);
  if (added.size >= CONTENT_TERMS) return undefined;
  if (isCircular(sentence, restating, added)) return 'circular';
  if (EMPTY_PHRASE.test(sentence.text)) return 'hedge';
  return undefined;
}

/** Content terms of a sentence the question does not give: what the sentence adds. */
function newTerms(sentence: SentenceInfo, questionTerms: ReadonlySet<string>): Set<string> {
  const terms = new Set<string>();
  for (const token of sentence.tokens) {
    if (token.term !== '' && !restatesQuestion(token.term, questionTerms)) terms.add(token.term);
  }
  return terms;
}

/** A sentence says something with its cue only with this many terms beyond the question's. */
const CONTENT_TERMS = 2;
const MAX_REASONS = 3;
const MAX_EXAMPLES = 2;
const MAX_CONDITIONS = 3;
const MAX_HEDGES = 3;
/** The idf of a term the corpus uses in every document is about 0; the rarest's is log(1 + documents). */
const RAREST = termWeight('\u0000unseen');

export interface NoReferenceReading {
  readonly features: NoReferenceFeatures;
  readonly demands: QuestionDemands;
  /** Sentences of each kind, as written (the first few). */
  readonly reasons: readonly string[];
  readonly examples: readonly string[];
  readonly conditions: readonly string[];
  readonly hedges: readonly string[];
  /** Sentences that put off the answer and commit to nothing ("It really depends on many factors…"), among `hedges`. */
  readonly deferrals: readonly string[];
  /** The sentence that defines the question's term with itself, if any. */
  readonly circular: string | undefined;
  /** The compared things the answer names, when the question compares two. */
  readonly sidesNamed: readonly Side[];
  /** Distinct terms of the field beyond the question's, as written (the first few). */
  readonly domainWords: readonly string[];
  readonly unmet: readonly ('reason' | 'mechanism' | 'conditions' | 'sides')[];
}

/**
 * Reads an answer without a reference. `explanatory` are the sentences that explain (term lists left out), `all`
 * every sentence, `termList` whether the answer is mostly a list of terms (technical-grader.ts).
 */
export function readWithoutReference(
  question: string,
  questionTerms: ReadonlySet<string>,
  explanatory: readonly SentenceInfo[],
  all: readonly SentenceInfo[],
  termList: boolean,
): NoReferenceReading {
  const demands = questionDemands(question);
  const reasons: string[] = [];
  const examples: string[] = [];
  const conditions: string[] = [];
  const hedges: string[] = [];
  const deferrals: string[] = [];
  let circular: string | undefined;
  let empty = 0;
  let contentWords = 0;
  const domain = new Map<string, string>();
  const named = new Set<string>();
  for (const sentence of explanatory) {
    const { text } = sentence;
    // A sentence that only puts off the answer adds nothing, whatever its words: no terms of the field, no reason,
    // example or condition ("there are trade-offs to consider" is no trade-off stated).
    if (defers(sentence, questionTerms)) {
      empty += 1;
      hedges.push(text);
      deferrals.push(text);
      continue;
    }
    const added = newTerms(sentence, questionTerms);
    const says = added.size >= CONTENT_TERMS;
    for (const token of sentence.tokens) {
      if (token.term === '') continue;
      contentWords += 1;
      if (token.identity !== '') named.add(token.identity);
      named.add(token.term);
      if (!restatesQuestion(token.term, questionTerms) && isCorpusTerm(token.term) && !domain.has(token.term)) domain.set(token.term, token.text);
    }
    if (!says) empty += 1;
    if (says && REASON.test(text)) reasons.push(text);
    if (says && (sentence.cues.has('example') || namesInstance(sentence))) examples.push(text);
    if (says && (CONDITION.test(text) || sentence.cues.has('tradeoff') || sentence.cues.has('whenToUse'))) conditions.push(text);
    if (added.size < CONTENT_TERMS + 1 && EMPTY_PHRASE.test(text)) hedges.push(text);
    // "Data leakage is when data leaks": what defines the term restates the question's own words and adds next to
    // nothing. A short definition in other words ("Scope is where a name can be seen.") is not circular.
    if (circular === undefined && isCircular(sentence, restatingTerms(question, questionTerms))) {
      circular = text;
    }
  }
  const domainTerms = [...domain.keys()].reduce((sum, term) => sum + termWeight(term) / RAREST, 0);
  const sidesNamed = demands.sides === null ? [] : demands.sides.filter((side) => [...side.terms].some((term) => named.has(term)));
  const unmet: NoReferenceReading['unmet'][number][] = [];
  let asked = 0;
  if (demands.reason) {
    asked += 1;
    if (reasons.length === 0) unmet.push('reason');
  }
  if (demands.mechanism) {
    asked += 1;
    if (reasons.length === 0 && explanatory.filter((sentence) => verbCount(sentence) > 0 && newTerms(sentence, questionTerms).size >= CONTENT_TERMS).length < 2) unmet.push('mechanism');
  }
  if (demands.conditions) {
    asked += 1;
    if (conditions.length === 0) unmet.push('conditions');
  }
  if (demands.sides !== null) {
    asked += 1;
    if (sidesNamed.length < 2) unmet.push('sides');
  }
  let questionHits = 0;
  const used = new Set(all.flatMap((sentence) => sentence.tokens.map((token) => token.term)));
  for (const term of questionTerms) if (used.has(term)) questionHits += 1;
  const features: NoReferenceFeatures = {
    domainTerms: Math.log1p(domainTerms),
    contentWords: Math.log1p(contentWords),
    reasons: Math.min(MAX_REASONS, reasons.length),
    examples: Math.min(MAX_EXAMPLES, examples.length),
    conditions: Math.min(MAX_CONDITIONS, conditions.length),
    emptyShare: all.length === 0 ? 1 : (empty + (all.length - explanatory.length)) / all.length,
    hedges: Math.min(MAX_HEDGES, hedges.length),
    circular: circular === undefined ? 0 : 1,
    termList: termList ? 1 : 0,
    questionCoverage: questionTerms.size === 0 ? 0 : questionHits / questionTerms.size,
    unmetDemands: asked === 0 ? 0 : unmet.length / asked,
  };
  return {
    features,
    demands,
    reasons: reasons.slice(0, 3),
    examples: examples.slice(0, 3),
    conditions: conditions.slice(0, 3),
    hedges: hedges.slice(0, 3),
    deferrals: deferrals.slice(0, 3),
    circular,
    sidesNamed,
    domainWords: [...domain.values()].slice(0, 6).map((word) => shorten(word, 30)),
    unmet,
  };
}
