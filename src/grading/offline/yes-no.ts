import type { PointMatch } from './coverage.js';
import type { Contradiction } from './features.js';
import type { SentenceInfo, TokenInfo } from './nlp.js';
import type { ReferenceProfile } from './reference-profile.js';

/*
 * Yes/no questions ("Does Ridge regression require feature scaling?"): the one thing asked is whether, and a
 * model answer that opens with "Yes," or "No," says which. An answer opening with the other word, or denying the
 * question's claim outright ("Ridge doesn't need scaling."), contradicts the reference's core point however many
 * of its words it shares; one opening with the same answer makes that point.
 */

export type Polarity = 'yes' | 'no';

/** Auxiliaries and modals that open a yes/no question ("Does…", "Can…", "Is…", "Should…"). */
const QUESTION_OPENERS: ReadonlySet<string> = new Set([
  'do', 'does', 'did', 'is', 'are', 'was', 'were', 'am', 'can', 'could', 'should', 'would', 'will', 'shall', 'may', 'might', 'must', 'has', 'have', 'had',
]);

const YES_WORDS: ReadonlySet<string> = new Set(['yes', 'yeah', 'yep', 'yup']);
const NO_WORDS: ReadonlySet<string> = new Set(['no', 'nope', 'nah']);
/** After "no", a pronoun keeps it an answer ("No it doesn't"); a noun makes it a determiner ("No regularization is needed"). */
const ANSWER_PRONOUNS: ReadonlySet<string> = new Set(['it', 'you', 'they', 'we', 'i', 'this', 'that']);
/** Words that join the answer word to a hedge ("Yes and no", "Yes but only if…"): no plain answer. */
const HEDGES: ReadonlySet<string> = new Set(['and', 'or', 'but']);
/** Opening a clause, these make what follows a condition or a description, not the sentence's own claim. */
const SUBORDINATORS: ReadonlySet<string> = new Set(['that', 'which', 'who', 'whose', 'if', 'when', 'unless', 'because', 'although', 'though', 'while', 'since', 'whether']);
/** The main clause's negated auxiliary must come this early: a short subject ("Ridge", "Scaling", "You"). */
const MAX_SUBJECT_TOKENS = 4;

const isPunctuation = (token: TokenInfo | undefined): boolean => token === undefined || token.kind === 'punctuation';

/**
 * The question is a yes/no question: its first sentence opens with an auxiliary or a modal, and offers no
 * alternatives ("Is k-NN a classifier or a regressor?" asks which).
 */
export function asksYesNo(question: readonly SentenceInfo[]): boolean {
  const [first] = question;
  const opener = first?.tokens[0];
  if (!first || !opener || !QUESTION_OPENERS.has(opener.normal)) return false;
  return !first.tokens.some((token) => token.normal === 'or');
}

/** The answer word a sentence opens with ("Yes, …", "No.", "Nope, it doesn't"), if it opens with one. */
export function openingAnswer(sentence: SentenceInfo): { readonly polarity: Polarity; readonly word: string } | null {
  const [first, next] = sentence.tokens;
  if (!first) return null;
  if (YES_WORDS.has(first.normal) && !HEDGES.has(next?.normal ?? '')) return { polarity: 'yes', word: first.normal };
  if (NO_WORDS.has(first.normal) && (isPunctuation(next) || ANSWER_PRONOUNS.has(next?.normal ?? ''))) return { polarity: 'no', word: first.normal };
  return null;
}

/** Verbs of necessity: "doesn't need" answers "Does it require…?", whose verb is no term of the question. */
const NECESSITY: ReadonlySet<string> = new Set(['need', 'require']);

/** The denied verb says what the question asks: one of the question's terms, or a necessity. */
function deniesQuestion(denied: TokenInfo | undefined, questionTerms: ReadonlySet<string>): boolean {
  if (denied === undefined) return false;
  return (denied.term !== '' && questionTerms.has(denied.term)) || NECESSITY.has(denied.lemma);
}

/**
 * A plain denial opening the answer: the main clause's first verb is an auxiliary or modal with "not" right
 * after it, after a short subject, denying what the question asks ("Ridge doesn't need scaling." for "Does Ridge
 * require scaling?"; "It does not."). Not a negation inside a relative or conditional clause ("Features that
 * aren't scaled get penalised unequally"), nor a denial of something else that may well say yes ("Ridge does not
 * work properly without scaling", "You can't skip scaling").
 */
function outrightDenial(sentence: SentenceInfo, questionTerms: ReadonlySet<string>): string | null {
  const { tokens } = sentence;
  for (let index = 0; index < tokens.length && index <= MAX_SUBJECT_TOKENS; index += 1) {
    const token = tokens[index];
    if (!token || SUBORDINATORS.has(token.normal) || token.kind === 'punctuation' || token.pos === 'VERB') return null;
    if (token.pos !== 'AUX') continue;
    const negator = tokens[index + 1];
    if (negator?.normal !== 'not' && negator?.normal !== 'never') return null;
    const rest = tokens.slice(index + 2);
    // "It does not." denies the question's own verb; otherwise the denied verb must be what the question asks.
    if (!isPunctuation(rest[0]) && !deniesQuestion(rest.find((word) => word.pos === 'VERB' || word.pos === 'AUX'), questionTerms)) return null;
    // As written: "doesn't", "does not".
    return /^n['’]t$/i.test(negator.text) ? `${token.text}${negator.text}` : `${token.text} ${negator.text}`;
  }
  return null;
}

/** How the answer's first sentence answers a yes/no question, with its words for it ("No", "doesn't"); null if it does not say. */
export function answerPolarity(sentence: SentenceInfo, questionTerms: ReadonlySet<string>): { readonly polarity: Polarity; readonly word: string } | null {
  const opening = openingAnswer(sentence);
  if (opening) return opening;
  const denial = outrightDenial(sentence, questionTerms);
  return denial === null ? null : { polarity: 'no', word: denial };
}

/** What the answer's opening does to the reference's yes or no: contradicts it, makes its point, or neither. */
export interface YesNoReading {
  readonly contradiction: Contradiction | null;
  readonly matches: readonly PointMatch[];
}

/**
 * Reads the answer's first sentence against the reference's answer to a yes/no question. The opposite answer
 * is a contradiction of the reference's opening sentence (its point, if one of the key points, is contradicted); the
 * same answer makes that point. Either way the answer's first sentence is quoted.
 */
export function readYesNo(sentences: readonly SentenceInfo[], profile: ReferenceProfile, matches: readonly PointMatch[]): YesNoReading {
  const expected = profile.answersYesNo;
  const [first] = sentences;
  const opening = profile.sentences[0];
  const given = first && expected ? answerPolarity(first, profile.questionTerms) : null;
  if (!first || !opening || !expected || !given) return { contradiction: null, matches };
  // The key point the reference's opening sentence states: a wording all of whose terms it says.
  const said = new Set(opening.terms);
  const isOpening = (match: PointMatch): boolean => match.point.wordings.some((wording) => wording.terms.size > 0 && [...wording.terms.keys()].every((term) => said.has(term)));
  if (given.polarity === expected) {
    return {
      contradiction: null,
      matches: matches.map((match) => (match.status !== 'covered' && isOpening(match) ? { ...match, status: 'covered', covered: true, sentence: first, contradicted: false, bySubject: false } : match)),
    };
  }
  return {
    contradiction: { sentence: first, reference: opening.text, swapped: [given.word, expected] },
    matches: matches.map((match) => (isOpening(match) ? { ...match, status: 'contradicted', covered: false, sentence: first, bySubject: false } : match)),
  };
}
