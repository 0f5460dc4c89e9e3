import type { Curation, QuestionRecord } from './question-schema.js';

/*
 * Reading the provenance of curated additions off a record. Types only, no Node modules: the browser
 * bundle uses these too, so the UI words provenance as the API reports it.
 */

/** The curated source of a record, if the project team completed it. */
export function curationOf(record: Pick<QuestionRecord, 'sources'>): Curation | undefined {
  return record.sources.find((source) => source.curation !== undefined)?.curation;
}

/** The title a source document gave a question whose text the team wrote out: still how people may ask it. */
export function sourceTitleOf(record: Pick<QuestionRecord, 'sources'>): string | undefined {
  const curation = curationOf(record);
  return curation?.adds.includes('text') ? curation.sourceTitle : undefined;
}

/** One line for the UI beside a model answer the documents did not provide. */
export function curatedAnswerNote(record: Pick<QuestionRecord, 'sources'>): string | null {
  const curation = curationOf(record);
  if (!curation?.adds.includes('answer')) return null;
  const source = curation.adds.includes('text') ? `gives only the title “${curation.sourceTitle}”` : 'asks it without an answer';
  return `Model answer written by the ${curation.writtenBy} (${curation.date}): the source document ${source}.`;
}
