import { NEGATORS } from './cues.js';
import { createLru } from './lru.js';
import { NO_ITEMS, setOrNone } from './no-items.js';
import { analyzeText, NAMING_POS, perSentence, type SentenceInfo, type TokenInfo } from './nlp.js';
import { tokenContrasts } from './opposites.js';

/*
 * A sentence often makes several claims ("bagging trains models independently…; boosting trains them one
 * after another…"), and a word of one claim says nothing about another. Contradiction checks read
 * negations and opposite words within their clause: the stretch between punctuation and the words that
 * join clauses.
 */

const CLAUSE_PUNCTUATION: ReadonlySet<string> = new Set([',', ';', ':', '(', ')', '—', '–']);
const CLAUSE_WORDS: ReadonlySet<string> = new Set([
  'but', 'so', 'because', 'since', 'while', 'whereas', 'although', 'though', 'which', 'where', 'when',
  'if', 'unless', 'until', 'whether', 'without', 'then',
]);
/** "and" and "or" join clauses when a verb or a pronoun follows ("…and doesn't generalise"), else words ("L2 or dropout"). */
const JOINING_WORDS: ReadonlySet<string> = new Set(['and', 'or']);
const CLAUSE_STARTS: ReadonlySet<string> = new Set(['VERB', 'AUX', 'PRON', 'PART', 'ADV']);
/**
 * Clauses opened by these state a condition, not a claim: "…except if the model doesn't support
 * probabilities", "when an array is not declared static, it is created on every call".
 */
const CONDITION_WORDS: ReadonlySet<string> = new Set(['if', 'unless', 'whether', 'when']);
const QUOTES: ReadonlySet<string> = new Set(['"', '“', '”', "'", '‘', '’', '`']);
/** Verbs before which "when" opens a definition ("Overfitting is when…"), not a condition. */
const DEFINING_VERBS: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were']);

/**
 * Numbers each token's run, from 0: a boundary token (or a run of them) ends the run before it, and the next
 * token that is not a boundary opens the next run.
 */
function runsBetween(sentence: SentenceInfo, isBoundary: (token: TokenInfo, index: number) => boolean): number[] {
  const runs: number[] = [];
  let run = 0;
  let started = false;
  for (const [index, token] of sentence.tokens.entries()) {
    const boundary = isBoundary(token, index);
    if (boundary && started) {
      run += 1;
      started = false;
    }
    runs.push(run);
    if (!boundary) started = true;
  }
  return runs;
}

/**
 * The clause of each token of the sentence, numbered from 0; a boundary token opens the clause after it.
 * Contradiction checks, key-point coverage and opposite words all read the same sentences' clauses and
 * denials in one grading: both are remembered per analysed sentence.
 */
export const clauseOf: (sentence: SentenceInfo) => readonly number[] = perSentence(readClauses);

function readClauses(sentence: SentenceInfo): number[] {
  return runsBetween(
    sentence,
    (token, index) =>
      CLAUSE_PUNCTUATION.has(token.text) ||
      CLAUSE_WORDS.has(token.normal) ||
      (JOINING_WORDS.has(token.normal) && CLAUSE_STARTS.has(sentence.tokens[index + 1]?.pos ?? '')),
  );
}

/** A negated verb or adjective, with the other content terms of its clause: what the denial is about. */
export interface Denial {
  readonly head: TokenInfo;
  readonly clauseTerms: ReadonlySet<string>;
  /** Stems of the clause's other naming words, low-information ones included ("points"): what it is about. */
  readonly clauseNames: ReadonlySet<string>;
}

/** Pronouns that stand for something named before them. */
const PLURAL_PRONOUNS: ReadonlySet<string> = new Set(['they', 'these', 'those']);

/** Parts of speech of the words that name what a clause is about. */
const NAMING_STEM_POS: ReadonlySet<string> = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);

/** The stem of a word that names something ("points", "support"), '' for any other token. */
export const namingStem = (token: TokenInfo): string => (!token.stop && NAMING_STEM_POS.has(token.pos) ? token.stem : '');

