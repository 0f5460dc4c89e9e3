import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { DEFAULT_REFERENCES_FILE } from '../../src/corpus/curated-references.js';
import { curatedAnswerNote, curationOf, sourceTitleOf } from '../../src/contracts/curation.js';
import { CorpusFile, parseCorpus, readCorpus } from '../../src/corpus/parse-corpus.js';
import type { ParsedCorpus, QuestionRecord } from '../../src/contracts/question-schema.js';
import { normaliseText, questionId } from '../../src/corpus/text-utils.js';
import { tempDir } from '../helpers/app.js';

const corpusDir = path.join(projectRoot, 'data', 'corpus');

interface RawEntry {
  id: string;
  source: { file: string; title: string };
  text?: string;
  answer?: string[];
  writtenBy: string;
  date: string;
}
interface RawFile {
  about: string;
  entries: RawEntry[];
}
const rawFile = (): RawFile => JSON.parse(fs.readFileSync(DEFAULT_REFERENCES_FILE, 'utf8')) as RawFile;

/** A copy of the curated file, changed by `change`, for the failure cases. */
function editedReferences(change: (file: RawFile) => void): string {
  const file = rawFile();
  change(file);
  const target = path.join(tempDir(), 'technical-references.json');
  fs.writeFileSync(target, JSON.stringify(file, null, 2));
  return target;
}

function firstEntry(file: RawFile): RawEntry {
  const entry = file.entries[0];
  if (entry === undefined) throw new Error('no entry');
  return entry;
}

