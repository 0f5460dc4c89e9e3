import type { SentenceInfo, TokenInfo } from './nlp.js';
import { isCodeName, nameParts } from './name-parts.js';
import { ITEM_SEPARATORS, withoutMarkup } from './list-items.js';
import { isWord } from './terms.js';
import { termWeight } from './term-weights.js';
import { stemWord } from './wink.js';

/*
 * Questions that ask for an enumeration ("What are the main data types in Python…?", "What parameters does DBSCAN
 * require?", "Name the common activation functions"): a list of the right items answers them, thinly, where to
 * "What is dropout?" the same list is a keyword dump. Which items are right is read from the reference's own items
 * (`referenceItems`), not from its vocabulary: round 16 credited any rare word of the reference, and a dump of its
 * framing words ("crucial, entire, manipulation") or of its advantages given for the asked disadvantages passed.
 */

/**
 * Head nouns that name the members of a set, and only that: "What are K-means limitations?", "What are the types of…".
 * "methods", "techniques", "functions" or "models" also end the names of things ("What are kernel methods?"), so
 * they ask for a set only after a qualifier or as "What/which X … do/are…" (SET_NOUNS).
 */
const MEMBER_NOUNS =
  'types|kinds|sorts|ways|steps|stages|components|parameters|hyperparameters|assumptions|limitations|disadvantages|advantages|' +
  'drawbacks|benefits|applications|use cases|challenges|building blocks|alternatives|options|examples|categories|practices|' +
  'pros|cons|weaknesses|strengths|problems|skills|exceptions|considerations';
const SET_NOUNS = `${MEMBER_NOUNS}|methods|techniques|strategies|metrics|measures|libraries|packages|tools|frameworks|approaches|properties|models|functions`;

/** Words that make "What are the … X?" ask for members rather than a definition: "the main data types", "different ways". */
const SET_QUALIFIERS = '(?:main|common|different|various|key|core|essential|important|typical|major|basic|standard|popular|usual|most common|best)';

/** What follows a plural noun asked about with "what": "What hyperparameters are important…", "What models work well…". */
const AFTER_PLURAL = '(?:are|do|does|did|can|could|should|would|will|might|help|work|affect|exist|matter)';
/** Up to two words before the noun asked about, none a verb of the question ("What are…", "What happens…"). */
const MODIFIERS = '(?:(?!(?:are|is|were|was|do|does|did|happens|can)\\b)[\\w-]+\\s+){0,2}?';

const ENUMERATION_QUESTIONS: readonly RegExp[] = [
  /^(?:name|list|enumerate)\b/i,
  new RegExp(`^(?:what|which)\\s+(?:are|were)\\s+(?:the\\s+|some\\s+(?:of\\s+the\\s+)?)?${SET_QUALIFIERS}\\b`, 'i'),
  // "What are K-means limitations?", "What are the types of…"; not "What are kernel methods?" nor "What are support
  // vectors?", which ask what a thing is.
  new RegExp(`^(?:what|which)\\s+(?:are|were)\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,2}?(?:${MEMBER_NOUNS})\\b`, 'i'),
  // The noun asked about right after "what", with two modifiers at most, and a verb or preposition after it: "What
  // types of features can…", "What distance metrics are used…", "What feature selection methods do you know…". Not
  // "What uses less memory…" nor "What causes vanishing gradients…", whose "-s" word is the verb, nor "What are
  // universal functions in NumPy?".
  new RegExp(`^(?:what|which)\\s+${MODIFIERS}(?:${SET_NOUNS})\\s+(?:${AFTER_PLURAL}|of|for|in|to|with)\\b`, 'i'),
  new RegExp(`^(?:what|which)\\s+${MODIFIERS}[\\w-]+[^s\\W]s\\s+${AFTER_PLURAL}\\b`, 'i'),
];

/** The question asks for a set of things, by its words alone; the profile also needs items in the reference. */
export function asksForList(question: string): boolean {
  const opening = question.trim().replace(/^[^\w]+/, '');
  return ENUMERATION_QUESTIONS.some((pattern) => pattern.test(opening));
}

/*
 * A reference to "What are the disadvantages of…?" often names the advantages too ("Despite these limitations, SVMs
 * excel on…"): the two sides of a thing, whose items must not answer for each other.
 */
