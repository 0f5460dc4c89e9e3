import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../config.js';

/*
 * The misconception bank (data/misconceptions/*.json): the wrong claims candidates commonly make about a topic, each
 * with its correction and the word patterns that say it. What an interviewer knows and the offline grader cannot
 * read from a model answer's words: "the validation set is merged into training every epoch" uses the reference's
 * vocabulary and is wrong. Read here without the NLP model, so that the server's main thread can name the bank's
 * version (version.ts); matching is misconceptions.ts.
 */

const DIRECTORY = path.join(projectRoot, 'data', 'misconceptions');

/**
 * Alternatives separated by "|", each one or more words: "auc|area under the curve". A leading "+" makes the slot start
 * where the one before it ends ("xgboost|lightgbm", "+can not|cannot", "+handle missing"), so a phrase said in many
 * wordings is written as its parts rather than every combination of them. A leading "!" makes it a qualifier that
 * must not occur there: between the slots around it, before the match when it comes first, after it when last
 * ("!random subspace", "each tree", …: not said of the random subspace method).
 */
const SlotSchema = z
  .string()
  .trim()
  .min(1)
  .refine((slot) => slot.replace(/^[+!]/, '').split('|').every((alternative) => alternative.trim() !== ''), 'a slot has an empty alternative ("a||b" or a "|" at an end)');

/** Slots a pattern has at most. */
export const MAX_SLOTS = 24;

export const MisconceptionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are kebab-case'),
    /** The entry applies to a question whose text or reference contains one of these phrases. */
    topic: z.array(z.string().trim().min(2)).min(1).max(8),
    /** The wrong claim in one plain sentence, shown to the candidate. */
    claim: z.string().trim().min(10).max(300),
    /** What is true instead, shown to the candidate. */
    correction: z.string().trim().min(10).max(600),
    /** Patterns: each a list of slots found in one sentence in this order (misconceptions.ts). */
    says: z
      .array(z.array(SlotSchema).min(1).max(MAX_SLOTS))
      .min(1)
      .refine((patterns) => patterns.every((pattern) => pattern.some((slot) => !slot.startsWith('!'))), 'a pattern has a slot that is not a "!" one')
      .refine((patterns) => patterns.every((pattern) => !pattern.find((slot) => !slot.startsWith('!'))?.startsWith('+')), 'a pattern\'s first slot has no slot before it to follow ("+")')
      .refine(
        (patterns) => patterns.every((pattern) => pattern.every((slot, index) => !slot.startsWith('+') || !pattern[index - 1]?.startsWith('!'))),
        'a "+" slot follows the slot it is adjacent to, not a "!" one',
      ),
    /** Sentences asserting the claim: each must match (the bank's test). */
    wrong: z.array(z.string().trim().min(5)).min(2),
    /** Correct sentences in the same words: none may match (the bank's test). */
    right: z.array(z.string().trim().min(5)).min(2),
  })
  .strict();
export type Misconception = z.infer<typeof MisconceptionSchema>;

export const MisconceptionFileSchema = z
  .object({
    about: z.string().min(1),
    writtenBy: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    entries: z.array(MisconceptionSchema).min(1),
  })
  .strict();

export interface MisconceptionBank {
  /** `mc-` and the first 12 hex of the files' sha256: recorded in the grader's identity, so an edit invalidates cached grades. */
  readonly version: string;
  readonly entries: readonly Misconception[];
}

/*
 * The files' bytes, decoded only where they are parsed: hashing the bytes gives the hash of their UTF-8 text, and
 * costs a sixth of decoding some 6 MB and encoding it again for the hash (about 60 ms at each start-up and thread).
 */
const bankFiles = (directory: string): { file: string; bytes: Buffer }[] =>
  (fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => name.endsWith('.json')).sort() : []).map((file) => ({
    file,
    bytes: fs.readFileSync(path.join(directory, file)),
  }));

function versionOf(files: readonly { file: string; bytes: Buffer }[]): string {
  const hash = createHash('sha256');
  for (const { file, bytes } of files) hash.update(`${file}\n`).update(bytes).update('\n');
  return `mc-${hash.digest('hex').slice(0, 12)}`;
}

/**
 * The bank's version without reading its entries: the server's main thread names the grader with it, and parsing
 * and validating a few megabytes of patterns there would only delay start-up (the grading threads read the bank).
 */
