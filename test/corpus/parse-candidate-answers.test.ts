import { describe, expect, it } from 'vitest';
import { isCompleteAnswer, parseCandidateAnswers } from '../../src/corpus/parse-candidate-answers.js';

const answers = `## 1. Introduce Yourself
"Hello, I am a machine learning engineer."

## 2. 2. How Do You Handle Feedback?
"I listen first:

- I ask clarifying questions.
- I reflect on it.
Then I improve."

## 3. What Motivates You?
"I stay motivated by
`;

describe('parseCandidateAnswers', () => {
  const { questions } = parseCandidateAnswers(answers, 'candidate.txt');

  it('cleans a stray enumeration out of a heading', () => {
    expect(questions.map((record) => record.text)).toEqual([
      'Introduce Yourself',
      'How Do You Handle Feedback?',
      'What Motivates You?',
    ]);
  });

  it('keeps a multi-line answer whole, without its surrounding quotes', () => {
    expect(questions[1]?.answers).toEqual(['I listen first:\n\n- I ask clarifying questions.\n- I reflect on it.\nThen I improve.']);
  });

  it('keeps the question of an answer cut off at the end of the file but not the fragment', () => {
    expect(questions[2]).toMatchObject({ answers: [], sources: [{ file: 'candidate.txt', line: 11 }] });
  });

  it.each([
    ['"Done."', true],
    ['"Are you sure?"', true],
    ['Unquoted but finished.', true],
    ['"I stay motivated by', false],
    ['"Ends mid-sentence"', false],
    ['"Closed late.', false],
    ['"', false],
  ])('judges %j complete: %s', (text, complete) => {
    expect(isCompleteAnswer(text)).toBe(complete);
  });
});