/**
 * The verbs and adjectives a negation applies to directly: the first one in each negated run, when it is a
 * content word. wink's
 * negation scope runs to the end of the clause ("cannot change once created" negates "created" too),
 * but only the head is what the sentence denies. Not a denial: a quoted negation word (it predicted
 * "not fraud"), a negation in a condition (if the model doesn't support…), or a "not" after a noun, which
 * narrows the noun rather than denying a claim ("points not reachable from a core point are noise").
 */
export const deniedHeads: (sentence: SentenceInfo) => readonly Denial[] = perSentence(readDenials);

/** The head a negated run denies: the first verb or adjective after its negation, with its clause. */
interface NegatedHead {
  readonly index: number;
  readonly token: TokenInfo;
  readonly clause: number;
  /** The negation word before the run ("not", "n't", "never"), -1 when there is none. */
  readonly negator: number;
}

/**
 * Denials read in one sentence at most: each is read against the whole sentence, and no sentence a person writes denies
 * this many things (a 12,000-character run of "it cannot run like a …" has hundreds).
 */
const MAX_NEGATED_HEADS = 32;

/**
 * The first verb or adjective of each negated run whose negation asserts a denial (see `asserted`) and is not
 * about a manner word after it (`qualifiesManner`), term or not.
 */
function negatedHeads(sentence: SentenceInfo): NegatedHead[] {
  const { tokens } = sentence;
  const heads: NegatedHead[] = [];
  // Most sentences negate nothing: their clauses are not needed.
  if (!tokens.some((token) => token.negated)) return heads;
  const clauses = clauseOf(sentence);
  let runStart = -1;
  let found = false;
  for (const [index, token] of tokens.entries()) {
    if (!token.negated) {
      runStart = -1;
      continue;
    }
    if (runStart < 0) {
      runStart = index;
      found = false;
    }
    if (found || (token.pos !== 'ADJ' && token.pos !== 'VERB')) continue;
    found = true;
    if (!asserted(tokens, clauses, runStart) || qualifiesManner(tokens, clauses, index)) continue;
    let negator = runStart - 1;
    while (negator >= 0 && tokens[negator]?.kind === 'punctuation') negator -= 1;
    heads.push({ index, token, clause: clauses[index] ?? 0, negator });
    if (heads.length === MAX_NEGATED_HEADS) break;
  }
  return heads;
}

function readDenials(sentence: SentenceInfo): Denial[] {
  const { tokens } = sentence;
  const denials: Denial[] = [];
  const clauses = clauseOf(sentence);
  for (const { index, token, clause } of negatedHeads(sentence)) {
    // "can't think of a reason to use hard predictions" denies "think", not "hard".
    if (token.term === '') continue;
    const clauseTerms = new Set<string>();
    const clauseNames = new Set<string>();
    for (const [other, otherToken] of tokens.entries()) {
      if (clauses[other] !== clause || other === index) continue;
      if (otherToken.term !== '' && otherToken.term !== token.term) clauseTerms.add(otherToken.term);
      const stem = namingStem(otherToken);
      if (stem !== '') clauseNames.add(stem);
    }
    // A clause that names nothing but a plural pronoun ("…, and they don't have to sum to one") is about what the
    // sentence named before it: without its terms the denial would be about nothing the reference says. "It" is
    // often about nothing ("it's not learning enough", "it doesn't matter") and stays as it is.
    if (clauseTerms.size === 0 && tokens.some((other, at) => at < index && clauses[at] === clause && PLURAL_PRONOUNS.has(other.normal))) {
      for (const [other, otherToken] of tokens.entries()) if ((clauses[other] ?? 0) < clause && otherToken.term !== '') clauseTerms.add(otherToken.term);
    }
    denials.push({ head: token, clauseTerms, clauseNames });
  }
  return denials;
}

/**
 * A denied clause read as a claim about what it names, whatever verb denies it: "Regularisation like L2 or dropout
 * doesn't really help with overfitting", "you can't change the decision threshold with them". The verb is often
 * one the reference never uses ("help", "tell", "change" where it says "prevent", "estimate", "set", or a verb
 * with no term at all), so the heads `deniedHeads` reads miss these; what the clause names tells which claim it
 * denies (denial-agreement.ts, `deniesClaim`).
 */
