import {
  CONDENSED_SECTION,
  EXAMPLE_SECTION,
  GENERIC_INTRO_PATTERNS,
  GENERIC_LABEL_LEMMAS,
  SKIPPED_SECTION,
  TEMPLATE_SECTION,
} from './cues.js';
import { asideTerms, sentenceSubject } from './clauses.js';
import { createLru } from './lru.js';
import { mapOrNone, NO_ITEMS, setOrNone } from './no-items.js';
import { markdownStatements, type MarkdownStatement } from './markdown.js';
import { exclusiveClaims } from './denial-agreement.js';
import { analyzeText, type SentenceInfo } from './nlp.js';
import { tokenContrasts } from './opposites.js';
import { termWeight } from './term-weights.js';
import { isTermList, shorten, verbCount, wordTokens } from './terms.js';

/** Analyses one line of text into sentences: `analyzeText`, or a memo of it shared with the caller. */
export type Analyse = (text: string) => readonly SentenceInfo[];

/** One wording of a key point. */
export interface PointWording {
  /**
   * Its salient terms with their weight: rarity across the reference's blocks, less for a term said only
   * in parentheses or named by the question (every on-topic answer uses those).
   */
  readonly terms: ReadonlyMap<string, number>;
  /** Terms the reference states under a negation ("tuples cannot be changed"). */
  readonly negatedTerms: ReadonlySet<string>;
  /** The verbs it limits with "only", with what "only" picks out (`exclusiveClaims`, denial-agreement.ts). */
  readonly exclusive: ReadonlyMap<string, ReadonlySet<string>>;
  /** Its words that have an opposite ("inside", "sequentially"; see opposites.ts), function words included, not negated. */
  readonly contrasts: ReadonlySet<string>;
  /**
   * Salient terms the statement says itself (not only through its block's label) that the question does
   * not name: what an answer has to share for the wording to count (see coverage.ts).
   */
  readonly core: ReadonlySet<string>;
  /**
   * Every term the statement says itself, not only the salient ones: the items a list in it names ("integers,
   * floats, strings and booleans"), which an answer listing them names too (technical-grader.ts, `itemsNamed`).
   */
  readonly said: ReadonlySet<string>;
  /**
   * The specific thing of a related-terms group the statement is about and the question does not name ("Elastic
   * Net"; see `TokenInfo.identity`), when it names one only: an answer not naming it does not make the point,
   * whatever it says of another member of the group ("Lasso…").
   */
  readonly names: ReadonlySet<string>;
  /** Every specific thing of a related-terms group it names, the question's too (see `TokenInfo.identity`). */
  readonly identities: ReadonlySet<string>;
  /** It states some term under a negation, salient or not: a denial may agree with it (coverage.ts, denied claims). */
  readonly negates: boolean;
  /** What it is about, and the terms it says only of another thing: see clauses.ts `sentenceSubject`, `asideTerms`. */
  readonly about: ReadonlySet<string>;
  readonly aside: ReadonlySet<string>;
}

export interface KeyPoint extends PointWording {
  /** A readable phrase shown to the candidate when the point is missed: no markdown, ≤ 120 characters. */
  readonly label: string;
  /**
   * Every statement of the point's block, the labelled one first. A point of a structured answer is a
   * block ("Bias": its definition, "high bias → underfitting", an example); an answer that states any of
   * them covers it. A point of plain prose has one wording.
   */
  readonly wordings: readonly PointWording[];
  /**
   * Terms of the block's subject label ("Simplify Model", "Get More Data") that the question does not
   * name; empty for prose and for generic labels. An answer naming the subject makes the point in part.
   */
  readonly subject: ReadonlySet<string>;
}

/** Up to this many terms stand for a statement; more would make paraphrases look like misses. */
const SALIENT_TERMS = 5;
const MAX_POINTS = 8;
const MIN_POINTS = 5;
const MAX_LABEL = 120;
/** Share of the candidate points kept: of prose sentences, and of the blocks of a structured answer. */
const SENTENCE_POINT_SHARE = 0.5;
const BLOCK_POINT_SHARE = 0.75;

/*
 * How much a block's role counts when points are ranked: the condensed ideal answer, definitions and
 * the key insight say what an answer must cover; worked examples and deep sub-items only illustrate it.
 */
