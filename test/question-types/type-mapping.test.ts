import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { parseCorpus } from '../../src/corpus/parse-corpus.js';
import { assignQuestionTypes, loadQuestionTypeMapping, parseQuestionTypeMapping } from '../../src/question-types/type-mapping.js';

const corpusDir = path.join(projectRoot, 'data', 'corpus');

describe('curated question types', () => {
  it('types every one of the 61 behavioural corpus questions, stories being fewer than a third of them', () => {
    const { questions } = parseCorpus(corpusDir);
    const behavioural = questions.filter((question) => question.kind === 'behavioural');
    expect(behavioural).toHaveLength(61);
    const counts = new Map<string, number>();
    for (const question of behavioural) counts.set(question.type, (counts.get(question.type) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({
      story: 18,
      'self-presentation': 9,
      motivation: 2,
      opinion: 5,
      approach: 25,
      compensation: 1,
      explanation: 1,
    });
    expect(questions.filter((question) => question.kind === 'technical').every((question) => question.type === 'technical')).toBe(true);
  });

  it('gives the questions the issue names the type they ask for', () => {
    const { questions } = parseCorpus(corpusDir);
    const typeOf = (text: string) => questions.find((question) => question.text === text)?.type;
    expect(typeOf('What are your salary expectations?')).toBe('compensation');
    expect(typeOf('What is Your Favorite Machine Learning Algorithm and Why?')).toBe('opinion');
    expect(typeOf('Why do you want to work here?')).toBe('motivation');
    expect(typeOf('Introduce Yourself')).toBe('self-presentation');
    expect(typeOf('How Do You Handle Missing Data in Your Projects?')).toBe('approach');
    expect(typeOf('Tell me about a time you worked with a difficult team member.')).toBe('story');
  });

  it('matches mapping entries by their words, not their case or punctuation', () => {
    const mapping = parseQuestionTypeMapping({ opinion: ['WHAT is your favorite Machine Learning algorithm, and why'] }, 'inline');
    const [typed] = assignQuestionTypes([{ kind: 'behavioural', text: 'What is Your Favorite Machine Learning Algorithm and Why?' }], mapping);
    expect(typed?.type).toBe('opinion');
  });

  it('refuses a behavioural question without a type rather than guessing one', () => {
    const mapping = parseQuestionTypeMapping({ story: ['Tell me about a time you failed.'] }, 'inline');
    expect(() =>
      assignQuestionTypes(
        [
          { kind: 'behavioural', text: 'Tell me about a time you failed.' },
          { kind: 'behavioural', text: 'What motivates you?' },
        ],
        mapping,
      ),
    ).toThrow(/"What motivates you\?" has no type/);
  });

  it('refuses a stale entry that names no corpus question, and a question listed under two types', () => {
    const mapping = parseQuestionTypeMapping({ story: ['Tell me about a time you failed.', 'A question the corpus lost.'] }, 'inline');
    expect(() => assignQuestionTypes([{ kind: 'behavioural', text: 'Tell me about a time you failed.' }], mapping)).toThrow(/does not have/);
    expect(() => parseQuestionTypeMapping({ story: ['Why here?'], motivation: ['Why here?'] }, 'inline')).toThrow(/both story and motivation/);
  });

  it('refuses an unknown type name in the mapping file, naming it', () => {
    expect(() => parseQuestionTypeMapping({ stories: ['Tell me about a time you failed.'] }, 'inline')).toThrow(/stories/);
    expect(loadQuestionTypeMapping().size).toBe(61);
  });
});