export interface DeniedClause {
  readonly head: TokenInfo;
  /**
   * Content terms of the claim: the clause's, with the sentence's subject when the clause leaves it out or names it
   * with a pronoun ("The normal equation, unlike gradient descent, doesn't need feature scaling"). The head's own
   * term only when it is the predicate itself ("is not useless", "is not flagged"), not a verb relating the rest.
   */
  readonly terms: ReadonlySet<string>;
  /**
   * The specific things of related-terms groups it names ("~regularize=l1" for "Lasso"): "Lasso has no closed-form
   * solution" is not about "Ridge regression with the closed-form solution", though both say "~regularize".
   */
  readonly names: ReadonlySet<string>;
  /** The clause names a number ("the threshold doesn't have to be 0.5"): a claim of its own no wording of terms makes. */
  readonly quantified: boolean;
  /**
   * Ruled out by "rather than" or "instead of" ("boosting reduces variance rather than bias" denies that it reduces
   * bias): the verb is the claim's own, and its term is among the claim's.
   */
  readonly ruledOut: boolean;
  /**
   * What the claim is about, as `subjectWords`: its own subject, or the sentence's opening's when it stands for it.
   * The question's terms and words without one are all that tell "hard voting" from "soft voting", "K-means" from
   * soft clustering, "a while loop" from "for loops".
   */
  readonly subject: ReadonlySet<string>;
  /** Its subject is a pronoun in the sentence's first clause ("It doesn't use label-based indexing"): the previous sentence's. */
  readonly antecedent: boolean;
}

/** Words opening an aside about another thing ("Unlike loc, …", "…, like a Gaussian mixture, …"), up to its punctuation. */
const ASIDE_OPENERS: ReadonlySet<string> = new Set(['unlike', 'like']);

/**
 * Indexes of the tokens inside an "unlike …"/"like …" aside, up to the punctuation that ends it: read once per sentence
 * in one pass, since every denied clause of the sentence asks for them.
 */
const asideIndexes: (sentence: SentenceInfo) => ReadonlySet<number> = perSentence((sentence) => {
  const inside = new Set<number>();
  let open = false;
  for (const [at, token] of sentence.tokens.entries()) {
    if (token.kind === 'punctuation') open = false;
    else if (ASIDE_OPENERS.has(token.normal) && token.pos === 'ADP') open = true;
    if (open) inside.add(at);
  }
  return inside;
});

/**
 * The words naming a subject among `indexes`, asides left out: a term, or the word itself when it has none ("k",
 * "while"), or a verb-tagged word with a term, which before the verb names one ("multiply is element-wise", "the
 * multiply function").
 */
function subjectWords(sentence: SentenceInfo, indexes: readonly number[]): Set<string> {
  const { tokens } = sentence;
  const aside = asideIndexes(sentence);
  const words = new Set<string>();
  for (const at of indexes) {
    const token = tokens[at];
    if (token === undefined || aside.has(at) || token.kind !== 'word') continue;
    if (!NAMING_POS.has(token.pos) && !(token.pos === 'VERB' && token.term !== '')) continue;
    words.add(token.term === '' ? token.normal : token.term);
  }
  return words;
}

/**
 * What a sentence is about, as `subjectWords`: the words before its first verb, an opening "Unlike X where…," aside left
 * out ("Unlike supervised learning where correct answers are provided, reinforcement learning agents must…").
 */
export const sentenceSubject: (sentence: SentenceInfo) => ReadonlySet<string> = perSentence((sentence) => {
  const { tokens } = sentence;
  const aside = asideIndexes(sentence);
  // An opening aside runs to its comma, past a relative clause of its own ("where correct answers are provided").
  const end = aside.has(0) ? tokens.findIndex((token, at) => at > 0 && token.kind === 'punctuation') : -1;
  const indexes: number[] = [];
  for (let at = aside.has(0) ? (end < 0 ? tokens.length : end + 1) : 0; at < tokens.length; at += 1) {
    const token = tokens[at];
    // "Boosting trains…": a verb-tagged first word names the subject.
    if (token === undefined || token.pos === 'AUX' || (token.pos === 'VERB' && indexes.some((index) => NAMING_POS.has(tokens[index]?.pos ?? '')))) break;
    indexes.push(at);
  }
  return subjectWords(sentence, indexes);
});