const TEMPLATE_WEIGHT = 1.6;
const CONDENSED_WEIGHT = 1.5;
const EXAMPLE_WEIGHT = 0.85;
const DEEP_ITEM_WEIGHT = 0.8;
/*
 * Which terms stand for a statement: a core concept ("~overfit", see RELATED_TERMS) more than an equally
 * rare other word, a verb ("plot", "monitor") less than a noun.
 */
const RELATED_TERM_SALIENCE = 1.3;
const VERB_SALIENCE = 0.8;
/** Weight of a term said only in parentheses. */
const ASIDE_WEIGHT = 0.5;
/** Weight of a question term in a point, relative to its rarity. */
const GIVEN_TERM_WEIGHT = 0.4;

interface Statement {
  /** Readable wording, label-ready. */
  readonly label: string;
  /** Terms of the statement itself. */
  readonly own: ReadonlySet<string>;
  /** Specific things of related-terms groups it names (`specificNames`). */
  readonly names: ReadonlySet<string>;
  /** Own terms plus the subject terms of the block label it sits under ("Bias" for its bullets). */
  readonly terms: ReadonlySet<string>;
  readonly negatedTerms: ReadonlySet<string>;
  readonly exclusive: ReadonlyMap<string, ReadonlySet<string>>;
  readonly contrasts: ReadonlySet<string>;
  /** Terms used only as verbs: "plot", "monitor" say less about a point than its nouns. */
  readonly verbs: ReadonlySet<string>;
  /** Terms used only in parentheses: an aside weighs less than the claim. */
  readonly asides: ReadonlySet<string>;
  /**
   * A wording that never names the point: a block label read as a statement, a line with a formula cut
   * out ("Adds  to loss"), a verbless bullet.
   */
  readonly secondary: false | 'label' | 'math' | 'list';
  /** The line's own subject label ("L1 (Lasso)" of "L1 (Lasso): adds a penalty…"). */
  readonly itemLabel: string | null;
  readonly about: ReadonlySet<string>;
  readonly aside: ReadonlySet<string>;
}

/** The specific things of related-terms groups a sentence names ("~regularize=elasticnet" for "Elastic Net"). */
export function specificNames(sentence: SentenceInfo): ReadonlySet<string> {
  return new Set(sentence.tokens.filter((token) => token.term !== '' && token.identity !== token.term).map((token) => token.identity));
}

/**
 * The one specific thing a wording is about beyond the question's ("Elastic Net…"); none when it lists several
 * ("Regularization: L1 (Lasso), L2 (Ridge), ElasticNet, Dropout" is about regularization, which "a penalty for
 * large weights" makes).
 */
function pointNames(names: ReadonlySet<string>, questionNames: ReadonlySet<string>): ReadonlySet<string> {
  const own = [...names].filter((name) => !questionNames.has(name));
  return new Set(own.length === 1 ? own : []);
}

interface Group {
  readonly statements: Statement[];
  readonly weight: number;
  readonly index: number;
  /** The block's label when it names a subject, for labels that sum the block up. */
  readonly subject: string | null;
  readonly example: boolean;
}

/**
 * A run of terms, judged as in answers (an answer's term lists never count, so a point made of one could
 * not be covered), except that an arrow is a verb: "High bias → underfitting (model too simple)".
 */
function isReferenceTermList(sentence: SentenceInfo): boolean {
  return isTermList(sentence) && !sentence.tokens.some((token) => ARROW_TOKENS.has(token.text));
}

const ARROW_TOKENS: ReadonlySet<string> = new Set(['→', '⟶', '->', '=>', '⇒', '←', '⟵', '<-']);

/** Statements only: diagrams, tables of numbers and questions are not points to cover. */
function isStatement(sentence: SentenceInfo): boolean {
  if (sentence.text.includes('?')) return false;
  const meaningful = sentence.tokens.filter((token) => token.kind !== 'punctuation');
  if (meaningful.length === 0) return false;
  const words = wordTokens(sentence).filter((token) => token.kind === 'word' && token.pos !== 'X');
  return words.length / meaningful.length >= 0.6;
}

/** Formulas and assignments ("Price = 100,000 + 50 × size", "K = N") are not prose. */
const FORMULA = /\s=\s|[=<>!]=|[×÷√∑Σ≈]/;
/**
 * "Train error: High, Test error: High": values under labels, not a statement. The first label needs only
 * its last character here (a longer one matches exactly when that does): a leading `{1,30}` made the
 * unanchored test backtrack thirty times at every position of every reference line.
 */
