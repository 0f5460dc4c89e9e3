import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { byKind } from '../../src/eval/evaluate.js';
import { loadLabelledSet } from '../../src/eval/labelled-set.js';
import { formatReport } from '../../src/eval/report.js';
import { tinySet } from '../helpers/eval-sets.js';

describe('the breakdown by kind of answer', () => {
  it('reads the kinds a set notes beside it, one per answer, and none for a set without notes', () => {
    const ml = loadLabelledSet(path.join(projectRoot, 'data', 'eval', 'technical-ml.json'));
    const behavioural = loadLabelledSet(path.join(projectRoot, 'data', 'eval', 'behavioural.json'));
    for (const set of [ml, behavioural]) {
      for (const item of set.items) expect(set.kinds?.get(item.id)?.length, item.id).toBe(item.answers.length);
    }
    expect(ml.kinds?.get('ml-01')?.[2]).toBe('short-correct');
    // A held-out set keeps its notes beside it, in data/eval/holdout/notes/.
    const shapes = loadLabelledSet(path.join(projectRoot, 'data', 'eval', 'holdout', 'technical-shapes.json'));
    expect(shapes.kinds?.size).toBe(shapes.items.length);
    for (const item of shapes.items) expect(shapes.kinds?.get(item.id)?.length, item.id).toBe(item.answers.length);
    expect(shapes.kinds?.get('sh-12')).toContain('bare-yes');
    expect(tinySet.kinds).toBeUndefined();
  });

  it('averages gold and score per kind, lowest gold first, skipping answers without a kind', () => {
    const rows = [
      { kind: 'excellent', gold: 5, score: 4 },
      { kind: 'short-correct', gold: 4, score: 3 },
      { kind: 'short-correct', gold: 3.5, score: 3.6 },
      { kind: undefined, gold: 1, score: 5 },
    ];
    expect(byKind(rows)).toEqual([
      { kind: 'short-correct', n: 2, gold: 3.75, score: 3.3 },
      { kind: 'excellent', n: 1, gold: 5, score: 4 },
    ]);
  });

  it('prints the kinds of three answers or more under the set, and every kind in the JSON line', () => {
    const agreement = { n: 2, pearson: 1, spearman: 1, qwk: 1, rmse: 0 };
    const text = formatReport({
      grader: 'offline',
      model: 'tm-test',
      withoutReference: false,
      sets: [
        {
          name: 'noted',
          questions: 1,
          scale: [1, 5],
          protocol: 'shipped',
          baselineAgainst: 'reference',
          grader: { ...agreement, msPerAnswer: 1 },
          tfidf: agreement,
          overlap: agreement,
          fallbacks: 0,
          shownAsExamples: 0,
          answers: [],
          byKind: [
            { kind: 'vague', n: 1, gold: 2, score: 1.2 },
            { kind: 'short-correct', n: 3, gold: 3.75, score: 3.3 },
          ],
        },
      ],
    });
    expect(text).toMatch(/short-correct\s+3\s+3\.75\s+3\.30/);
    expect(text).not.toMatch(/vague\s+1/);
    expect(text).toContain('1 kinds of fewer than 3 answers only in the JSON');
    const json = JSON.parse(text.split('\n').at(-1) ?? '') as { sets: { byKind: { kind: string }[] }[] };
    expect(json.sets[0]?.byKind.map((kind) => kind.kind)).toEqual(['vague', 'short-correct']);
  });
});