/**
 * Terms a sentence says only inside an opening "Unlike X where…," aside: what it says of X ("Unlike supervised learning
 * where correct answers are provided, reinforcement learning…" does not say reinforcement learning provides them).
 */
export const asideTerms: (sentence: SentenceInfo) => ReadonlySet<string> = perSentence((sentence) => {
  const { tokens } = sentence;
  if (tokens[0] === undefined || !ASIDE_OPENERS.has(tokens[0].normal)) return NO_ITEMS;
  const end = tokens.findIndex((token, at) => at > 0 && token.kind === 'punctuation');
  if (end < 0) return NO_ITEMS;
  const inside = new Set(tokens.slice(0, end).flatMap((token) => (token.term === '' ? [] : [token.term])));
  for (const token of tokens.slice(end)) inside.delete(token.term);
  return setOrNone(inside);
});

/** Words opening a clause that describes a case rather than claims: relative and conditional clauses. */
const CASE_OPENERS: ReadonlySet<string> = new Set(['where', 'which', 'who', 'whom', 'whose', 'that', 'when', 'whenever', 'if', 'unless', 'whether', 'until']);

/** Words after a negation that limit a claim rather than deny it: "not necessarily useless", "not always". */
const LIMITERS: ReadonlySet<string> = new Set(['necessarily', 'always', 'only', 'just', 'quite', 'entirely', 'exactly', 'all', 'every']);
/** Pronouns naming the person acting ("you can't change the threshold"): the claim is about what they act on. */
const PERSONS: ReadonlySet<string> = new Set(['i', 'you', 'we', 'one', 'they']);
/** Words that weigh one thing over another: "mainly/mostly … rather than" is a hedge, not a denial. */
const HEDGES: ReadonlySet<string> = new Set(['mainly', 'mostly', 'primarily', 'largely', 'chiefly', 'predominantly', 'generally', 'usually', 'typically', 'often', 'more']);
/** Pronouns that stand for the sentence's subject. */
const STANDING_FOR: ReadonlySet<string> = new Set(['it', 'this', 'these', 'those']);

/**
 * The negation denies a predicate: "not"/"n't" after an auxiliary or a verb ("does not help", "is not useless"; not
 * "…, not each time the function is called", a contrast without a verb), "never", "cannot", or "no" that is not a
 * preposition's ("with no arguments" names a case, as "without" does). Not "none" and the like: Python's `None` reads
 * as one ("header=None says…").
 */
function deniesPredicate(tokens: readonly TokenInfo[], negator: number): boolean {
  const negation = tokens[negator];
  const previous = tokens[negator - 1];
  if (negation === undefined) return false;
  if (negation.normal === 'not' || negation.lemma === 'not') return previous?.pos === 'AUX' || previous?.pos === 'VERB';
  if (negation.normal === 'no') return previous?.pos !== 'ADP';
  return negation.normal === 'never' || negation.normal === 'cannot';
}

