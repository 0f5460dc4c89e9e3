import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../store/db.js';
import { codeFingerprint } from './code-fingerprint.js';
import type { CorpusRepository } from './corpus-repository.js';
import { DEFAULT_REFERENCES_FILE } from './curated-references.js';
import { DEFAULT_MAPPING_FILE, readCorpus, type ReadCorpusOptions } from './parse-corpus.js';
import { DEFAULT_TYPES_FILE } from '../question-types/type-mapping.js';

export interface LoadStats {
  /** True when the corpus files were byte-identical to the last load and nothing was parsed. */
  skipped: boolean;
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One hash over every input of the parse: the code that parses, the corpus documents and the curated files. */
function hashInputs(dir: string, curatedFiles: readonly string[], code: string): string {
  const hash = createHash('sha256').update(code).update('\0');
  const files = [...fs.readdirSync(dir).sort().map((file) => path.join(dir, file)), ...curatedFiles];
  for (const file of files) {
    hash.update(path.basename(file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * Loads the corpus idempotently: unchanged files read by unchanged code skip parsing altogether; otherwise every record is
 * compared by content hash so an edited file rewrites only the records that changed. A curated entry is
 * part of its record, so editing one rewrites that record only.
 */
export function loadCorpus(
  db: Db,
  repo: CorpusRepository,
  dir: string,
  now: Date,
  options: ReadCorpusOptions & { codeFingerprint?: string } = {},
): LoadStats {
  const mappingFile = options.mappingFile ?? DEFAULT_MAPPING_FILE;
  const referencesFile = options.referencesFile ?? DEFAULT_REFERENCES_FILE;
  const typesFile = options.typesFile ?? DEFAULT_TYPES_FILE;
  const filesHash = hashInputs(dir, [mappingFile, referencesFile, typesFile], options.codeFingerprint ?? codeFingerprint());
  const stats: LoadStats = { skipped: false, inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  if (repo.filesHash() === filesHash && repo.count() > 0) return { ...stats, skipped: true };

  const corpus = readCorpus(dir, { mappingFile, referencesFile, typesFile });
  db.transaction(() => {
    const existing = repo.questionHashes();
    for (const record of corpus.questions) {
      const hash = sha256(JSON.stringify(record));
      const previous = existing.get(record.id);
      existing.delete(record.id);
      if (previous === hash) {
        stats.unchanged += 1;
        continue;
      }
      repo.upsertQuestion(record, hash);
      if (previous === undefined) stats.inserted += 1;
      else stats.updated += 1;
    }
    for (const id of existing.keys()) {
      repo.deleteQuestion(id);
      stats.deleted += 1;
    }
    const tips = repo.tipHashes();
    for (const tip of corpus.tips) {
      const hash = sha256(JSON.stringify(tip));
      const previous = tips.get(tip.id);
      tips.delete(tip.id);
      if (previous !== hash) repo.upsertTip(tip, hash);
    }
    for (const id of tips.keys()) repo.deleteTip(id);
    repo.setFilesHash(filesHash, now.toISOString());
  }).immediate();
  return stats;
}
