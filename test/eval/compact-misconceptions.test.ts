import { describe, expect, it } from 'vitest';
import { compactSlot } from '../../scripts/compact-misconceptions.js';

/* The compactor rewrites a slot spelt in every combination of its parts as adjacent parts, and nothing else. */

const expand = (slots: readonly string[]): Set<string> =>
  new Set(
    slots
      .map((slot) => slot.replace(/^\+/, '').split('|'))
      .reduce<string[]>((heads, part) => heads.flatMap((head) => part.map((tail) => (head === '' ? tail : `${head} ${tail}`))), ['']),
  );

describe('compacting a misconception slot', () => {
  it('writes every combination of parts as the parts, one adjacent slot each, with the same wordings', () => {
    const subjects = ['xgboost', 'lightgbm', 'catboost'];
    const verbs = ['can not handle', 'cannot handle', "ca n't deal with"];
    const objects = ['missing values', 'missing data', 'nan values'];
    const slot = subjects.flatMap((subject) => verbs.flatMap((verb) => objects.map((object) => `${subject} ${verb} ${object}`))).join('|');
    const compacted = compactSlot(slot);
    expect(compacted.length).toBeGreaterThan(1);
    expect(compacted.slice(1).every((part) => part.startsWith('+'))).toBe(true);
    expect(expand(compacted)).toEqual(new Set(slot.split('|')));
    expect(compacted.join('|').length).toBeLessThan(slot.length / 3);
  });

  it('leaves a slot whose wordings are no product of parts as it was', () => {
    const slot = 'ridge sets weights to zero|lasso shrinks nothing|elastic net is l2 only|l1 squares the weights|dropout adds noise to labels|pca needs labels';
    expect(compactSlot(slot)).toEqual([slot]);
  });

  it('keeps a tail all wordings share as one slot, not one slot a word', () => {
    const tail = 'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25';
    const slot = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'].map((head) => `${head} ${tail}`).join('|');
    const compacted = compactSlot(slot);
    expect(compacted).toEqual(['x1|x2|x3|x4|x5|x6', `+${tail}`]);
  });

  it('keeps an adjacent slot adjacent', () => {
    const slot = `+${['is', 'are'].flatMap((verb) => ['always', 'never', 'sometimes'].map((adverb) => `${verb} ${adverb} convex`)).join('|')}`;
    const compacted = compactSlot(slot);
    expect(compacted.every((part) => part.startsWith('+'))).toBe(true);
    expect(expand(compacted)).toEqual(new Set(slot.slice(1).split('|')));
  });
});