export const deniedClauses: (sentence: SentenceInfo) => readonly DeniedClause[] = perSentence((sentence) => {
  const { tokens } = sentence;
  const clauses = clauseOf(sentence);
  const negated = negatedHeads(sentence).flatMap(({ index, token, clause, negator }): DeniedClause[] => {
    if (!deniesPredicate(tokens, negator)) return [];
    // "not necessarily useless" limits the claim; "doesn't scale well", "does not improve them much" deny a degree.
    if (LIMITERS.has(tokens[negator + 1]?.normal ?? '')) return [];
    for (let at = index + 1; at < tokens.length && tokens[at]?.negated === true && clauses[at] === clause; at += 1) {
      const after = tokens[at];
      if (after?.pos === 'ADV' || (after?.pos === 'ADJ' && after.term === '')) return [];
    }
    // "…, where you don't know the number of iterations": a relative or conditional clause describes a case.
    const opener = tokens.find((_, at) => clauses[at] === clause && tokens[at]?.kind === 'word');
    if (opener !== undefined && CASE_OPENERS.has(opener.normal)) return [];
    const before = tokens.filter((other, at) => at < negator && clauses[at] === clause && other.kind === 'word');
    // "does not help", "can't change": the verb relates the clause's things; "is not useless", "is not flagged":
    // the word after the copula is what is denied of the subject, and one without a term says nothing to compare.
    const relation = token.pos === 'VERB' && !before.some((other) => other.lemma === 'be');
    if (!relation && token.term === '') return [];
    const inClause = tokens.filter((_, at) => clauses[at] === clause && (at !== index || !relation));
    const terms = new Set(inClause.flatMap((other) => (other.term === '' ? [] : [other.term])));
    // "K-means doesn't give…" names its subject though neither word has a term.
    const named = before.some((other) => other.term !== '' || PERSONS.has(other.normal) || (other.pos !== 'ADJ' && NAMING_POS.has(other.pos)));
    const standsFor = before.every((other) => other.term === '' && !PERSONS.has(other.normal)) || before.some((other) => STANDING_FOR.has(other.normal));
    const beforeIndexes = tokens.flatMap((_, at) => (at < negator && clauses[at] === clause ? [at] : []));
    let subject = subjectWords(sentence, beforeIndexes);
    if (clause > 0 && !named && standsFor) {
      const opening = tokens.flatMap((_, at) => (clauses[at] === 0 ? [at] : []));
      const verb = opening.findIndex((at) => tokens[at]?.pos === 'VERB' || tokens[at]?.pos === 'AUX');
      const openingSubject = verb < 0 ? opening : opening.slice(0, verb);
      for (const at of openingSubject) {
        const term = tokens[at]?.term ?? '';
        if (term !== '') terms.add(term);
      }
      subject = subjectWords(sentence, openingSubject);
    }
    const antecedent = clause === 0 && subject.size === 0 && before.some((other) => STANDING_FOR.has(other.normal));
    const names = new Set(inClause.flatMap((other) => (other.identity.includes('=') ? [other.identity] : [])));
    const quantified = inClause.some((other) => other.pos === 'NUM' || other.kind === 'number');
    return [{ head: token, terms, names, quantified, ruledOut: false, subject, antecedent }];
  });
  return [...negated, ...ruledOutClaims(sentence)];
});

/**
 * "A rather than B", "A instead of B" after a verb: the claim the verb makes of B is denied ("boosting reduces variance
 * rather than bias": it does not reduce bias). Its terms are the subject's, the verb's and B's, not A's. Not in a clause
 * that negates anything (a double denial) or that describes a case, nor without a verb before it ("Instead of training
 * from scratch, you start from…" sets two actions side by side).
 */
function ruledOutClaims(sentence: SentenceInfo): DeniedClause[] {
  const { tokens } = sentence;
  const found: DeniedClause[] = [];
  if (!tokens.some((token) => token.normal === 'rather' || token.normal === 'instead')) return found;
  const clauses = clauseOf(sentence);
  for (const [at, token] of tokens.entries()) {
    const next = tokens[at + 1]?.normal;
    if (!((token.normal === 'rather' && next === 'than') || (token.normal === 'instead' && next === 'of'))) continue;
    const clause = clauses[at];
    const inClause = tokens.flatMap((other, index) => (clauses[index] === clause ? [index] : []));
    const opener = tokens[inClause.find((index) => tokens[index]?.kind === 'word') ?? -1];
    if ((opener !== undefined && CASE_OPENERS.has(opener.normal)) || inClause.some((index) => tokens[index]?.negated === true)) continue;
    // "mainly reduces bias rather than variance" weighs the two; it does not deny the second.
    if (inClause.some((index) => index < at && HEDGES.has(tokens[index]?.normal ?? ''))) continue;
    const verb = inClause.filter((index) => index < at && tokens[index]?.pos === 'VERB').at(-1);
    const head = tokens[verb ?? -1];
    if (verb === undefined || head === undefined || head.term === '') continue;
    const claimed = inClause.filter((index) => index < verb || index === verb || index > at + 1).map((index) => tokens[index] as TokenInfo);
    const alternative = inClause.filter((index) => index > at + 1 && tokens[index]?.term !== '');
    if (alternative.length === 0) continue;
    const terms = new Set(claimed.flatMap((other) => (other.term === '' ? [] : [other.term])));
    const names = new Set(claimed.flatMap((other) => (other.identity.includes('=') ? [other.identity] : [])));
    const subject = subjectWords(sentence, inClause.filter((index) => index < verb));
    const antecedent = clause === 0 && subject.size === 0 && inClause.some((index) => index < verb && STANDING_FOR.has(tokens[index]?.normal ?? ''));
    found.push({ head, terms, names, quantified: claimed.some((other) => other.pos === 'NUM' || other.kind === 'number'), ruledOut: true, subject, antecedent });
  }
  return found;
}