const LABELLED_VALUES = /[^:,;]:\s*[^:,;]{1,30}[,;][^:,;]{1,30}:/;
/** "L1 (Lasso): adds a penalty": a label of up to 40 characters, with balanced parentheses only. */
const INLINE_LABEL = /^([^:()]{1,40}(?:\([^():]*\)[^:()]*)?):\s+(\S.*)$/;
const ARROW = /\s*(?:→|⟶|->|=>|⇒|←|⟵|<-)\s*/g;

function isGenericIntro(text: string): boolean {
  return GENERIC_INTRO_PATTERNS.some((pattern) => pattern.test(text));
}

let genericLabelTerms: ReadonlySet<string> | null = null;

/** Matching keys of the generic label words, so that "Components" and "Best Practices" match too. */
function isGenericLabelTerm(term: string): boolean {
  genericLabelTerms ??= new Set(
    analyzeText([...GENERIC_LABEL_LEMMAS].join(' , '))
      .flatMap((sentence) => sentence.tokens.map((token) => token.term))
      .filter((term) => term !== ''),
  );
  return genericLabelTerms.has(term);
}

/** Labels recur across references ("Definition", "Example") and each is analysed on its own: memoised. */
const subjectMemo = createLru<string, ReadonlySet<string>>(2_000);

/** Content terms of a label that name a subject, not a kind of block ("Bias", not "Key Insight"). */
function subjectTerms(label: string): ReadonlySet<string> {
  const cached = subjectMemo.get(label);
  if (cached) return cached;
  const terms = new Set<string>();
  // Lower-cased: title case makes every word a proper noun, which wink neither lemmatises nor tags well.
  for (const sentence of analyzeText(label.replace(/\([^)]*\)/g, ' ').toLowerCase())) {
    for (const token of sentence.tokens) {
      if (token.term !== '' && !GENERIC_LABEL_LEMMAS.has(token.lemma) && !isGenericLabelTerm(token.term)) terms.add(token.term);
    }
  }
  subjectMemo.set(label, terms);
  return terms;
}

