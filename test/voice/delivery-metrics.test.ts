import { describe, expect, it } from 'vitest';
import { findFillers, findHedges, measureDelivery, tokenize } from '../../src/voice/delivery-metrics.js';
import type { WordTiming } from '../../src/contracts/voice-schemas.js';

const fillers = (text: string) => findFillers(tokenize(text));
const hedges = (text: string) => findHedges(tokenize(text));

/** Word timings for `text`, one word every `step` seconds (each word lasting `length`), with extra silences. */
function timings(text: string, step: number, length: number, silences: Record<number, number> = {}): WordTiming[] {
  let at = 0;
  return text.split(/\s+/).map((word, index) => {
    at += silences[index] ?? 0;
    const timing = { word, start: at, end: at + length };
    at += step;
    return timing;
  });
}

describe('filler words', () => {
  it('counts um, uh and their spellings under one normal form', () => {
    expect(fillers('Um, I think, uh, the umm model was, uhh, fine. Hmm. Er, yes.')).toEqual({ um: 2, uh: 2, hmm: 1, er: 1 });
  });

  it('counts "like" used as a filler but not the verb or a comparison', () => {
    expect(fillers('I like gradient boosting.')).toEqual({});
    expect(fillers('We would like to ship it, and users like fast pages.')).toEqual({});
    expect(fillers('It looks like a caching problem, something like Redis.')).toEqual({});
    expect(fillers('The embedding is like a lookup table.')).toEqual({});
    expect(fillers('I feel like the model overfit.')).toEqual({});
    expect(fillers('It was, like, really slow.')).toEqual({ like: 1 });
    expect(fillers('Like, the pipeline broke.')).toEqual({ like: 1 });
    expect(fillers('It was like really slow and like totally broken.')).toEqual({ like: 2 });
    expect(fillers('It took like three weeks.')).toEqual({ like: 1 });
    expect(fillers('We were like, um, stuck.')).toEqual({ like: 1, um: 1 });
  });

  it('counts "you know" and "I mean" only where they carry no meaning', () => {
    expect(fillers('Do you know the answer? As you know, it failed.')).toEqual({});
    expect(fillers('You know what, I know you know the drill.')).toEqual({});
    expect(fillers('The data was, you know, stale.')).toEqual({ 'you know': 1 });
    expect(fillers('It was stale, you know?')).toEqual({ 'you know': 1 });
    expect(fillers('And you know we had no labels.')).toEqual({ 'you know': 1 });
    expect(fillers('I mean, it worked. What I mean is recall went up.')).toEqual({ 'i mean': 1 });
  });

  it('counts "kind of" and "sort of" as hedging fillers but not as nouns', () => {
    expect(fillers('It kind of worked and I sort of led it.')).toEqual({ 'kind of': 1, 'sort of': 1 });
    expect(fillers('What kind of model? A sort of ensemble, this kind of thing.')).toEqual({});
    expect(fillers('It was kinda slow.')).toEqual({ 'kind of': 1 });
  });

  it('counts basically and literally', () => {
    expect(fillers('Basically the model literally memorised the labels.')).toEqual({ basically: 1, literally: 1 });
  });
});

describe('hedges', () => {
  it('counts hedging phrases by their normal form', () => {
    expect(hedges("I think it's right, maybe. I guess we probably could, but I'm not sure.")).toEqual({
      'i think': 1,
      maybe: 1,
      'i guess': 1,
      probably: 1,
      'not sure': 1,
    });
  });

  it('leaves out the same words used for something else', () => {
    expect(hedges('I think of it as a cache. I believe in testing. I don\'t know how it failed.')).toEqual({});
    expect(hedges("I don't know, it might work.")).toEqual({ "i don't know": 1 });
    expect(hedges('I feel like it overfit.')).toEqual({ 'i feel like': 1 });
  });
});

describe('delivery of a spoken answer', () => {
  it('measures pace, fillers, long pauses and hedges from word timings', () => {
    const text = 'Um, so I think the model, like, overfit. We added dropout and it worked.';
    // 14 words, one every 0.4 s, each 0.3 s long, with a 3.5 s silence before "We".
    const words = timings(text.replace(/[,.]/g, ''), 0.4, 0.3, { 8: 3.5 });
    const delivery = measureDelivery({ text, durationSec: 12, words });
    expect(delivery).toEqual({
      guide: 'delivery-1',
      wordCount: 14,
      // First word at 0, last (14th) starts at 13 × 0.4 + 3.5 = 8.7 and ends at 9.0.
      speakingSec: 9,
      wordsPerMinute: 93,
      pace: 'slow',
      fillerWords: { um: 1, like: 1 },
      fillerCount: 2,
      fillerRate: 14.3,
      // "overfit" ends at 7 × 0.4 + 0.3 = 3.1; "We" starts at 8 × 0.4 + 3.5 = 6.7.
      longPauses: [{ atSec: 3.1, durationSec: 3.6 }],
      hedges: { 'i think': 1 },
      hedgeCount: 1,
    });
  });

  it('counts a silence of exactly the threshold as long, and one just under it as not', () => {
    const words: WordTiming[] = [
      { word: 'first', start: 0, end: 0.5 },
      { word: 'second', start: 3.5, end: 4 },
      { word: 'third', start: 6.99, end: 7.4 },
    ];
    expect(measureDelivery({ text: 'first second third', durationSec: 8, words }).longPauses).toEqual([{ atSec: 0.5, durationSec: 3 }]);
  });

  it('rates the pace against the 120–160 words-per-minute guide', () => {
    const sixty = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');
    expect(measureDelivery({ text: sixty, durationSec: 30, words: null })).toMatchObject({ wordsPerMinute: 120, pace: 'good' });
    expect(measureDelivery({ text: sixty, durationSec: 22.5, words: null })).toMatchObject({ wordsPerMinute: 160, pace: 'good' });
    expect(measureDelivery({ text: sixty, durationSec: 20, words: null })).toMatchObject({ wordsPerMinute: 180, pace: 'fast' });
    expect(measureDelivery({ text: sixty, durationSec: 40, words: null })).toMatchObject({ wordsPerMinute: 90, pace: 'slow' });
  });

  it('uses the whole recording for the pace and reports pauses as unknown without word timings', () => {
    const delivery = measureDelivery({ text: 'We shipped it, you know, on time.', durationSec: 3, words: null });
    expect(delivery).toMatchObject({ wordCount: 7, speakingSec: 3, wordsPerMinute: 140, longPauses: null, fillerWords: { 'you know': 1 }, fillerRate: 14.3 });
  });

  it('leaves the silence before the first word out of the pace', () => {
    const words: WordTiming[] = [
      { word: 'one', start: 5, end: 5.4 },
      { word: 'two', start: 5.5, end: 5.9 },
      { word: 'three', start: 6, end: 7 },
    ];
    expect(measureDelivery({ text: 'one two three', durationSec: 8, words })).toMatchObject({ speakingSec: 2, wordsPerMinute: 90, longPauses: [] });
  });

  it('gives no pace for an answer too short to time', () => {
    expect(measureDelivery({ text: 'Yes.', durationSec: 0.6, words: null })).toMatchObject({ wordCount: 1, wordsPerMinute: null, pace: null });
    expect(measureDelivery({ text: '', durationSec: 5, words: [] })).toMatchObject({ wordCount: 0, wordsPerMinute: null, fillerRate: 0, longPauses: [] });
  });
});