/**
 * The negation after the head is about a manner or degree word that has an opposite, not the head: "does
 * not train its models sequentially" says "in parallel" rather than denying the training.
 */
function qualifiesManner(tokens: readonly TokenInfo[], clauses: readonly number[], head: number): boolean {
  for (let next = head + 1; next < tokens.length && tokens[next]?.negated === true && clauses[next] === clauses[head]; next += 1) {
    const token = tokens[next];
    if (token && (token.pos === 'ADV' || token.pos === 'ADJ') && tokenContrasts(token).length > 0) return true;
  }
  return false;
}

/** The negation that opens a run of negated tokens at `runStart` denies a claim (see deniedHeads). */
function asserted(tokens: readonly TokenInfo[], clauses: readonly number[], runStart: number): boolean {
  let negator = runStart - 1;
  while (negator >= 0 && tokens[negator]?.kind === 'punctuation') negator -= 1;
  const word = tokens[negator];
  if (word === undefined) return true;
  if (!NEGATORS.has(word.normal)) return false;
  if (QUOTES.has(tokens[negator - 1]?.text ?? '') || QUOTES.has(tokens[negator + 1]?.text ?? '')) return false;
  if (word.normal === 'not' && ['NOUN', 'PROPN'].includes(tokens[negator - 1]?.pos ?? '')) return false;
  const clause = clauses[negator];
  const openerIndex = tokens.findIndex((_, index) => clauses[index] === clause);
  const opener = tokens[openerIndex];
  if (opener === undefined || !CONDITION_WORDS.has(opener.normal)) return true;
  return opener.normal === 'when' && DEFINING_VERBS.has(tokens[openerIndex - 1]?.normal ?? '');
}

/*
 * A claim runs to the first punctuation or the first word that starts another claim ("…, meaning you can
 * change them", "…, so once you create them"); "when", "where" and "that" carry a definition on
 * ("Overfitting occurs when a model learns…").
 */
const CLAIM_BREAKS: ReadonlySet<string> = new Set(['but', 'so', 'because', 'since', 'while', 'whereas', 'although', 'though']);

/** The claim each token belongs to, numbered from 0 (see CLAIM_BREAKS). */
function claimsOf(sentence: SentenceInfo): number[] {
  return runsBetween(sentence, (token) => CLAUSE_PUNCTUATION.has(token.text) || CLAIM_BREAKS.has(token.normal));
}

/** Advice quotes the same few reference statements again and again: their claims are memoised. */
const claimMemo = createLru<string, ReadonlySet<string>>(2_000);

/** Content terms of a statement's first claim ("Lists are mutable", of "…, meaning you can change them"). */
function claimTerms(statement: string): ReadonlySet<string> {
  const cached = claimMemo.get(statement);
  if (cached) return cached;
  const terms = new Set<string>();
  const [first] = analyzeText(statement);
  if (first) {
    const claims = claimsOf(first);
    for (const [index, token] of first.tokens.entries()) if (claims[index] === 0 && token.term !== '') terms.add(token.term);
  }
  claimMemo.set(statement, terms);
  return terms;
}

/**
 * Some claim of the answer makes the statement's first claim: it has all of its content terms (all but
 * one from four on), and negates none of its words. "Lists are mutable, tuples are immutable." makes
 * "Lists are mutable, meaning you can change them after creation"; "Tuples are the mutable one" does not,
 * nor does "Overfitting is when the model is too simple to fit the training data" make "Overfitting
 * occurs when a model learns the training data too well". Advice to add or complete a statement the
 * answer makes would ask for what it already says.
 */
