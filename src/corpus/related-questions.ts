import stem from 'wink-eng-lite-web-model/dist/porter-stemmer.js';
import type { QuestionRecord } from '../contracts/question-schema.js';
import { sourceTitleOf } from '../contracts/curation.js';

/*
 * Which technical questions of the corpus a pasted question is about. Each technical record is scored
 * in memory (a few hundred records: well under a millisecond) by two TF-IDF cosines with the pasted
 * text, one with the record's question and one with its model answer, averaged. Question words say
 * what is asked; answer words catch a question asked in other words ("switching off neurons" against
 * dropout). Term weights come from the whole technical corpus, so words every ML answer uses
 * ("model", "data", "learning") count little. The threshold that makes a record "clearly related" is
 * measured, not guessed: `npm run measure:related`, method and figures in the corpus README.
 */

/**
 * A candidate must score at least this to lend its answer: the lowest threshold at which at least 90%
 * of the answers lent belong to a clearly related question, as measured by `npm run measure:related`.
 */
export const RELATED_THRESHOLD = 0.4;
/** At most this many related answers are lent to one pasted question. */
export const RELATED_LIMIT = 3;

const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both
  but by can could did do does doing down during each either few for from further had has have having he her here
  him his how i if in into is it its itself just me more most my no nor not of off on once only or other our out over
  own same she should so some such than that the their them then there these they this those through to too under
  until up very was we were what when where which while who whom why will with would you your yours`
    .concat(
      // The frame of an interview question, not its subject: "what are the limitations of…", "how do you choose…".
      ` explain describe define tell give discuss walk list name compare contrast difference differences different
  versus vs mean means meaning work works working use used using uses example examples way ways thing things
  important importance purpose role know main key concept concepts common usually typically often well please
  briefly simple terms detail detailed question answer interview step limitation limitations disadvantage
  disadvantages advantage advantages choose choosing choice pick select interpret interpretation cost costs
  computational problem problems help helps handle handles affect affects improve create build make get need needs
  type types kind kinds apply applied application applications essential practice practical best good better
  approach approaches method methods technique techniques benefit benefits matter matters happen happens consider
  considerations decide`,
    )
    .split(/\s+/),
);

/** A word, or words joined by dashes ("trade-off", "bias–variance"): letters and digits with a dash between. */
const TOKEN = /[\p{L}\p{N}]+(?:[-\u2010\u2011\u2012\u2013\u2212][\p{L}\p{N}]+)*/gu;
/** Hyphen, non-breaking hyphen, figure dash, en dash and minus: what joins a compound when written without spaces. */
const DASH = /[-\u2010\u2011\u2012\u2013\u2212]/;

/** Stemming is the costly step and the corpus repeats its words: one stem per distinct word. */
const stems = new Map<string, string>();
const MAX_STEMS = 50_000;

function stemOf(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = stem(word);
    // Pasted text is unbounded; the corpus's own vocabulary (about 5,000 words) is far below the cap.
    if (stems.size < MAX_STEMS) stems.set(word, stemmed);
  }
  return stemmed;
}

/*
 * One concept, three spellings: "trade-off", "tradeoff" and "trade off" ("mini-batch", "minibatch", "mini
 * batch"). Split at the dash, "trade-off" left "trade" ("off" is a stop word) and never met "tradeoff", so a
 * pasted "What is the bias-variance trade-off?" borrowed nothing. The corpus says which compounds are words: a
 * dashed compound whose closed form the corpus writes becomes that word ("trade-off", "multi-class",
 * "pre-processing" → "tradeoff", "multiclass", "preprocessing"), and so does a spaced pair the corpus writes both
 * closed and dashed ("trade off"); a closed word the corpus only writes with a dash is split into its parts
 * ("minibatch", "finetune" → "mini batch", "fine tune"). Other dashed words keep their parts ("bias-variance" →
 * "bias", "variance"), so they still meet "bias and variance".
 */
export interface CompoundVocabulary {
  /** Stems of the closed words the texts use ("tradeoff", "multiclass", "preprocess"). */
  readonly closed: ReadonlySet<string>;
  /** A dashed compound of the texts, joined and stemmed ("minibatch") → its parts (["mini", "batch"]). */
  readonly dashed: ReadonlyMap<string, readonly string[]>;
  /** The same compounds joined as written ("tradeoffs"): a spaced pair is looked up here before it is stemmed. */
  readonly dashedJoined: ReadonlySet<string>;
}

const NO_COMPOUNDS: CompoundVocabulary = { closed: new Set(), dashed: new Map(), dashedJoined: new Set() };

const tokensOf = (text: string): string[] => text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];

/** The compounds a body of text writes closed and with a dash. */
export function learnCompounds(texts: Iterable<string>): CompoundVocabulary {
  const closed = new Set<string>();
  const dashed = new Map<string, readonly string[]>();
  const dashedJoined = new Set<string>();
  for (const text of texts) {
    for (const token of tokensOf(text)) {
      const parts = token.split(DASH);
      if (parts.length === 1) {
        closed.add(stemOf(token));
      } else {
        const joined = parts.join('');
        dashed.set(stemOf(joined), parts);
        dashedJoined.add(joined);
      }
    }
  }
  return { closed, dashed, dashedJoined };
}

/**
 * What a question asks about, for telling two questions of one frame apart: its subject terms. A dashed compound is
 * read as its parts, as the same words spaced ("cross-validation" is "cross validation"), but one with a one-letter
 * part as one word ("z-score" → "zscore", "k-means" → "kmeans"), so that the letter still names something.
 */
export function questionSubject(text: string): ReadonlySet<string> {
  const terms = new Set<string>();
  for (const token of tokensOf(text)) {
    const parts = token.split(DASH);
    const words = parts.some((part) => part.length === 1) ? [parts.join('')] : parts;
    for (const word of words) if (!STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word))) terms.add(stemOf(word));
  }
  return terms;
}

/**
 * Subject terms of a text: lower-cased words without stop and question-frame words, Porter-stemmed, with
 * compounds spelled as `compounds` says (without it, dashed words are split and closed ones kept).
 */
export function subjectTerms(text: string, compounds: CompoundVocabulary = NO_COMPOUNDS): string[] {
  const tokens = tokensOf(text);
  const terms: string[] = [];
  const add = (word: string): void => {
    if (!STOP_WORDS.has(word) && (word.length > 1 || /\d/.test(word))) terms.push(stemOf(word));
  };
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? '';
    const parts = token.split(DASH);
    if (parts.length > 1) {
      const joined = stemOf(parts.join(''));
      if (compounds.closed.has(joined)) terms.push(joined);
      else parts.forEach(add);
      continue;
    }
    const next = tokens[index + 1];
    if (next !== undefined && compounds.dashedJoined.has(token + next) && compounds.closed.has(stemOf(token + next))) {
      terms.push(stemOf(token + next));
      index += 1;
      continue;
    }
    const split = STOP_WORDS.has(token) || compounds.closed.has(stemOf(token)) ? undefined : compounds.dashed.get(stemOf(token));
    if (split) split.forEach(add);
    else add(token);
  }
  return terms;
}

type Vector = Map<string, number>;

function termFrequencies(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function dot(query: Vector, document: Vector): number {
  let sum = 0;
  for (const [term, weight] of query) sum += weight * (document.get(term) ?? 0);
  return sum;
}

export interface RelatedQuestion {
  record: QuestionRecord;
  /** The mean of the two similarities, 0..1: what the threshold applies to. */
  score: number;
  /** TF-IDF cosine between the pasted text and the record's question (with its source title). */
  questionSimilarity: number;
  /** TF-IDF cosine between the pasted text and the record's model answer, code left out. */
  answerSimilarity: number;
}

/** The text a record is asked by: its question, plus the bare title a source gave it, if any. */
function askedText(record: QuestionRecord): string {
  const title = sourceTitleOf(record);
  return title === undefined ? record.text : `${record.text}\n${title}`;
}

const answerText = (record: QuestionRecord): string => (record.answers[0] ?? '').replace(/```[\s\S]*?```/g, ' ');

/**
 * Scores technical records with a model answer against pasted question texts. Behavioural records are
 * never candidates: their answers are someone's story, not reference material for another question.
 */
export function createRelatedIndex(records: readonly QuestionRecord[]) {
  const candidates = records.filter((record) => record.kind === 'technical' && record.answers.length > 0);
  const compounds = learnCompounds(candidates.flatMap((record) => [askedText(record), answerText(record)]));
  const questions = candidates.map((record) => termFrequencies(subjectTerms(askedText(record), compounds)));
  const answers = candidates.map((record) => termFrequencies(subjectTerms(answerText(record), compounds)));
  const documentFrequency = new Map<string, number>();
  candidates.forEach((_, index) => {
    const terms = new Set([...(questions[index]?.keys() ?? []), ...(answers[index]?.keys() ?? [])]);
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  });
  // Smoothed IDF; a word no record uses gets the highest weight, so a question about something else
  // keeps a large norm and a low cosine with every record.
  const idf = (term: string): number => Math.log((candidates.length + 1) / ((documentFrequency.get(term) ?? 0) + 1)) + 1;
  const weigh = (frequencies: Map<string, number>): Vector => {
    const weighted = [...frequencies].map(([term, count]): [string, number] => [term, (1 + Math.log(count)) * idf(term)]);
    const norm = Math.sqrt(weighted.reduce((sum, [, weight]) => sum + weight * weight, 0)) || 1;
    return new Map(weighted.map(([term, weight]) => [term, weight / norm]));
  };
  const questionVectors = questions.map(weigh);
  const answerVectors = answers.map(weigh);

  return {
    /** Every candidate but `excludeId` that shares a term with the text, best first; ties keep corpus order. */
    score(text: string, excludeId?: string): RelatedQuestion[] {
      const query = weigh(termFrequencies(subjectTerms(text, compounds)));
      if (query.size === 0) return [];
      const scored: RelatedQuestion[] = [];
      candidates.forEach((record, index) => {
        if (record.id === excludeId) return;
        const questionSimilarity = dot(query, questionVectors[index] ?? new Map());
        const answerSimilarity = dot(query, answerVectors[index] ?? new Map());
        const score = (questionSimilarity + answerSimilarity) / 2;
        if (score > 0) scored.push({ record, score, questionSimilarity, answerSimilarity });
      });
      return scored.sort((a, b) => b.score - a.score);
    },

    /** The records clearly related to a pasted question: at most `RELATED_LIMIT`, each at or above the threshold. */
    related(text: string, excludeId?: string): RelatedQuestion[] {
      return this.score(text, excludeId)
        .filter((candidate) => candidate.score >= RELATED_THRESHOLD)
        .slice(0, RELATED_LIMIT);
    },
  };
}
export type RelatedIndex = ReturnType<typeof createRelatedIndex>;