type Side = 'for' | 'against';
const SIDE_WORDS: ReadonlyMap<string, Side> = new Map([
  ...['advantage', 'advantages', 'benefit', 'benefits', 'pros', 'strength', 'strengths', 'upside', 'upsides'].map((word) => [word, 'for'] as const),
  ...['disadvantage', 'disadvantages', 'drawback', 'drawbacks', 'limitation', 'limitations', 'cons', 'weakness', 'weaknesses', 'downside', 'downsides', 'challenge', 'challenges', 'pitfall', 'pitfalls'].map(
    (word) => [word, 'against'] as const,
  ),
]);

function sideOf(tokens: readonly TokenInfo[]): Side | undefined {
  for (const token of tokens) {
    const side = SIDE_WORDS.get(token.normal);
    if (side) return side;
  }
  return undefined;
}

/** One thing the reference enumerates: the terms that name it, and whether it is named as absent ("No multicollinearity"). */
export interface ReferenceItem {
  readonly text: string;
  /** Terms of its name besides the question's ("integ"); an answer naming one names the item. */
  readonly terms: ReadonlySet<string>;
  /**
   * Lower-cased words of its name, the question's too: said as such ("linearity", not "linear"), or abbreviated
   * ("int" for "integers", "dict" for "dictionaries").
   */
  readonly words: readonly string[];
  readonly negated: boolean;
  /** Its terms the reference denies ("multicollinearity" of "No multicollinearity", "intuitive" of "…is not intuitive"). */
  readonly denied: ReadonlySet<string>;
  /** Every word of the sentence that names it, lower-cased and as lemma: an answer's quality word it does not say is another claim. */
  readonly said: readonly string[];
  /** Every word of the reference, lower-cased and as lemma: what an answer's item may be about. */
  readonly topics: ReadonlySet<string>;
  /** Words of its own part of the reference (its series piece, else its sentence), lower-cased and as lemma: what is said of it and of nothing else. */
  readonly own: ReadonlySet<string>;
  /** Initials of its name ("svm" of "support vector machines"), and of a name written in capitals inside a word ("tf" of "TensorFlow"). */
  readonly initials: ReadonlySet<string>;
  /** Its words written as acronyms ("gpu" of "GPUs", "relu" of "ReLU"): an answer may spell them out. */
  readonly acronyms: ReadonlySet<string>;
}

/** Words that refer to a set as a whole: a sentence with one frames or closes the list ("These parameters control…"). */
const FRAMING_WORDS: ReadonlySet<string> = new Set(['these', 'those', 'several', 'many', 'such', 'both', 'despite', 'although', 'overall', 'generally']);
/** Nouns that name a kind of member, singular or plural: no item's own name ("The sep parameter" is sep). */
const KIND_WORDS: ReadonlySet<string> = new Set(
  SET_NOUNS.split('|')
    // Compared with one token: "use cases" is its "cases".
    .map((noun) => noun.split(' ').at(-1) ?? noun)
    .flatMap((noun) => [noun, noun.replace(/(ss|x|ch|sh)es$/, '$1').replace(/ies$/, 'y').replace(/([^s])s$/, '$1')]),
);
/**
 * Words that judge rather than name ("It's useful for…", "…is fundamental", "the most popular"): said of the whole
 * set or of the question's thing, never an item's own name.
 */
const EVALUATIVE: ReadonlySet<string> = new Set(['useful', 'fundamental', 'important', 'crucial', 'essential', 'powerful', 'valuable', 'popular', 'excellent', 'helpful', 'good', 'great', 'best', 'key', 'main', 'common', 'practical']);
/** Openers of an item said in order ("First, …; second, …") that are not its name. */
const ORDINALS: ReadonlySet<string> = new Set(['first', 'second', 'third', 'fourth', 'fifth', 'finally', 'lastly', 'also', 'next', 'then', 'additionally', 'firstly', 'secondly']);
/** Words that end an item's name within its phrase: "integers for whole numbers", "lists to store collections". */
const NAME_ENDS: ReadonlySet<string> = new Set(['ADP', 'SCONJ', 'PART', 'VERB', 'AUX', 'PRON', 'ADV', 'DET']);
/** Words that open a series of items: "…include integers, floats…", "…such as", "…are bagging, boosting and stacking". */
const SERIES_OPENERS: ReadonlySet<string> = new Set(['include', 'includes', 'including', 'are', 'like', 'as', 'with', ':']);
const CONTINUING: ReadonlySet<string> = new Set(['this', 'that']);
/** Linking verbs: "Convergence is slow…" names the item by its subject and what is said of it. */
const LINKING: ReadonlySet<string> = new Set(['is', 'are', 'be', 'becomes', 'become', 'gets', 'get', 'can', 'may', 'might', 'tends']);
/** A series lists at least three things; a name is at most four words ("individual model complexity"). */
const MIN_SERIES = 3;
const MAX_NAME_WORDS = 4;
/** A name shared by more than this share of the items (and three at least) is their family ("np", "distance"), not one of them. */
const FAMILY_SHARE = 1 / 2;
const FAMILY_MIN = 3;