export const misconceptionBankVersion = (directory: string = DIRECTORY): string => versionOf(bankFiles(directory));

/** Reads and validates every `*.json` of `directory`; an invalid file or an id used twice stops the load, naming it. */
export function readMisconceptionBank(directory: string = DIRECTORY): MisconceptionBank {
  const files = bankFiles(directory);
  const entries: Misconception[] = [];
  const seen = new Map<string, string>();
  for (const { file, bytes } of files) {
    const parsed = MisconceptionFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) throw new Error(`${path.join(directory, file)}: ${z.prettifyError(parsed.error)}`);
    for (const entry of parsed.data.entries) {
      const other = seen.get(entry.id);
      if (other !== undefined) throw new Error(`${path.join(directory, file)}: id "${entry.id}" is also used in ${other}`);
      seen.set(entry.id, file);
      entries.push(entry);
    }
  }
  return { version: versionOf(files), entries };
}

/** What the LLM grader lists of an entry for a question: the claim and its correction, and the topics it applies to. */
export type MisconceptionClaim = Pick<Misconception, 'id' | 'topic' | 'claim' | 'correction'>;

/*
 * The claims without the patterns: the files are parsed whole, but an object schema that is not strict drops the other
 * fields without validating them (the grading threads and the bank's test validate the files whole).
 */
const { id, topic, claim, correction } = MisconceptionSchema.shape;
const ClaimsFileSchema = z.object({ entries: z.array(z.object({ id, topic, claim, correction })) });

/**
 * Every entry's claim and correction, for the LLM grader on the main thread, which never matches patterns. It reads
 * them at its first technical grading, perhaps hours after start-up named the grader with the bank's version: given
 * that version, a bank edited since is refused rather than graded with under the old name (cached grades would be
 * reused for answers the edited bank reads differently).
 */
export function readMisconceptionClaims(directory: string = DIRECTORY, expectedVersion?: string): MisconceptionClaim[] {
  const files = bankFiles(directory);
  const version = versionOf(files);
  if (expectedVersion !== undefined && version !== expectedVersion) {
    throw new Error(`${directory} changed after start-up (${expectedVersion}, now ${version}): restart the server to grade with the edited bank`);
  }
  return files.flatMap(({ file, bytes }) => {
    const parsed = ClaimsFileSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) throw new Error(`${path.join(directory, file)}: ${z.prettifyError(parsed.error)}`);
    return parsed.data.entries;
  });
}

/** A word and the same word in the plural ("tree", "trees"; "class", "classes"). */
const samePlural = (word: string, wanted: string): boolean => word === wanted || word === `${wanted}s` || word === `${wanted}es` || `${word}s` === wanted;

/** The word and the word without a plural ending ("trees" → "tree"; "classes" → "class" and "classe"). */
function addSingulars(forms: Set<string>, word: string): Set<string> {
  forms.add(word);
  if (word.endsWith('s')) forms.add(word.slice(0, -1));
  if (word.endsWith('es')) forms.add(word.slice(0, -2));
  return forms;
}

/** The phrase's words occur in a row among the words (a plural ending allowed on each). */
function containsPhrase(text: readonly string[], forms: ReadonlySet<string>, phrase: readonly string[]): boolean {
  const [head] = phrase;
  if (head === undefined) return false;
  const headForms = addSingulars(new Set(), head);
  if (![...headForms].some((form) => forms.has(form))) return false;
  if (phrase.length === 1) return true;
  for (let start = 0; start + phrase.length <= text.length; start += 1) {
    if (phrase.every((wanted, offset) => samePlural(text[start + offset] as string, wanted))) return true;
  }
  return false;
}

/** The words of a text as topics and claims are compared: lower case, a dotted or hyphenated name kept whole. */
export const textWords = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+(?:[._'-][a-z0-9]+)*/g) ?? [];

/** A test of whether a topic phrase (its words, lower case) occurs in `text`, a question with its reference. */
export function topicsNamedIn(text: string): (topic: readonly string[]) => boolean {
  const said = textWords(text);
  const forms = new Set<string>();
  for (const word of said) addSingulars(forms, word);
  return (topic) => containsPhrase(said, forms, topic);
}