export function makesClaim(statement: string, sentences: readonly SentenceInfo[]): boolean {
  const claim = claimTerms(statement);
  if (claim.size === 0) return false;
  const needed = claim.size <= 3 ? claim.size : claim.size - 1;
  return sentences.some((sentence) => {
    const claims = claimsOf(sentence);
    const byClaim = new Map<number, { terms: Set<string>; negated: boolean }>();
    for (const [index, token] of sentence.tokens.entries()) {
      const key = claims[index] ?? 0;
      const part = byClaim.get(key) ?? { terms: new Set<string>(), negated: false };
      if (token.term !== '') part.terms.add(token.term);
      if (token.negated) part.negated = true;
      byClaim.set(key, part);
    }
    return [...byClaim.values()].some(({ terms, negated }) => !negated && [...claim].filter((term) => terms.has(term)).length >= needed);
  });
}

/*
 * The plain claims of a sentence, for reading "the answer affirms what the reference denies". Twice a reading
 * of that direction term by term was removed after review (data/grader/README.md, rounds 10 and 11): a term said
 * without a negation is most often said as a condition, a contrast, someone else's belief or of another subject
 * ("If you resample before the split…", "rather than peeking…", "People misread it as…"). A predicate is read
 * only where it is asserted as the sentence's own claim: a sentence with any of those words holds none.
 */

/** Words of a condition, a contrast, a comparison, an exception or a hedge: the sentence claims nothing plainly. */
const UNASSERTED =
  /\b(?:if|unless|whether|once|assum\w*|suppos\w*|provided|given|whenever|rather|instead|unlike|whereas|while|otherwise|opposed|versus|vs|than|except|only|would|could|might|may|should|seems?|appears?|perhaps|maybe|sometimes|without)\b/i;
/** Words that say a claim is someone else's, or a named error: what the sentence names is not its claim. */
const ATTRIBUTED =
  /\b(?:think\w*|thought|believ\w*|claim\w*|myths?|misconceptions?|misread\w*|misinterpret\w*|mistak\w*|wrong\w*|incorrect\w*|tempt\w*|naive\w*|people|beginners|common\w*|says?|saying|said|call\w*|fallac\w*|confus\w*|mislead\w*|misunderst\w*|pitfalls?|traps?|avoid\w*|careful)\b/i;
/** "when" opens a condition, except after "is" in a definition ("Overfitting is when…"). */
const CONDITION_WHEN = /(?<!\b(?:is|are|was|were)\s)\bwhen\b/i;
/** Clauses opened by these are about another thing than the sentence's subject (a relative clause). */
const RELATIVE_OPENERS: ReadonlySet<string> = new Set(['which', 'that', 'who', 'whom', 'whose', 'where']);
/** Pronouns that stand for the subject of the sentence before: read through the sentence the answer's aligns with. */
const ANAPHORA: ReadonlySet<string> = new Set(['it', 'they', 'this', 'these', 'that', 'those']);
/** Parts of speech allowed between a copula and the adjective or noun it predicates ("is a distance metric", "is always symmetric"). */
const BETWEEN_COPULA_AND_HEAD: ReadonlySet<string> = new Set(['DET', 'ADV', 'ADJ', 'NOUN', 'PROPN', 'NUM']);

/** A plain claim of a clause: its head predicate, said with or without a negation, and who it is said of. */
export interface Predicate {
  /** Lemma of the predicate's head: a verb, or an adjective or noun after a copula ("symmetric", "distance"). */
  readonly head: string;
  readonly negated: boolean;
  /** The head follows a copula ("is symmetric") or is a passive participle ("is used"). */
  readonly copular: boolean;
  /** Content terms of the subject, before the predicate; empty when the subject is a pronoun or left out. */
  readonly subject: ReadonlySet<string>;
  /** The subject is "it", "they", "this"… or left out ("…, and does not satisfy…"): the sentence before says what. */
  readonly anaphoric: boolean;
  /** Content terms after the head in the clause ("feature scaling" of "need feature scaling"). */
  readonly rest: ReadonlySet<string>;
  /** The clause's words from its first auxiliary or verb to the head's noun phrase ("do not need", "is not a distance metric"). */
  readonly words: string;
}

/** The sentence's asserted predicates (see UNASSERTED, ATTRIBUTED); none for a question or a quotation. */
export const assertedPredicates: (sentence: SentenceInfo) => readonly Predicate[] = perSentence(readPredicates);

export const isNegation = (token: TokenInfo): boolean => NEGATORS.has(token.normal) || token.lemma === 'not' || token.normal === "n't";

