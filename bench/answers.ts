/**
 * The fixed answer set of the benchmark, built from the corpus: model and sample answers trimmed (or, for
 * the longer lengths, continued with answers from the same topic) to a target word count, each paired with
 * its corpus question. Deterministic: the same corpus gives the same set on every run.
 */
import path from 'node:path';
import { loadCorpus } from '../src/corpus/corpus-loader.js';
import { createCorpusRepository } from '../src/corpus/corpus-repository.js';
import { createCorpusService, type CorpusService } from '../src/corpus/corpus-service.js';
import { parseCorpus } from '../src/corpus/parse-corpus.js';
import type { QuestionKind, QuestionRecord } from '../src/contracts/question-schema.js';
import type { GradeInput } from '../src/grading/grader.js';
import { RUBRIC_FOR_TYPE } from '../src/contracts/rubric-schema.js';
import { openDb } from '../src/store/db.js';
import { projectRoot } from './proc.js';

/** Word counts of the answers; 300 is the length the product target names. */
export const ANSWER_LENGTHS = [50, 100, 200, 300, 400] as const;
/** Questions per kind and length. */
const PER_BUCKET = 8;

export interface BenchAnswer {
  kind: QuestionKind;
  /** Target length (one of ANSWER_LENGTHS). */
  bucket: number;
  /** Actual word count of the answer. */
  words: number;
  input: GradeInput;
}

const wordsOf = (text: string): string[] => text.split(/\s+/).filter((word) => word.length > 0);

/** About the first `count` words: cut at a sentence end in the last 15 % when there is one, else mid-sentence. */
function trimToWords(text: string, count: number): string {
  const words = wordsOf(text).slice(0, count);
  const endsSentence = (word: string | undefined) => word !== undefined && /[.!?]["”')]?$/.test(word);
  for (let end = words.length; end >= Math.ceil(count * 0.85); end -= 1) {
    if (endsSentence(words[end - 1])) return words.slice(0, end).join(' ');
  }
  return `${words.join(' ').replace(/[,;:–-]+$/, '')}.`;
}

/** Picks `count` items spread evenly over `items`. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  return Array.from({ length: count }, (_, index) => items[Math.floor((index * items.length) / count)]).filter(
    (item): item is T => item !== undefined,
  );
}

/** The question's own answers first, then answers of its topic, then of its kind, until `words` are reached. */
function answerText(question: QuestionRecord, sameTopic: readonly QuestionRecord[], sameKind: readonly QuestionRecord[], words: number): string {
  const parts: string[] = [];
  let total = 0;
  const seen = new Set<string>();
  for (const source of [question, ...sameTopic, ...sameKind]) {
    for (const answer of source.answers) {
      if (total >= words) break;
      if (seen.has(answer)) continue;
      seen.add(answer);
      parts.push(answer.trim());
      total += wordsOf(answer).length;
    }
    if (total >= words) break;
  }
  return trimToWords(parts.join('\n\n'), words);
}

/** Corpus questions that have at least one model or sample answer, in id order. */
export function answeredQuestions(corpusDir = path.join(projectRoot, 'data', 'corpus')): QuestionRecord[] {
  return parseCorpus(corpusDir)
    .questions.filter((question) => question.answers.length > 0)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The corpus as the server holds it (documents parsed, curated references applied), in a database in memory. */
export function storedCorpus(corpusDir = path.join(projectRoot, 'data', 'corpus')): CorpusService {
  const db = openDb(':memory:');
  const repository = createCorpusRepository(db);
  loadCorpus(db, repository, corpusDir, new Date(0));
  return createCorpusService(repository);
}

function benchAnswer(question: QuestionRecord, ofKind: readonly QuestionRecord[], words: number): BenchAnswer {
  const sameTopic = ofKind.filter((other) => other.topic === question.topic && other.id !== question.id);
  const text = answerText(question, sameTopic, ofKind, words);
  return {
    kind: question.kind,
    bucket: words,
    words: wordsOf(text).length,
    input: {
      rubric: RUBRIC_FOR_TYPE[question.type],
      question: { id: question.id, text: question.text, kind: question.kind, topic: question.topic },
      answer: text,
      reference: { answers: question.answers, notes: question.notes, fromRelated: false },
    },
  };
}

/** PER_BUCKET questions per kind and length, spread over the corpus. */
export function buildAnswerSet(questions: readonly QuestionRecord[]): BenchAnswer[] {
  const set: BenchAnswer[] = [];
  for (const kind of ['behavioural', 'technical'] as const) {
    const ofKind = questions.filter((question) => question.kind === kind);
    spread(ofKind, PER_BUCKET * ANSWER_LENGTHS.length).forEach((question, index) => {
      set.push(benchAnswer(question, ofKind, ANSWER_LENGTHS[index % ANSWER_LENGTHS.length] ?? 300));
    });
  }
  return set;
}

/** One ~300-word answer for every answered corpus question, as an interview meets them. */
export function buildSweepSet(questions: readonly QuestionRecord[]): BenchAnswer[] {
  return questions.map((question) =>
    benchAnswer(
      question,
      questions.filter((other) => other.kind === question.kind),
      300,
    ),
  );
}
