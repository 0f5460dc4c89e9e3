import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { applyCuratedReferences, DEFAULT_REFERENCES_FILE, loadCuratedReferences } from './curated-references.js';
import { parseCandidateAnswers } from './parse-candidate-answers.js';
import { BehaviouralMappingSchema, parseGuide, type BehaviouralMapping } from './parse-guide.js';
import { parseNotebook } from './parse-notebook.js';
import { parseStrategy } from './parse-strategy.js';
import { assignQuestionTypes, DEFAULT_TYPES_FILE, loadQuestionTypeMapping } from '../question-types/type-mapping.js';
import { ParsedCorpusSchema, type CoachingTip, type ParsedCorpus, type ParsedDocument, type ParsedQuestion } from '../contracts/question-schema.js';
import { collapseWhitespace } from './text-utils.js';

export const CorpusFile = {
  guide: 'ml-interview-preparation-guide.txt',
  notebook: 'ml-engineer-interview-notebook.md',
  candidateA: 'candidate-a-behavioural-answers.txt',
  candidateB: 'candidate-b-behavioural-answers.txt',
  strategy: 'ml-interview-preparation-strategy.md',
} as const;

export const DEFAULT_MAPPING_FILE = path.join(projectRoot, 'data', 'behavioural-questions.json');

export interface ParseCorpusOptions {
  /**
   * Curated guide-section → question mapping. Default: the project's `data/behavioural-questions.json`,
   * also when `dir` is a copy of the corpus elsewhere.
   */
  mappingFile?: string;
  /** Curated type of every behavioural question. Default: the project's `data/question-types.json`. */
  typesFile?: string;
}

export function loadBehaviouralMapping(file: string): BehaviouralMapping {
  const parsed = BehaviouralMappingSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  return parsed.data;
}

function distinct(values: readonly string[], key: (value: string) => string = (value) => value): string[] {
  const seen = new Map<string, string>();
  for (const value of values) if (!seen.has(key(value))) seen.set(key(value), value);
  return [...seen.values()];
}

/**
 * Records with the same id are one question seen in several documents: the first occurrence names
 * and files it, the others add their answers, follow-ups, notes and sources.
 */
function mergeQuestions(records: readonly ParsedQuestion[]): ParsedQuestion[] {
  const merged = new Map<string, ParsedQuestion>();
  for (const record of records) {
    const known = merged.get(record.id);
    merged.set(
      record.id,
      known === undefined
        ? record
        : {
            ...known,
            answers: distinct([...known.answers, ...record.answers], collapseWhitespace),
            expectedLevel: known.expectedLevel ?? record.expectedLevel,
            followUps: distinct([...known.followUps, ...record.followUps]),
            notes: distinct([...known.notes, ...record.notes]),
            sources: [...known.sources, ...record.sources],
          },
    );
  }
  return [...merged.values()];
}

/** Two tips with one id would make one silently replace the other in the store. */
function assertUniqueTips(tips: readonly CoachingTip[]): void {
  const seen = new Map<string, CoachingTip>();
  for (const tip of tips) {
    const other = seen.get(tip.id);
    if (other !== undefined) {
      throw new Error(
        `tip "${tip.title}" (${tip.source.file}:${tip.source.line}) collides with ${other.source.file}:${other.source.line}`,
      );
    }
    seen.set(tip.id, tip);
  }
}

/** Parses the five corpus documents in `dir` into merged question records and coaching tips. */
export function parseCorpus(dir: string, options: ParseCorpusOptions = {}): ParsedCorpus {
  const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8');
  const mapping = loadBehaviouralMapping(options.mappingFile ?? DEFAULT_MAPPING_FILE);
  const parts: ParsedDocument[] = [
    parseGuide(read(CorpusFile.guide), CorpusFile.guide, mapping),
    parseNotebook(read(CorpusFile.notebook), CorpusFile.notebook),
    parseCandidateAnswers(read(CorpusFile.candidateA), CorpusFile.candidateA),
    parseCandidateAnswers(read(CorpusFile.candidateB), CorpusFile.candidateB),
    parseStrategy(read(CorpusFile.strategy), CorpusFile.strategy),
  ];
  const tips = parts.flatMap((part) => part.tips);
  assertUniqueTips(tips);
  const questions = assignQuestionTypes(
    mergeQuestions(parts.flatMap((part) => part.questions)),
    loadQuestionTypeMapping(options.typesFile ?? DEFAULT_TYPES_FILE),
  );
  return ParsedCorpusSchema.parse({ questions, tips });
}

export interface ReadCorpusOptions extends ParseCorpusOptions {
  /** The team's curated texts and model answers. Default: the project's `data/technical-references.json`. */
  referencesFile?: string;
}

/** The documents as parsed, completed with the curated references: the records the store holds. */
export function readCorpus(dir: string, options: ReadCorpusOptions = {}): ParsedCorpus {
  const parsed = parseCorpus(dir, options);
  return ParsedCorpusSchema.parse(applyCuratedReferences(parsed, loadCuratedReferences(options.referencesFile ?? DEFAULT_REFERENCES_FILE)));
}