/**
 * A term most of the corpus's questions and answers use ("train", "data", "comput"): under this IDF (about one
 * document in six) it names no thing of its own.
 */
const GENERIC_IDF = 2;
const generic = (term: string): boolean => termWeight(term) < GENERIC_IDF;

const content = (token: TokenInfo): boolean => token.term !== '' && !token.stop;
const nameWords = (tokens: readonly TokenInfo[]): number => tokens.filter((token) => token.term !== '' || token.stop).length;

/** A sentence's words without its list marker and emphasis, ordinal openers and the commas after them. */
function bodyTokens(sentence: SentenceInfo): TokenInfo[] {
  const tokens = withoutMarkup(sentence);
  while (tokens[0] && (ORDINALS.has(tokens[0].normal) || tokens[0].text === ',')) tokens.shift();
  return tokens;
}

/** Pieces of tokens between separators, "and" and "or" included. */
function piecesOf(tokens: readonly TokenInfo[]): TokenInfo[][] {
  const pieces: TokenInfo[][] = [[]];
  for (const token of tokens) {
    if (ITEM_SEPARATORS.has(token.text) || token.pos === 'CCONJ') pieces.push([]);
    else pieces.at(-1)?.push(token);
  }
  return pieces.filter((piece) => piece.length > 0);
}

/** The name at the head of a phrase: its words up to the first that relates or acts ("floats for decimal numbers" → floats). */
function nameAt(tokens: readonly TokenInfo[]): TokenInfo[] {
  const name: TokenInfo[] = [];
  for (const token of tokens) {
    if (name.some(content) && NAME_ENDS.has(token.pos)) break;
    if (token.pos === 'PUNCT' && token.text !== '.' && token.text !== '-' && token.text !== '_') break;
    name.push(token);
  }
  return name;
}

interface Draft {
  /** The words that name the item. */
  readonly tokens: readonly TokenInfo[];
  readonly sentence: SentenceInfo;
  /** The sentence says it is not so ("It doesn't apply to boosting"), for an item named by what is said of it. */
  readonly denied?: boolean;
  /** Named by the question's own word ("Linearity means…"), which is then its name. */
  readonly byQuestionWord?: boolean;
  /** Its own part of a sentence naming several ("integers for whole numbers" of a series), where that is not the whole sentence. */
  readonly part?: readonly TokenInfo[];
}

/** Items of a series: three or more short names between commas or "and", after the opener that starts it. */
function seriesIn(tokens: readonly TokenInfo[], sentence: SentenceInfo): Draft[] {
  for (let index = 0; index < tokens.length; index += 1) {
    if (!SERIES_OPENERS.has(tokens[index]?.normal ?? '')) continue;
    const rest = tokens.slice(index + 1);
    // A series ends "…, and sets" or "…, or stacking"; "…, simple but loses information" states a trade-off.
    const joiners = rest.filter((token) => token.pos === 'CCONJ' || ITEM_SEPARATORS.has(token.text));
    if (!/^(?:and|or)$/.test(joiners.at(-1)?.normal ?? '')) continue;
    const names = piecesOf(rest)
      .map((piece) => ({ name: nameAt(piece), piece }))
      .filter(({ name }) => name.some(content) && nameWords(name) <= MAX_NAME_WORDS);
    if (names.length >= MIN_SERIES) return names.map(({ name, piece }) => ({ tokens: name, sentence, part: piece }));
  }
  return [];
}

/**
 * The item a sentence names when it states one thing of it: its label ("Homoscedasticity: …", "**Bagging:** …"),
 * its subject ("Epsilon defines the radius…", "In healthcare, it diagnoses…") with what a linking verb says of it
 * ("Convergence is slow…"), or, when its subject is the question's thing or a pronoun ("Random forests are less
 * interpretable…", "They require more memory…"), what it says of it.
 */