function lowerFirst(text: string): string {
  // "Error from…" → "error from…", but not "ML", "L1" or "K-Fold".
  // "Random Forest…" keeps its capitals: a capitalised second word marks a name.
  return /^[A-Z][a-z]*\s+[a-z(]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A label without markdown leftovers, arrows, wrapping quotes or a generic "Problem:" prefix. */
function readable(text: string): { text: string; subjectLabel: boolean } {
  let result = text
    .replace(ARROW, ' — ')
    .replace(/^[\s—-]+/, '')
    .replace(/\s+—\s+—\s+/g, ' — ')
    .replace(/^["“”']+|["“”']+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  let subjectLabel = false;
  const inline = INLINE_LABEL.exec(result);
  if (inline?.[1] !== undefined && inline[2] !== undefined) {
    if (subjectTerms(inline[1]).size === 0) result = upperFirst(inline[2]);
    else subjectLabel = true;
  }
  return { text: result.replace(/[\s:;,]+$/, ''), subjectLabel };
}

interface StatementTerms {
  readonly terms: Set<string>;
  readonly negated: Set<string>;
  /** Terms used only as verbs. */
  readonly verbs: Set<string>;
  /** Terms used only inside parentheses: asides, examples ("(images: rotation, flipping)"). */
  readonly asides: Set<string>;
  readonly contrasts: Set<string>;
}

function termsOf(sentence: SentenceInfo): StatementTerms {
  const terms = new Set<string>();
  const negated = new Set<string>();
  const notVerbs = new Set<string>();
  const verbs = new Set<string>();
  const outside = new Set<string>();
  const asides = new Set<string>();
  const contrasts = new Set<string>();
  let depth = 0;
  for (const token of sentence.tokens) {
    if (token.text === '(') depth += 1;
    else if (token.text === ')') depth = Math.max(0, depth - 1);
    if (!token.negated) for (const form of tokenContrasts(token)) contrasts.add(form);
    if (token.term === '') continue;
    terms.add(token.term);
    if (token.negated) negated.add(token.term);
    (token.pos === 'VERB' ? verbs : notVerbs).add(token.term);
    (depth > 0 ? asides : outside).add(token.term);
  }
  for (const term of notVerbs) verbs.delete(term);
  for (const term of outside) asides.delete(term);
  return { terms, negated, verbs, asides, contrasts };
}

/** The block a line belongs to decides whether it can be a point, how strong, and what it is about. */
interface Placement {
  readonly skip: boolean;
  readonly weight: number;
  /**
   * Lines of one block form one point: the innermost labelled block, or the whole worked example
   * ("Concrete Example" with its high-bias, high-variance and balanced models). Prose outside blocks and
   * template sentences stand alone (null).
   */
  readonly block: string | null;
  /** Labels inside the block (sub-blocks of an example): their text is a wording of the point too. */
  readonly innerLabels: readonly string[];
  /** The label of the innermost block, which gives the line its subject ("Bias"). */
  readonly subject: string | null;
  /** The label that opens the block ("Regularization", "Concrete Example"). */
  readonly blockLabel: string;
  readonly example: boolean;
}

/** Levels from which a label only labels lines inside its parent's block (see markdown.ts). */
const NESTED_LABEL_LEVEL = 8;

function placementOf(line: MarkdownStatement, isSubject: (label: string) => boolean): Placement {
  const { sections, levels } = line;
  if (sections.some((label) => SKIPPED_SECTION.test(label))) {
    return { skip: true, weight: 0, block: null, innerLabels: [], subject: null, blockLabel: '', example: false };
  }
  const innermost = sections.at(-1) ?? null;
  const template = sections.some((label) => TEMPLATE_SECTION.test(label));
  const condensed = innermost !== null && CONDENSED_SECTION.test(innermost);
  const exampleAt = sections.findIndex((label) => EXAMPLE_SECTION.test(label));
  let weight = template ? TEMPLATE_WEIGHT : condensed ? CONDENSED_WEIGHT : exampleAt >= 0 ? EXAMPLE_WEIGHT : 1;
  if (line.kind === 'item' && line.depth >= 2) weight *= DEEP_ITEM_WEIGHT;
  // "Answer" is the root of a notebook answer, not a block.
  const rooted = innermost === null || /^answer$/i.test(innermost);
  // A block ends at a worked example (its sub-blocks are parts of one example) or where a list or plain
  // label nests under a subject ("Simplify Model" › "Decrease model complexity:" is still simplifying).
  let blockEnd = exampleAt >= 0 ? exampleAt + 1 : sections.length;
  for (let i = 1; i < blockEnd; i += 1) {
    const parent = sections[i - 1] ?? '';
    if ((levels[i] ?? 0) >= NESTED_LABEL_LEVEL && !/^answer$/i.test(parent) && isSubject(parent)) {
      blockEnd = i;
      break;
    }
  }
  return {
    skip: false,
    weight,
    block: template || rooted ? null : sections.slice(0, blockEnd).join(' › '),
    innerLabels: template || rooted || exampleAt < 0 ? [] : sections.slice(exampleAt + 1),
    subject: rooted ? null : innermost,
    blockLabel: sections[blockEnd - 1] ?? '',
    example: exampleAt >= 0,
  };
}

/**
 * `kindLabel` is a label that names the kind of its block rather than a subject ("When to use it",
 * "Example"): a line that goes on from it in lower case ("large fully connected layers…") keeps it in its
 * wording, or the point reads as a fragment.
 */
function statementsOf(
  line: MarkdownStatement,
  subject: ReadonlySet<string>,
  subjectLabel: string | null,
  analyse: Analyse,
  kindLabel: string | null = null,
): Statement[] {
  if (FORMULA.test(line.text) || LABELLED_VALUES.test(line.text)) return [];
  const statements: Statement[] = [];
  // "Problem: Ignores location…", "Example: Using…": the label names the kind of line, not its content.
  const inlineLabel = INLINE_LABEL.exec(line.text);
  const text = inlineLabel?.[1] !== undefined && inlineLabel[2] !== undefined && subjectTerms(inlineLabel[1]).size === 0 ? inlineLabel[2] : line.text;
  for (const [index, sentence] of analyse(text).entries()) {
    if (!isStatement(sentence) || isGenericIntro(sentence.text)) continue;
    // A term list states nothing; a verbless bullet of a block ("Data augmentation (images: rotation,
    // flipping)") still says what the block is about, as a wording that never names the point.
    const listLike = isReferenceTermList(sentence) || wordTokens(sentence).length < 3;
    if (listLike && line.kind !== 'item') continue;
    const { terms: own, negated, verbs, asides, contrasts } = termsOf(sentence);
    if (own.size < 2) continue;
    const inline = INLINE_LABEL.exec(sentence.text);
    // "Gap: Small", "Classification: Majority vote": a value under a label, not a statement.
    if (inline?.[2] !== undefined && inline[2].split(/\s+/).length < 3 && verbCount(sentence) === 0) continue;
    const { text: wording, subjectLabel: hasOwnLabel } = readable(sentence.text);
    const namesSubject = subject.size > 0 && [...subject].every((term) => own.has(term));
    const continuesLabel = kindLabel !== null && index === 0 && !hasOwnLabel && /^\p{Ll}/u.test(wording);
    const label =
      subjectLabel !== null && !namesSubject && !hasOwnLabel
        ? `${subjectLabel}: ${lowerFirst(wording)}`
        : continuesLabel
          ? `${kindLabel}: ${wording}`
          : wording;
    statements.push({
      label: shorten(label, MAX_LABEL),
      own,
      names: specificNames(sentence),
      terms: new Set([...own, ...subject]),
      negatedTerms: negated,
      exclusive: exclusiveClaims(sentence),
      contrasts,
      verbs,
      // Wording with a formula cut out ("Adds  to loss") still matches, but reads badly.
      secondary: line.hadMath ? 'math' : listLike ? 'list' : false,
      asides,
      itemLabel: hasOwnLabel ? (INLINE_LABEL.exec(wording)?.[1] ?? null) : null,
      about: sentenceSubject(sentence),
      aside: asideTerms(sentence),
    });
  }
  return statements;
}

interface Subject {
  readonly terms: ReadonlySet<string>;
  /** The label as a prefix for its lines' wording: without asides, and only when it names a subject. */
  readonly prefix: string | null;
}

/** Blocks of the reference answers, each a candidate point, in document order. */
function referenceGroups(answers: readonly string[], analyse: Analyse): Group[] {
  const groups: Group[] = [];
  const byBlock = new Map<string, Group>();
  const subjects = new Map<string, Subject>();
  const subjectOf = (label: string): Subject => {
    let subject = subjects.get(label);
    if (!subject) {
      const terms = subjectTerms(label);
      const prefix = label.replace(/\s*\([^)]*\)/g, '').trim();
      subject = { terms, prefix: terms.size > 0 && prefix.length <= 40 ? prefix : null };
      subjects.set(label, subject);
    }
    return subject;
  };
  const labelWordings = new Set<string>();
  // Long statements said twice (the template restating a bullet, two related answers) count once.
  const seen: ReadonlySet<string>[] = [];
  const isRepeat = (statement: Statement): boolean => {
    if (statement.own.size < 3) return false;
    if (seen.some((terms) => overlap(terms, statement.own) >= 0.8)) return true;
    seen.push(statement.own);
    return false;
  };

  answers.forEach((answer, answerIndex) => {
    for (const line of markdownStatements(answer)) {
      const placement = placementOf(line, (label) => subjectOf(label).terms.size > 0);
      if (placement.skip) continue;
      const subject = placement.subject === null ? null : subjectOf(placement.subject);
      const key = placement.block === null ? null : `${answerIndex}:${placement.block}`;
      const statements: Statement[] = [];
      for (const label of placement.innerLabels) {
        // "High Bias Model (Linear regression with only 1 feature)" says what the example's lines show;
        // its parenthesis is the example itself, not an aside.
        const wordingKey = `${key ?? ''}#${label}`;
        if (labelWordings.has(wordingKey)) continue;
        labelWordings.add(wordingKey);
        const fromLabel = statementsOf({ ...line, text: label, hadMath: false }, new Set(), null, analyse);
        statements.push(...fromLabel.map((statement) => ({ ...statement, secondary: 'label' as const, asides: new Set<string>() })));
      }
      const kindLabel = placement.subject !== null && subject?.prefix === null ? placement.subject : null;
      statements.push(...statementsOf(line, subject?.terms ?? new Set(), subject?.prefix ?? null, analyse, kindLabel));
      for (const statement of statements) {
        if (isRepeat(statement)) continue;
        const existing = key === null ? undefined : byBlock.get(key);
        if (existing) {
          existing.statements.push(statement);
          continue;
        }
        const group: Group = {
          statements: [statement],
          weight: placement.weight,
          index: groups.length,
          subject: placement.block === null ? null : (subjectOf(placement.blockLabel).prefix ?? null),
          example: placement.example,
        };
        groups.push(group);
        if (key !== null) byBlock.set(key, group);
      }
    }
  });
  return groups;
}

/**
 * The statement that names the point: its block's first line, a block label only when nothing else is
 * left. A worked example is named by its line that comes back to the question ("→ Optimize precision
 * (be very sure before marking as spam)") rather than by its first detail.
 */
function leadOf(group: Group, questionTerms: ReadonlySet<string>): Statement | undefined {
  const primary = group.statements.filter((statement) => !statement.secondary);
  const concluding = group.example ? primary.find((statement) => [...statement.own].some((term) => questionTerms.has(term))) : undefined;
  return concluding ?? primary[0] ?? group.statements[0];
}

/**
 * A block whose lines each describe their own subject ("Regularization" with "L1 (Lasso): …",
 * "L2 (Ridge): …", "Dropout: …") is named by its subject and theirs: any one line would misname it.
 */
function labelOf(group: Group, lead: Statement | undefined): string {
  const fallback = lead?.label ?? '';
  if (group.subject === null || group.example) return fallback;
  const labels = [...new Set(group.statements.map((statement) => statement.itemLabel))];
  if (labels.length < 2 || labels.some((label) => label === null)) return fallback;
  return shorten(`${group.subject}: ${labels.join(', ')}`, MAX_LABEL);
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared / Math.max(1, Math.min(a.size, b.size));
}

/**
 * Ranks the reference's blocks and keeps the top five to eight distinct ones. A block of a structured
 * answer (a bullet list under "Bias:") is one point; each sentence of plain prose or of the answer
 * template is one. A term's weight is its inverse block frequency times a damped count, so a term that
 * every block repeats ("model", the question's own subject) counts less than the distinctive claim of
 * one block, while a concept the reference keeps returning to still counts. Blocks sharing a term with
 * the question get a small boost (they tend to be the definition), and so do the condensed parts of a
 * structured answer (template, definitions, key insight).
 */
export function extractKeyPoints(
  answers: readonly string[],
  questionTerms: ReadonlySet<string>,
  analyse: Analyse = analyzeText,
  questionNames: ReadonlySet<string> = new Set(),
): KeyPoint[] {
  // A block whose every line lost a formula has nothing readable to name it by.
  const groups = referenceGroups(answers, analyse).filter((group) => group.statements.some((statement) => statement.secondary !== 'math'));
  if (groups.length === 0) return [];
  const groupTerms = groups.map((group) => new Set(group.statements.flatMap((statement) => [...statement.terms])));
  const documentFrequency = new Map<string, number>();
  for (const terms of groupTerms) for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const rarity = (term: string): number => Math.log(1 + groups.length / (documentFrequency.get(term) ?? 1));
  const importance = (term: string): number => rarity(term) * (1 + Math.log(documentFrequency.get(term) ?? 1));

  const statementScore = (statement: Statement): number => {
    let score = 0;
    let touchesQuestion = false;
    for (const term of statement.terms) {
      score += importance(term);
      if (questionTerms.has(term)) touchesQuestion = true;
    }
    score /= Math.sqrt(statement.terms.size);
    return touchesQuestion ? score * 1.25 : score;
  };

  const ranked = groups
    .map((group) => ({ group, score: Math.max(...group.statements.map(statementScore)) * group.weight }))
    .sort((a, b) => b.score - a.score || a.group.index - b.group.index);

  // Blocks are condensed already, so more of them are points than of prose sentences.
  const share = groups.some((group) => group.statements.length > 1) ? BLOCK_POINT_SHARE : SENTENCE_POINT_SHARE;
  const wanted = groups.length <= MIN_POINTS ? groups.length : Math.min(MAX_POINTS, Math.max(MIN_POINTS, Math.round(groups.length * share)));
  const ownTerms = (group: Group): Set<string> => new Set(group.statements.flatMap((statement) => [...statement.own]));
  const chosen: (typeof ranked)[number][] = [];
  const chosenTerms: Set<string>[] = [];
  for (const candidate of ranked) {
    if (chosen.length >= wanted) break;
    const terms = ownTerms(candidate.group);
    if (chosenTerms.some((kept) => overlap(kept, terms) >= 0.7)) continue;
    chosen.push(candidate);
    chosenTerms.push(terms);
  }

  const wordingOf = (statement: Statement): PointWording => {
    const aside = (term: string): number => (statement.asides.has(term) ? ASIDE_WEIGHT : 1);
    const salience = (term: string): number =>
      importance(term) * aside(term) * (term.startsWith('~') ? RELATED_TERM_SALIENCE : statement.verbs.has(term) ? VERB_SALIENCE : 1);
    const salient = [...statement.terms]
      .map((term): [string, number, number] => [term, rarity(term) * aside(term), salience(term)])
      // Stable sort: among equally salient terms the earlier one (usually the subject or the claim) wins.
      .sort((a, b) => b[2] - a[2])
      .slice(0, SALIENT_TERMS)
      // Every answer names the question's own subject: what a point adds is in its other terms.
      .map(([term, weight]): [string, number] => [term, questionTerms.has(term) ? weight * GIVEN_TERM_WEIGHT : weight]);
    return {
      terms: new Map(salient),
      negatedTerms: setOrNone(new Set([...statement.negatedTerms].filter((term) => salient.some(([name]) => name === term)))),
      exclusive: mapOrNone(statement.exclusive),
      contrasts: setOrNone(statement.contrasts),
      core: new Set(salient.map(([term]) => term).filter((term) => statement.own.has(term) && !questionTerms.has(term))),
      said: statement.own,
      names: setOrNone(pointNames(statement.names, questionNames)),
      identities: statement.names,
      negates: statement.negatedTerms.size > 0,
      about: statement.about,
      aside: statement.aside,
    };
  };

  return chosen
    .sort((a, b) => a.group.index - b.group.index)
    .map(({ group }) => {
      const lead = leadOf(group, questionTerms);
      const wordings = [...(lead ? [lead] : []), ...group.statements.filter((statement) => statement !== lead)].map(wordingOf);
      const [first] = wordings;
      return {
        label: labelOf(group, lead),
        terms: first?.terms ?? new Map(),
        negatedTerms: first?.negatedTerms ?? new Set(),
        exclusive: first?.exclusive ?? new Map(),
        contrasts: first?.contrasts ?? new Set(),
        core: first?.core ?? new Set(),
        said: first?.said ?? new Set(),
        names: first?.names ?? new Set(),
        identities: first?.identities ?? new Set(),
        negates: first?.negates ?? false,
        about: first?.about ?? new Set(),
        aside: first?.aside ?? new Set(),
        wordings,
        subject: setOrNone(new Set([...(group.subject === null ? [] : subjectTerms(group.subject))].filter((term) => !questionTerms.has(term)))),
      };
    });
}

/**
 * Key points of a reference too short for ranking to find any ("At the main function.", "Abstraction and
 * reusability."): each of its sentences with a content term is a point, its terms weighted by their
 * rarity in the corpus. Without this a one-line reference has nothing to cover and every answer to it
 * looks off-topic.
 */
export function fallbackKeyPoints(sentences: readonly SentenceInfo[], questionTerms: ReadonlySet<string>, questionNames: ReadonlySet<string> = new Set()): KeyPoint[] {
  const points: KeyPoint[] = [];
  for (const sentence of sentences) {
    if (points.length >= MAX_POINTS) break;
    const { terms, negated, contrasts } = termsOf(sentence);
    if (terms.size === 0) continue;
    const salient = [...terms]
      .map((term): [string, number] => [term, termWeight(term) * (questionTerms.has(term) ? GIVEN_TERM_WEIGHT : 1)])
      .sort((a, b) => b[1] - a[1])
      .slice(0, SALIENT_TERMS);
    const wording: PointWording = {
      terms: new Map(salient),
      negatedTerms: setOrNone(new Set([...negated].filter((term) => salient.some(([name]) => name === term)))),
      exclusive: mapOrNone(exclusiveClaims(sentence)),
      contrasts: setOrNone(contrasts),
      core: new Set(salient.map(([term]) => term).filter((term) => !questionTerms.has(term))),
      said: terms,
      names: setOrNone(pointNames(specificNames(sentence), questionNames)),
      identities: specificNames(sentence),
      negates: negated.size > 0,
      about: sentenceSubject(sentence),
      aside: asideTerms(sentence),
    };
    points.push({ label: shorten(readable(sentence.text).text, MAX_LABEL), ...wording, wordings: [wording], subject: NO_ITEMS });
  }
  return points;
}