function readPredicates(sentence: SentenceInfo): Predicate[] {
  const { text, tokens } = sentence;
  if (text.includes('?') || UNASSERTED.test(text) || ATTRIBUTED.test(text) || CONDITION_WHEN.test(text)) return [];
  if (tokens.some((token) => QUOTES.has(token.text))) return [];
  const clauses = clauseOf(sentence);
  const predicates: Predicate[] = [];
  const count = (clauses.at(-1) ?? 0) + 1;
  for (let clause = 0; clause < count; clause += 1) {
    const indices = tokens.flatMap((_, index) => (clauses[index] === clause ? [index] : []));
    const found = clausePredicate(tokens, indices);
    if (found) predicates.push(found);
  }
  return predicates;
}

/** The first predicate of a clause given by its token indices, if it is one of its own (not a relative clause). */
function clausePredicate(tokens: readonly TokenInfo[], indices: readonly number[]): Predicate | null {
  const words = indices.filter((index) => tokens[index]?.kind === 'word');
  const opener = tokens[words[0] ?? -1];
  if (opener === undefined || RELATIVE_OPENERS.has(opener.normal)) return null;
  // The predicate starts at the first auxiliary, verb or negation.
  const start = words.findIndex((index) => {
    const token = tokens[index];
    return token !== undefined && (token.pos === 'AUX' || token.pos === 'VERB' || isNegation(token));
  });
  if (start < 0) return null;
  const subjectTokens = words.slice(0, start).map((index) => tokens[index]).filter((token) => token !== undefined);
  const subject = new Set(subjectTokens.filter((token) => token.term !== '' && ['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(token.pos)).map((token) => token.term));
  const pronouns = subjectTokens.filter((token) => token.pos === 'PRON');
  // "you", "we", "one": a person, not the thing the reference is about.
  if (subject.size === 0 && pronouns.some((token) => !ANAPHORA.has(token.normal))) return null;
  let negated = false;
  let copula = false;
  for (let at = start; at < words.length; at += 1) {
    const index = words[at] ?? -1;
    const token = tokens[index];
    if (token === undefined) break;
    if (isNegation(token)) {
      negated = true;
      continue;
    }
    if (token.pos === 'AUX' || token.pos === 'PART') {
      if (token.lemma === 'be') copula = true;
      continue;
    }
    if (token.pos === 'VERB' && token.lemma !== 'be') return predicateAt(tokens, indices, words, start, at, { negated, copular: copula, subject });
    if (!copula || !BETWEEN_COPULA_AND_HEAD.has(token.pos)) return null;
    if (token.pos === 'ADJ' || token.pos === 'NOUN' || token.pos === 'PROPN') return predicateAt(tokens, indices, words, start, at, { negated, copular: true, subject });
  }
  return null;
}

function predicateAt(
  tokens: readonly TokenInfo[],
  indices: readonly number[],
  words: readonly number[],
  start: number,
  at: number,
  reading: { negated: boolean; copular: boolean; subject: ReadonlySet<string> },
): Predicate | null {
  const headIndex = words[at] ?? -1;
  const head = tokens[headIndex];
  if (head === undefined || head.lemma === '') return null;
  // A negation anywhere in the rest of the clause ("need no scaling", "is used at training time, not…") is not a plain affirmation.
  const after = indices.filter((index) => index > headIndex);
  if (!reading.negated && after.some((index) => isNegation(tokens[index] as TokenInfo))) return null;
  let end = at;
  while (['NOUN', 'PROPN'].includes(tokens[words[end + 1] ?? -1]?.pos ?? '') && (head.pos === 'NOUN' || head.pos === 'PROPN' || reading.copular)) end += 1;
  const phrase = words.slice(start, end + 1).map((index) => tokens[index]?.text ?? '');
  const rest = new Set(after.flatMap((index) => (tokens[index]?.term ? [tokens[index]?.term ?? ''] : [])).filter((term) => !reading.subject.has(term)));
  return {
    head: head.lemma,
    negated: reading.negated,
    copular: reading.copular,
    subject: reading.subject,
    anaphoric: reading.subject.size === 0,
    rest,
    words: phrase.join(' ').replace(/ n't\b/g, "n't").replace(/\bcan not\b/gi, 'cannot'),
  };
}