function statedItems(tokens: readonly TokenInfo[], sentence: SentenceInfo, questionTerms: ReadonlySet<string>): Draft[] {
  const colon = tokens.findIndex((token) => token.text === ':');
  if (colon > 0 && nameWords(tokens.slice(0, colon)) <= MAX_NAME_WORDS) {
    return colon < tokens.length - 1 ? [{ tokens: tokens.slice(0, colon), sentence }] : [];
  }
  // "In healthcare, it…", "For numerical features, splits…": the scene set before the comma names the item.
  const comma = tokens.findIndex((token) => token.text === ',');
  if (tokens[0]?.pos === 'ADP' && comma > 1 && comma <= MAX_NAME_WORDS + 1) return [{ tokens: tokens.slice(1, comma), sentence }];
  // A sentence opening with a verb instructs ("Try multiple values…"), unless the verb names the item: a gerund
  // ("Pooling (max or average) … downsample…") or the first of two ("Mean or median imputation replaces…").
  const [first, second] = tokens;
  const namingVerb = first?.pos === 'VERB' && (first.normal.endsWith('ing') || second?.pos === 'CCONJ');
  // "This makes SVMs slow…" goes on about the item before it.
  if (first?.pos === 'ADP' || first?.pos === 'SCONJ' || (first?.pos === 'VERB' && !namingVerb) || CONTINUING.has(first?.normal ?? '')) return [];
  const phrase = namingVerb && first ? [first, ...nameAt(tokens.slice(1))] : nameAt(tokens);
  const rest = tokens.slice(phrase.length);
  // A tagger reading a verb as a noun runs the subject on ("Euclidean distance measures straight-line distance"):
  // its first words name the item.
  const subject = nameWords(phrase) <= MAX_NAME_WORDS || phrase.some((token) => token.pos === 'CCONJ') ? phrase : phrase.slice(0, 2);
  const end = rest.findIndex((token) => token.pos === 'SCONJ' || token.pos === 'ADP' || token.text === ',' || token.text === ';' || token.text === '.');
  const span = end < 0 ? rest : rest.slice(0, end);
  const predicate = span.filter(content);
  const named = subject.filter((token) => content(token) && !questionTerms.has(token.term) && !KIND_WORDS.has(token.normal));
  if (named.length > 0) {
    // Two things as one subject are two items: "Statistics and probability enable…", "Matplotlib and Seaborn create…".
    const names = piecesOf(subject).filter((piece) => piece.some(content));
    if (names.length > 1) return names.map((name) => ({ tokens: name, sentence }));
    const linked = LINKING.has(rest[0]?.normal ?? '');
    return [{ tokens: linked ? [...subject, ...predicate] : subject, sentence, denied: linked && span.some((token) => token.negated || NEGATIONS.has(token.normal)) }];
  }
  // The subject is the question's own thing: "Linearity means…" (to "…of linear regression?") names it by that word.
  if (subject.some(content) && subject.every((token) => !content(token) || questionTerms.has(token.term)) && /^mean|^refer/.test(rest[0]?.normal ?? '')) {
    return [{ tokens: subject, sentence, byQuestionWord: true }];
  }
  // A pronoun or the question's thing as subject: the item is what the sentence says of it, up to its first clause
  // ("struggles with clusters of varying densities", "since one epsilon…" left out).
  const clause = rest.findIndex((token) => token.pos === 'SCONJ' || token.text === ',' || token.text === ';' || token.text === '.');
  const said = (clause < 0 ? rest : rest.slice(0, clause)).filter((token) => content(token) && !questionTerms.has(token.term));
  return said.length > 0 ? [{ tokens: said, sentence, denied: span.some((token) => token.negated || NEGATIONS.has(token.normal)) }] : [];
}

/**
 * The things a reference enumerates, in the part of it that answers the question: its list items' and labels' heads,
 * the names in its series ("integers, floats, strings and booleans"), and the subjects of its sentences that each
 * state one item ("Epsilon defines…", "Min_samples sets…"). A sentence about the set as a whole ("Several exceptions
 * frequently appear…", "Understanding these is crucial…", "DBSCAN requires two parameters") names none; nor does the
 * other side of the thing ("Despite these limitations, SVMs excel…" to a question on its limitations), nor a section
 * the question does not ask about (a CNN reference's "Why they suit images:" to a question on its building blocks).
 */
