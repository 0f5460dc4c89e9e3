import { describe, expect, it } from 'vitest';
import { readAnswer, stripInvisibleTracked } from '../../../src/grading/offline/answer-text.js';
import { extractKeyPoints } from '../../../src/grading/offline/key-points.js';
import { createLru } from '../../../src/grading/offline/lru.js';
import { markdownToLines } from '../../../src/grading/offline/markdown.js';
import { analyzeText, perSentence } from '../../../src/grading/offline/nlp.js';
import { referenceProfile } from '../../../src/grading/offline/reference-profile.js';
import { TECHNICAL_FIXTURES } from './fixtures.js';

describe('answer sanitising', () => {
  it('removes zero-width, bidi and control characters and records where', () => {
    const { text, removedAt } = stripInvisibleTracked('re\u200Bsult\u202E ok\u0007\r\nnext \u{E0041}line');
    expect(text).toBe('result ok\nnext line');
    expect(removedAt).toEqual([2, 6, 9, 15]);
  });

  it('finds a lone invisible character in prose it would otherwise leave as it is', () => {
    const prose = 'The model’s recall — on “hard” cases — rose to 0.9. Café, naïve.';
    expect(stripInvisibleTracked(prose)).toEqual({ text: prose, removedAt: [] });
    expect(stripInvisibleTracked('soft\u00ADhyphen and a BOM\uFEFF')).toEqual({ text: 'softhyphen and a BOM', removedAt: [4, 20] });
    // Past the accented letters the scan tests one by one, the whole pattern decides.
    const accented = `${'é'.repeat(80)} tail\u200B`;
    expect(stripInvisibleTracked(accented)).toEqual({ text: `${'é'.repeat(80)} tail`, removedAt: [85] });
    expect(stripInvisibleTracked('tag \u{E0041}')).toEqual({ text: 'tag ', removedAt: [4] });
  });

  it('drops sentences woven with invisible characters and keeps the others', () => {
    const answer = readAnswer('I fixed the bug. I\u200B r\u200Be\u200Bduced latency by 90%.');
    expect(answer.sentences.map((sentence) => sentence.text)).toEqual(['I fixed the bug.']);
    expect(answer.ignored).toHaveLength(1);
  });

  it('splits sentences at line breaks and keeps their positions in the sanitised text', () => {
    const answer = readAnswer('First point\nSecond point. Third point.');
    expect(answer.sentences.map((sentence) => sentence.text)).toEqual(['First point', 'Second point.', 'Third point.']);
    for (const sentence of answer.sentences) expect(answer.source.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });
});

describe('markdown references', () => {
  it('drops tagged code, formulas and label lines and strips list and emphasis markers', () => {
    const lines = markdownToLines(
      [
        '**Definition:**',
        'Overfitting is when a **model** learns noise.',
        '$$E = b^2 + v$$',
        '```python',
        'model.fit(X, y)',
        '```',
        '```',
        'High bias: train error high',
        '```',
        '  - Adds $\\alpha w$ to the loss',
      ].join('\n'),
    );
    expect(lines).toEqual(['Overfitting is when a model learns noise.', 'High bias: train error high', 'Adds  to the loss']);
  });
});

describe('key points', () => {
  const notebook = TECHNICAL_FIXTURES.find((fixture) => fixture.name.startsWith('bias-variance'));
  if (!notebook) throw new Error('no notebook fixture');

  it('keeps five to eight distinct points from a long markdown answer, none of them code or questions', () => {
    const points = extractKeyPoints([notebook.reference], new Set(['bias', 'varianc']));
    expect(points.length).toBeGreaterThanOrEqual(5);
    expect(points.length).toBeLessThanOrEqual(8);
    for (const point of points) {
      expect(point.label).not.toMatch(/[?`$]|\*\*/);
      expect(point.terms.size).toBeGreaterThanOrEqual(2);
    }
    expect(points.some((point) => point.label.includes('wrong assumptions'))).toBe(true);
  });

  it('caches the reference profile of a question', () => {
    const reference = { answers: [notebook.reference], notes: [], fromRelated: false };
    const first = referenceProfile(notebook.question, reference);
    expect(referenceProfile(notebook.question, { ...reference, answers: [...reference.answers] })).toBe(first);
    expect(referenceProfile(notebook.question, { ...reference, fromRelated: true })).not.toBe(first);
  });
});

describe('LRU cache', () => {
  it('evicts the least recently used entry', () => {
    const cache = createLru<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.size).toBe(2);
  });
});

describe('entities', () => {
  const MONEY_AND_DATES = 'Revenue rose 18% in 2021, the first gain in two years, to $1.5M by 3/4/2022.';
  const YEAR_AS_COUNT = 'In 2021 we cut latency by 40 ms; 2021 was the first year with 3 releases.';
  const entitiesOf = (text: string): { value: string; type: string }[] => analyzeText(text).flatMap((sentence) => sentence.entities);

  it('reads each token by its context however often its words were read before', () => {
    // Each word's recognition hint is remembered after its first reading: the entities must not change with it.
    for (let round = 0; round < 2; round += 1) {
      expect(entitiesOf(MONEY_AND_DATES)).toEqual([
        { value: '18%', type: 'PERCENT' },
        { value: '2021', type: 'DATE' },
        { value: 'first', type: 'ORDINAL' },
        { value: 'two years', type: 'DURATION' },
        { value: '$1.5', type: 'MONEY' },
        { value: '3/4/2022', type: 'DATE' },
      ]);
      // The same "2021" is a date after "in" and a count before "was".
      expect(entitiesOf(YEAR_AS_COUNT)).toEqual([
        { value: '2021', type: 'DATE' },
        { value: '40', type: 'CARDINAL' },
        { value: '2021', type: 'CARDINAL' },
        { value: 'first', type: 'ORDINAL' },
        { value: 'year', type: 'DURATION' },
        { value: '3', type: 'CARDINAL' },
      ]);
    }
  });
});

describe('possessives', () => {
  const wordsOf = (text: string): string[] => analyzeText(text).flatMap((sentence) => sentence.tokens.map((token) => token.text));

  it("reads a possessive as its word and \"'s\" wherever it stands, whatever the process read before", () => {
    // wink learns a word with its "'s" whole from a sentence ending in one; read first, it must change nothing after.
    expect(wordsOf("Compare the stump's depth with the booster's.")).toEqual(['Compare', 'the', 'stump', "'s", 'depth', 'with', 'the', 'booster', "'s", '.']);
    expect(wordsOf("The booster's depth, the stump's, the forest’s trees.")).toEqual(
      ['The', 'booster', "'s", 'depth', ',', 'the', 'stump', "'s", ',', 'the', 'forest', '’s', 'trees', '.'],
    );
    expect(wordsOf("It's a tree's leaf; let's split df['s'].")).toEqual(['It', "'s", 'a', 'tree', "'s", 'leaf', ';', 'let', "'s", 'split', 'df', '[', "'s", "'", ']', '.']);
  });
});

describe('readings remembered per sentence', () => {
  it('reads a sentence once per reader, and a copy of it with other tokens afresh', () => {
    const [sentence] = analyzeText('Dropout zeroes random units during training.');
    if (!sentence) throw new Error('no sentence');
    let reads = 0;
    const count = perSentence((read) => {
      reads += 1;
      return read.tokens.length;
    });
    const nothing = perSentence(() => undefined);
    expect(count(sentence)).toBe(sentence.tokens.length);
    expect(count(sentence)).toBe(sentence.tokens.length);
    expect(reads).toBe(1);
    // A remembered undefined is remembered, and another reader's slot is its own.
    expect(nothing(sentence)).toBeUndefined();
    expect(count(sentence)).toBe(sentence.tokens.length);
    // spelling.ts and code-words.ts copy a sentence with other tokens: the copy has none of the original's readings.
    const copy = { ...sentence, tokens: sentence.tokens.slice(0, 2) };
    expect(count(copy)).toBe(2);
    expect(reads).toBe(2);
    expect(count(sentence)).toBe(sentence.tokens.length);
  });
});