/** Words of prose: code blocks are shown to candidates but are not part of the 120–300 words. */
function proseWords(markdown: string): number {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .split(/\s+/)
    .filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

let parsed: ParsedCorpus;
let corpus: ParsedCorpus;
beforeAll(() => {
  parsed = parseCorpus(corpusDir);
  corpus = readCorpus(corpusDir);
});

const technical = (records: readonly QuestionRecord[]) => records.filter((record) => record.kind === 'technical');

describe('curated technical references', () => {
  it('gives every technical question a model answer: the documents lack 31, all the notebook’s listed titles', () => {
    const lacking = technical(parsed.questions).filter((record) => record.answers.length === 0);
    expect(lacking).toHaveLength(31);
    expect(lacking.every((record) => record.sources.every((source) => source.file === CorpusFile.notebook))).toBe(true);
    expect(technical(corpus.questions).filter((record) => record.answers.length === 0)).toEqual([]);
    expect(corpus.questions.filter((record) => curationOf(record)?.adds.includes('answer'))).toHaveLength(31);
  });

  it('keeps the corpus counts and every record id: 447 questions, 386 technical, 61 behavioural', () => {
    expect(corpus.questions).toHaveLength(447);
    expect(technical(corpus.questions)).toHaveLength(386);
    expect(corpus.questions.map((record) => record.id)).toEqual(parsed.questions.map((record) => record.id));
    expect(corpus.tips).toEqual(parsed.tips);
  });

  it('asks each bare title as a full interview question and keeps the title as its source wording', () => {
    const titled = corpus.questions.filter((record) => sourceTitleOf(record) !== undefined);
    expect(titled).toHaveLength(31);
    const dropout = titled.find((record) => sourceTitleOf(record) === 'Dropout mechanism');
    expect(dropout).toMatchObject({ id: questionId('technical', 'Dropout mechanism'), text: 'How does dropout work, and why does it reduce overfitting?', topic: 'Deep Learning' });
    const adam = titled.find((record) => sourceTitleOf(record) === 'Adam vs SGD');
    expect(adam?.text).toBe('How do Adam and SGD with momentum differ, and when would you choose one over the other?');
    for (const record of titled) {
      expect(record.id, record.text).toBe(questionId('technical', sourceTitleOf(record) ?? ''));
      expect(record.text.split(/\s+/).length, record.text).toBeGreaterThanOrEqual(8);
      expect(record.text, record.text).toMatch(/[?.]$/);
    }
    const keys = corpus.questions.map((record) => `${record.kind}:${normaliseText(record.text)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes every curated answer as 120–300 words of structured markdown with a definition, trade-offs, an example and a pitfall', () => {
    for (const record of corpus.questions.filter((candidate) => curationOf(candidate)?.adds.includes('answer'))) {
      const [answer] = record.answers;
      expect(answer, record.text).toBeDefined();
      const words = proseWords(answer ?? '');
      expect(words, record.text).toBeGreaterThanOrEqual(120);
      expect(words, record.text).toBeLessThanOrEqual(300);
      expect((answer ?? '').match(/^\*\*[^*\n]+:\*\*/gm)?.length ?? 0, record.text).toBeGreaterThanOrEqual(3);
      expect(answer, record.text).toMatch(/\*\*Example[^*]*:\*\*|\*\*Example check:\*\*/);
      expect(answer, record.text).toMatch(/\*\*Common pitfall:\*\*/);
      expect(answer, record.text).toMatch(/^\*\*[^*\n]*(?:trade-offs|limits|limitations)[^*\n]*:\*\*/im);
      expect(record.followUps.length, record.text).toBeGreaterThanOrEqual(2);
      expect(record.expectedLevel, record.text).not.toBeNull();
    }
  });

  it('records who wrote each addition, when, what it adds and where the entry is', () => {
    const lines = fs.readFileSync(DEFAULT_REFERENCES_FILE, 'utf8').split('\n');
    const dropout = corpus.questions.find((record) => record.id === questionId('technical', 'Dropout mechanism'));
    expect(dropout?.sources).toEqual([
      { file: CorpusFile.notebook, line: 804 },
      {
        file: 'technical-references.json',
        line: expect.any(Number),
        curation: {
          writtenBy: 'interview-coach project team',
          date: '2026-11-26',
          adds: ['text', 'answer', 'expectedLevel', 'followUps'],
          sourceTitle: 'Dropout mechanism',
        },
      },
    ]);
    for (const record of corpus.questions.filter((candidate) => curationOf(candidate) !== undefined)) {
      const curated = record.sources.find((source) => source.curation !== undefined);
      expect(lines[(curated?.line ?? 0) - 1], record.text).toContain(`"id": "${record.id}"`);
    }
    expect(dropout && curatedAnswerNote(dropout)).toBe(
      'Model answer written by the interview-coach project team (2026-11-26): the source document gives only the title “Dropout mechanism”.',
    );
  });

  it('leaves the records the documents answer themselves untouched', () => {
    const untouched = corpus.questions.filter((record) => curationOf(record) === undefined);
    expect(untouched).toHaveLength(447 - 31);
    const original = new Map(parsed.questions.map((record) => [record.id, record]));
    for (const record of untouched) expect(record).toEqual(original.get(record.id));
  });
});

describe('curated file validation', () => {
  it('refuses an entry naming a question the corpus lacks, with the file and line', () => {
    const file = editedReferences((raw) => {
      firstEntry(raw).id = 'q_0000000000000000';
    });
    expect(() => readCorpus(corpusDir, { referencesFile: file })).toThrow(/technical-references\.json:\d+: q_0000000000000000 .* is not a question of the corpus/);
  });

  it('refuses a source title that does not derive the id, so an id never drifts from its source', () => {
    const file = editedReferences((raw) => {
      firstEntry(raw).source.title = 'ROC curves and AUC';
    });
    expect(() => readCorpus(corpusDir, { referencesFile: file })).toThrow(/source title "ROC curves and AUC" does not derive id/);
  });

  it('refuses a curated answer for a question whose document already answers it', () => {
    const title = 'What is cross-validation and why do we need it?';
    const file = editedReferences((raw) => {
      raw.entries.push({ ...firstEntry(raw), id: questionId('technical', title), source: { file: CorpusFile.notebook, title }, text: undefined });
    });
    expect(() => readCorpus(corpusDir, { referencesFile: file })).toThrow(/already has a model answer/);
  });

  it('refuses a question text that another record already asks', () => {
    const file = editedReferences((raw) => {
      firstEntry(raw).text = 'What is the F1 score?';
    });
    expect(() => readCorpus(corpusDir, { referencesFile: file })).toThrow(/text "What is the F1 score\?" is already question q_/);
  });

  it('refuses an entry without provenance or with neither a text nor an answer', () => {
    const noAuthor = editedReferences((raw) => {
      firstEntry(raw).writtenBy = '';
    });
    expect(() => readCorpus(corpusDir, { referencesFile: noAuthor })).toThrow(/writtenBy/);
    const empty = editedReferences((raw) => {
      delete firstEntry(raw).text;
      delete firstEntry(raw).answer;
    });
    expect(() => readCorpus(corpusDir, { referencesFile: empty })).toThrow(/adds a text, an answer or both/);
  });
});