export function referenceItems(
  question: readonly SentenceInfo[],
  sentences: readonly { readonly sentence: SentenceInfo; readonly block: string | null }[],
  questionTerms: ReadonlySet<string>,
): readonly ReferenceItem[] {
  const questionTokens = question.flatMap((entry) => entry.tokens);
  const askedSide = sideOf(questionTokens);
  const questionWords = new Set(questionTokens.filter(content).map((token) => token.normal));
  // The kind the question asks for, in the plural: "These parameters…", "two parameters" speak of the set.
  const askedKinds = new Set(questionTokens.filter((token) => KIND_WORDS.has(token.normal) && token.normal.endsWith('s')).map((token) => token.normal));
  const drafts: { draft: Draft; section: string | null; side: Side | undefined }[] = [];
  const askedSections = new Set<string>();
  let section: string | null = null;
  // A reference in prose closes on what the items mean together ("The choice depends on…", "It's fundamental for
  // understanding data structure…"): its last sentence states no item of its own.
  const prose = sentences.length > MIN_SERIES && sentences.every((entry) => entry.block === null);
  const closing = prose ? sentences.at(-1)?.sentence : undefined;
  for (const { sentence, block } of sentences) {
    // A part led by a heading line ("**Building blocks:**", "**Why they suit images:**") is asked for when the
    // heading says what the question does; a line's own label ("A head: global average pooling…") names an item in it.
    const ownLabel = block !== null && sentence.text.replace(/^[*_`\s]+/, '').startsWith(block);
    if (!ownLabel) section = block;
    const heading = section === null ? [] : section.toLowerCase().split(/[^\w-]+/).filter((word) => word.length > 0);
    if (section !== null && heading.some((word) => questionWords.has(word))) askedSections.add(section);
    const tokens = bodyTokens(sentence);
    const side = sideOf(tokens) ?? (heading.map((word) => SIDE_WORDS.get(word)).find((found) => found !== undefined));
    const series = seriesIn(tokens, sentence);
    const framing = tokens.some((token) => FRAMING_WORDS.has(token.normal) || askedKinds.has(token.normal));
    const stated = series.length > 0 || framing || sentence === closing ? [] : statedItems(tokens, sentence, questionTerms);
    for (const draft of [...series, ...stated]) drafts.push({ draft, section, side });
  }
  // Only the parts whose heading names what the question asks, when any does.
  const kept = drafts.filter(
    ({ section, side }) => (askedSections.size === 0 || (section !== null && askedSections.has(section))) && (askedSide === undefined || side === undefined || side === askedSide),
  );
  const named = kept.map(({ draft }) => ({
    draft,
    terms: new Set(draft.tokens.filter((token) => content(token) && !questionTerms.has(token.term) && !KIND_WORDS.has(token.normal) && !EVALUATIVE.has(token.normal)).map((token) => token.term)),
  }));
  // A word most items share beside their own names their family ("np" of np.zeros and np.ones, "distance" of
  // Euclidean and Manhattan distance), not one of them; "epsilon", the whole name of one, is not.
  const counts = new Map<string, number>();
  for (const { terms } of named) for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const names = new Set(named.flatMap(({ terms }) => (terms.size === 1 ? [...terms] : [])));
  const family = (term: string): boolean => {
    const count = counts.get(term) ?? 0;
    return count >= FAMILY_MIN && count > FAMILY_SHARE * named.length && !names.has(term);
  };
  const topics = new Set(sentences.flatMap(({ sentence }) => sentence.tokens.filter(isWord).flatMap((token) => [token.normal, token.lemma.toLowerCase()])));
  return named.flatMap(({ draft, terms }) => {
    const own = new Set([...terms].filter((term) => !family(term)));
    const words = draft.tokens.filter((token) => content(token) && !family(token.term) && !KIND_WORDS.has(token.normal) && !EVALUATIVE.has(token.normal)).map((token) => token.normal);
    if (words.length === 0 || (own.size === 0 && draft.byQuestionWord !== true)) return [];
    // "Training", "data", "computation" alone as a subject ("Training is faster…") name no member of a set: words the
    // whole field uses, which any list on the topic says. "Training time" is one.
    if (draft.tokens.filter(isWord).length === 1 && own.size > 0 && [...own].every(generic)) return [];
    return [
      {
        text: draft.tokens.map((token) => token.text).join(' '),
        terms: own,
        words,
        negated: draft.denied === true || draft.tokens.some((token) => NEGATIONS.has(token.normal)),
        denied: deniedTerms(draft),
        said: draft.sentence.tokens.filter(isWord).flatMap((token) => [token.normal, token.lemma.toLowerCase()]),
        topics,
        own: new Set((draft.part ?? draft.sentence.tokens).filter(isWord).flatMap((token) => [token.normal, token.lemma.toLowerCase()])),
        initials: initialsOf(draft.tokens.filter((token) => content(token) && isWord(token))),
        acronyms: new Set(draft.tokens.flatMap((token) => acronymOf(token, false) ?? [])),
      },
    ];
  });
}

/** Terms of an item in the scope of a negation: those after a negating word in its name, or negated in its sentence. */
function deniedTerms(draft: Draft): ReadonlySet<string> {
  const negation = draft.tokens.findIndex((token) => NEGATIONS.has(token.normal));
  const denied = draft.tokens.filter((token, index) => token.term !== '' && (token.negated || (negation >= 0 && index > negation)));
  return new Set(denied.map((token) => token.term));
}

const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'non', 'never', 'without', "n't"]);
/**
 * Words of degree, which an item can carry without claiming another quality ("high memory", "more computation"),
 * unless the reference says the other degree ("low memory" for "Memory use is high").
 */
const HIGH_WORDS: ReadonlySet<string> = new Set(['high', 'higher', 'large', 'larger', 'more', 'big', 'bigger', 'many', 'much', 'very', 'severe', 'strong', 'significant', 'increase', 'increases', 'grows', 'grow']);
const LOW_WORDS: ReadonlySet<string> = new Set(['low', 'lower', 'small', 'smaller', 'less', 'fewer', 'little', 'few', 'decrease', 'decreases']);
/** A quality word matches a word of the sentence that opens with it or that it opens with, this long at least: "slow"/"slower", "quadratic"/"quadratically". */
const MIN_STEM = 4;
/** An abbreviation is a word's opening, of at least this many letters: "int", "str", "dict", "bool", "eps". */
const MIN_ABBREVIATION = 3;
const MAX_ABBREVIATION = 4;

/** One item of the answer's list: a piece between its commas, "and" or bullets. */
export interface AnswerItem {
  readonly tokens: readonly TokenInfo[];
}

/** The items of the answer's list sentences: their pieces that name something. */
export function answerItems(sentences: readonly SentenceInfo[]): readonly AnswerItem[] {
  return sentences.flatMap((sentence) =>
    piecesOf(bodyTokens(sentence))
      .filter((piece) => piece.some(content))
      .map((tokens) => ({ tokens })),
  );
}

/** Marks a name may hold besides its words: "np.zeros", "multi-core", "min_samples". */
const NAME_MARKS: ReadonlySet<string> = new Set(['.', '-', '_']);

/**
 * A sentence that only names things: two or more short names between commas or "and", none with a word that states
 * or relates ("Bagging reduces variance and boosting reduces bias.", "filenames with timestamps" say something of
 * them). The tagger reads list words as verbs ("compressed formats", "pooling"), so a verb ending in "-ed" or "-ing"
 * may be part of a name.
 */
export function namesOnly(sentence: SentenceInfo): boolean {
  const pieces = piecesOf(bodyTokens(sentence)).filter((piece) => piece.some(content));
  const states = (token: TokenInfo): boolean =>
    token.pos === 'AUX' || token.pos === 'PRON' || token.pos === 'ADP' || token.pos === 'SCONJ' || (token.pos === 'VERB' && !/(?:ing|ed)$/.test(token.normal));
  // Brackets, quotes and operators are code ("labels = ['cat', 'dog']"), not names.
  const notation = (token: TokenInfo): boolean => !isWord(token) && !NAME_MARKS.has(token.text);
  return pieces.length >= 2 && pieces.every((piece) => nameWords(piece) <= MAX_NAME_WORDS && !piece.some(states) && !piece.some(notation));
}

/**
 * The item names, without a negation, what the reference denies: "multicollinearity" among linear regression's
 * assumptions, for "No multicollinearity". Shorthand or a mistake; not an item named, nor one against the list.
 */
export function namesDenied(item: AnswerItem, reference: ReferenceItem): boolean {
  return !item.tokens.some((token) => NEGATIONS.has(token.normal)) && item.tokens.some((token) => content(token) && reference.denied.has(token.term));
}

const abbreviates = (word: string, full: string): boolean =>
  /^[a-z]+$/.test(word) && word.length >= MIN_ABBREVIATION && word.length <= MAX_ABBREVIATION && full.length > word.length + 1 && full.startsWith(word);

/** An acronym has at least two letters; a lower-case one ("np", "tf") at most three, longer lower-case words being words. */
const MIN_ACRONYM = 2;
const MAX_LOWER_ACRONYM = 3;
/** The capitals of a word written with two or more inside it: "NumPy" → "np", "TensorFlow" → "tf", "ReLU" → "rlu". */
const capitalsOf = (text: string): string | undefined => {
  const capitals = text.replace(/[^A-Z]/g, '');
  return capitals.length >= MIN_ACRONYM && /[a-z]/.test(text.replace(/s$/, '')) ? capitals.toLowerCase() : undefined;
};

/** What a name abbreviates to: the initials of its words ("support vector machines" → "svm"), and any word's inner capitals. */
function initialsOf(tokens: readonly TokenInfo[]): ReadonlySet<string> {
  const initials = new Set<string>();
  const letters = tokens.map((token) => token.normal.replace(/[^a-z]/g, '').charAt(0)).join('');
  if (letters.length >= MIN_ACRONYM) initials.add(letters);
  for (const token of tokens) {
    const capitals = capitalsOf(token.text);
    if (capitals !== undefined) initials.add(capitals);
  }
  return initials;
}

/**
 * What a word may abbreviate: an acronym in capitals ("PCA", "SVMs", "ReLU"), or, in an answer (`lowerCase`), a short
 * lower-case one ("np", "tf"); a reference's lower-case words are its words.
 */
function acronymOf(token: TokenInfo, lowerCase = true): string | undefined {
  const text = token.text;
  if (/^[A-Z]{2,}s?$/.test(text)) return text.replace(/s$/, '').toLowerCase();
  const capitals = capitalsOf(text);
  if (capitals !== undefined && /^[A-Z]/.test(text)) return capitals;
  return lowerCase && /^[a-z]+$/.test(text) && text.length >= MIN_ACRONYM && text.length <= MAX_LOWER_ACRONYM && !token.stop ? text : undefined;
}

/** Parts of one letter ("x" of "x_train", "d" of "conv2d") are variables and stubs, no word. */
const MIN_NAME_PART = 2;

/** The words of a name written as one ("min_samples", "MinPts", "max_depth"), when it has several. */
function partsOf(token: TokenInfo): readonly string[] {
  if (!isCodeName(token.text)) return [];
  const parts = nameParts(token.text).filter((part) => part.length >= MIN_NAME_PART);
  return parts.length > 1 || (parts.length === 1 && parts[0] !== token.normal) ? parts : [];
}

/**
 * What one of the answer's items does against one of the reference's: names it, says something against it (names it
 * negated or with a quality the reference does not give it, or glues its name to what the reference says of another
 * item), or neither.
 */
type Verdict = 'names' | 'against' | 'none';

function verdictOn(item: AnswerItem, reference: ReferenceItem, others: readonly ReferenceItem[], questionTerms: ReadonlySet<string>): Verdict {
  const verdict = readItem(item, reference, others);
  // Sharing only the question's words with an item that has a name of its own ("Minkowski distance" beside "Euclidean
  // distance" to "What distance metrics…?") is another member of the kind asked for, not a wrong claim about this one.
  const ownWords = reference.terms.size === 0 || item.tokens.some((token) => content(token) && !questionTerms.has(token.term) && sharesName(token, reference));
  return verdict === 'against' && !ownWords ? 'none' : verdict;
}

/** The word names the item: a term or word of its name, an abbreviation or acronym of it, or a name written as one word whose parts name it ("MinPts", "max_depth"). */
function sharesName(token: TokenInfo, reference: ReferenceItem): boolean {
  if (reference.terms.has(token.term) || reference.words.some((word) => word === token.normal || abbreviates(token.normal, word))) return true;
  const acronym = acronymOf(token);
  if (acronym !== undefined && reference.initials.has(acronym)) return true;
  return partsOf(token).some((part) => reference.terms.has(stemWord(part)) || reference.words.some((word) => word === part || abbreviates(part, word)));
}

function readItem(item: AnswerItem, reference: ReferenceItem, others: readonly ReferenceItem[]): Verdict {
  const words = item.tokens.filter(content);
  const names = (token: TokenInfo): boolean => sharesName(token, reference);
  const sharing = words.filter(names);
  // An acronym of the reference's spelled out ("graphics processing units" for "GPUs", "rectified linear unit" for "ReLU").
  const spelled = words.length >= MIN_ACRONYM && reference.acronyms.has(words.map((token) => token.normal.charAt(0)).join(''));
  if (sharing.length === 0) return spelled && !item.tokens.some((token) => NEGATIONS.has(token.normal)) ? 'names' : 'none';
  // A single word the whole field uses ("training", "data") names no member of a set.
  if (words.length === 1 && words[0] && generic(words[0].term)) return 'none';
  // The item is what its last word names: "cosine annealing" is annealing, "Manhattan project" a project, "Normal
  // distribution plots" plots, whatever word they share with "cosine similarity", "Manhattan distance" or
  // "Normalization". Its head names the reference's item or is a thing the reference speaks of ("distance", the
  // "errors" of "independent errors"); a quality said of a thing ("hard to interpret") is about the thing, and a
  // shared word that describes rather than names ("normally distributed residuals") says the item of its head.
  const named = nameAt(item.tokens).filter(content).at(-1);
  const head = named?.pos === 'ADJ' || named?.pos === 'ADV' ? words.at(-1) : named;
  const describes = sharing.some((token) => token.pos === 'ADV' || token.pos === 'VERB');
  const spoken = (token: TokenInfo, of: ReadonlySet<string>): boolean => of.has(token.normal) || of.has(token.lemma.toLowerCase());
  if (head && !describes && !names(head) && !spoken(head, reference.topics)) return 'none';
  // The item's name said as the reference says it, put before a word the reference says of another item only
  // ("Linearity errors", "Euclidean outliers", "NumPy DataFrames"): words of two items glued, not either. "Independent
  // errors" says a quality of errors; "Euclidean metric" names the kind asked for. The tagger reads a name in "-ing" as
  // a verb ("boosting averages"), so a verb naming the item by its term says the name too.
  const saysName = sharing.some((token) => reference.words.includes(token.normal) || (token.pos !== 'ADJ' && token.pos !== 'ADV' && reference.terms.has(token.term)));
  if (
    head &&
    !names(head) &&
    saysName &&
    !KIND_WORDS.has(head.normal) &&
    !spoken(head, reference.own) &&
    others.some((other) => other !== reference && spoken(head, other.own))
  ) {
    return 'against';
  }
  // Negated where the reference is not ("not convex"), or naming without its negation what the reference denies
  // ("multicollinearity" for "No multicollinearity"); "parameter selection" names "Parameter selection is not intuitive".
  const negated = item.tokens.some((token) => NEGATIONS.has(token.normal));
  if (negated && !reference.negated) return 'against';
  if (!negated && reference.negated && namesDenied(item, reference)) return 'against';
  // A quality the reference's sentence does not say ("fast training time" for "Training time grows quadratically…",
  // "stable convergence" for "Convergence is slow…"), or the other degree, makes it another claim.
  const said = (word: string): boolean =>
    reference.said.some((other) => other === word || (Math.min(word.length, other.length) >= MIN_STEM && (other.startsWith(word) || word.startsWith(other))));
  const degree = (words: readonly string[], high: boolean): boolean => words.some((word) => (high ? HIGH_WORDS : LOW_WORDS).has(word));
  // So does a verb or a name put before the head ("discard metadata" for "saving metadata", "uncompressed formats" for
  // "using compressed formats", "Random filenames" for "meaningful filenames").
  const qualifies = (token: TokenInfo, index: number): boolean =>
    token.pos === 'ADJ' || token.pos === 'ADV' || ((token.pos === 'VERB' || token.pos === 'PROPN') && token !== head && index < item.tokens.indexOf(head ?? token));
  for (const [index, token] of item.tokens.entries()) {
    const word = token.normal;
    if (HIGH_WORDS.has(word) || LOW_WORDS.has(word)) {
      if (degree(reference.said, !HIGH_WORDS.has(word))) return 'against';
    } else if (qualifies(token, index) && !NEGATIONS.has(word) && !names(token) && !said(word) && !said(token.lemma.toLowerCase())) {
      return 'against';
    }
  }
  return 'names';
}

/** What one of the answer's items does against the reference's list: the items it names, or whether it says something wrong of one. */
export interface ItemReading {
  readonly names: readonly ReferenceItem[];
  /** It names none, and says one negated, with a quality it lacks, or glued to another's words: a wrong item, not an unknown one. */
  readonly wrong: boolean;
}

/**
 * The reference items the answer's item names: it shares a term of its name, abbreviates one of its words or is an
 * acronym of it, is negated as the reference's is ("not convex" is not "convex"; "no multicollinearity" is), and
 * claims no quality the reference's sentence does not say ("stable convergence" is not "Convergence is slow on large
 * datasets").
 */
export function readAnswerItem(item: AnswerItem, reference: readonly ReferenceItem[], questionTerms: ReadonlySet<string>): ItemReading {
  const verdicts = reference.map((entry) => ({ entry, verdict: verdictOn(item, entry, reference, questionTerms) }));
  const names = verdicts.filter(({ verdict }) => verdict === 'names').map(({ entry }) => entry);
  return { names, wrong: names.length === 0 && verdicts.some(({ verdict }) => verdict === 'against') };
}
