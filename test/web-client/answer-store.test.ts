import { describe, expect, it } from 'vitest';
import { AnswerStore } from '../../src/web/client/answer-store.js';
import { MemoryStorage } from './fakes.js';

function ids(): () => string {
  let next = 0;
  return () => `c_${++next}`;
}

describe('answer store', () => {
  it('keeps queued answers and drafts across a reload (a new store over the same storage)', () => {
    const storage = new MemoryStorage();
    const before = new AnswerStore({ storage, newId: ids() });
    before.follow('s_1');
    before.setDraft('t_2', 'half an answer');
    before.setRecording('t_1', { transcriptionId: 'tr_1', text: 'A full answer' });
    const queued = before.queue('t_1', 'A full answer');

    const after = new AnswerStore({ storage });
    expect(after.draft('t_2')).toBe('half an answer');
    expect(after.queued()).toEqual([]);
    after.follow('s_1');
    expect(after.queued()).toEqual([{ turnId: 't_1', clientId: queued.clientId, text: 'A full answer', transcriptionId: 'tr_1' }]);
  });

  it('keeps one outbox per session: following another session does not show or send this one’s answers', () => {
    const storage = new MemoryStorage();
    const store = new AnswerStore({ storage, newId: ids() });
    store.follow('s_1');
    store.queue('t_1', 'first session answer');
    store.follow('s_2');
    expect(store.queued()).toEqual([]);
    store.follow('s_1');
    expect(store.queued().map((entry) => entry.text)).toEqual(['first session answer']);
  });

  it('removes an answer once its question closes, and leaves no key behind when nothing is pending', () => {
    const storage = new MemoryStorage();
    const store = new AnswerStore({ storage, newId: ids() });
    store.follow('s_1');
    store.setDraft('t_1', 'typing');
    store.queue('t_1', 'the answer');
    expect(store.draft('t_1')).toBeUndefined();
    expect(storage.keys()).toEqual(['interview-coach.outbox.s_1']);

    store.closeTurn('t_1');
    expect(store.queued()).toEqual([]);
    expect(storage.keys()).toEqual([]);
  });

  it('gives a refused answer back once and forgets it', () => {
    const store = new AnswerStore({ storage: new MemoryStorage(), newId: ids() });
    store.follow('s_1');
    const entry = store.queue('t_1', 'too late');
    expect(store.refuse(entry.clientId)).toEqual(entry);
    expect(store.refuse(entry.clientId)).toBeUndefined();
    expect(store.queued()).toEqual([]);
  });

  it('reads the outbox written before this store (a bare list) and writes it back versioned', () => {
    const storage = new MemoryStorage();
    storage.setItem('interview-coach.outbox.s_1', JSON.stringify([{ turnId: 't_1', clientId: 'c_old', text: 'queued before the upgrade' }]));
    const store = new AnswerStore({ storage, newId: ids() });
    store.follow('s_1');
    expect(store.queued()).toEqual([{ turnId: 't_1', clientId: 'c_old', text: 'queued before the upgrade' }]);

    store.queue('t_2', 'queued after it');
    expect(JSON.parse(storage.getItem('interview-coach.outbox.s_1') ?? 'null')).toEqual({
      version: 2,
      answers: [
        { turnId: 't_1', clientId: 'c_old', text: 'queued before the upgrade' },
        { turnId: 't_2', clientId: 'c_1', text: 'queued after it' },
      ],
    });
  });

  it('folds the per-turn draft keys of earlier versions into one key, once', () => {
    const storage = new MemoryStorage();
    storage.setItem('interview-coach.draft.t_1', 'typed before the upgrade');
    storage.setItem('interview-coach.draft.t_2', 'another question');
    storage.setItem('interview-coach.profile', '{"kept":"as it is"}');

    const store = new AnswerStore({ storage });
    expect(store.draft('t_1')).toBe('typed before the upgrade');
    expect(store.draft('t_2')).toBe('another question');
    expect(storage.keys()).toEqual(['interview-coach.drafts', 'interview-coach.profile']);
    expect(JSON.parse(storage.getItem('interview-coach.drafts') ?? 'null')).toEqual({
      version: 1,
      drafts: { t_1: 'typed before the upgrade', t_2: 'another question' },
    });
    expect(new AnswerStore({ storage }).draft('t_1')).toBe('typed before the upgrade');
  });

  it('reads a corrupt or unknown-version value as nothing instead of failing', () => {
    const storage = new MemoryStorage();
    storage.setItem('interview-coach.outbox.s_1', '{not json');
    storage.setItem('interview-coach.drafts', JSON.stringify({ version: 9, drafts: { t_1: 'from the future' } }));
    const store = new AnswerStore({ storage });
    store.follow('s_1');
    expect(store.queued()).toEqual([]);
    expect(store.draft('t_1')).toBeUndefined();
  });

  it('reports a draft as worth sending only when the server does not hold that text already', () => {
    const store = new AnswerStore({ storage: new MemoryStorage() });
    store.follow('s_1');
    store.setServerDraft('t_1', 'from the transcript');
    expect(store.saveDraft('t_1', 'from the transcript')).toBe(false);
    expect(store.saveDraft('t_1', 'edited')).toBe(true);
    expect(store.saveDraft('t_1', 'edited')).toBe(false);
    expect(store.saveDraft('t_2', '')).toBe(false);
    expect(store.draft('t_1')).toBe('edited');
  });

  it('holds only the newest unsent draft per open question, and none for a closed one', () => {
    const store = new AnswerStore({ storage: new MemoryStorage() });
    store.follow('s_1');
    store.holdUnsent('t_1', 'first');
    store.holdUnsent('t_1', 'second');
    store.holdUnsent('t_2', 'other');
    store.closeTurn('t_2');
    store.holdUnsent('t_2', 'after close');
    expect(store.takeUnsent()).toEqual([{ turnId: 't_1', text: 'second' }]);
    expect(store.takeUnsent()).toEqual([]);
  });

  it('works without storage (the browser refused it): everything stays in memory', () => {
    const store = new AnswerStore({ storage: null, newId: ids() });
    store.follow('s_1');
    store.setDraft('t_1', 'kept in memory');
    store.queue('t_2', 'queued in memory');
    expect(store.draft('t_1')).toBe('kept in memory');
    expect(store.queued()).toHaveLength(1);
  });
});

describe('answer store: spoken answers', () => {
  it('attaches the recording of the question it was made for, once', () => {
    const store = new AnswerStore({ storage: new MemoryStorage(), newId: ids() });
    store.follow('s_1');
    store.setRecording('t_1', { transcriptionId: 'tr_1', text: 'spoken words' });
    expect(store.queue('t_2', 'typed for another question').transcriptionId).toBeUndefined();
    expect(store.queue('t_1', 'spoken words, edited').transcriptionId).toBe('tr_1');
    expect(store.recording('t_1')).toBeUndefined();
  });

  it('forgets a recording when the draft no longer comes from it', () => {
    const store = new AnswerStore({ storage: new MemoryStorage(), newId: ids() });
    store.follow('s_1');
    store.setRecording('t_1', { transcriptionId: 'tr_1', text: 'spoken words' });
    store.setRecording('t_1', null);
    expect(store.queue('t_1', 'typed instead').transcriptionId).toBeUndefined();
  });
});
