import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StoredFormatError, createStoredCodec } from '../../src/store/stored-codec.js';
import { createTestApp, createUser } from '../helpers/app.js';
import { gradeResultCodec } from '../../src/grading/feedback-repository.js';
import { createSessionRepository, sessionEventCodec, sessionOptionsCodec, sessionPlanCodec } from '../../src/interview/session-repository.js';

// A stored shape that changed twice: v1 kept a bare number, v2 named it, v3 added a unit.
const Current = z.object({ seconds: z.number(), unit: z.literal('s') });
const codec = createStoredCodec('timer', Current, [
  (value) => ({ seconds: value }),
  (value) => ({ ...z.object({ seconds: z.number() }).parse(value), unit: 's' }),
]);

describe('stored codecs', () => {
  it('upgrades each older version step by step to the current shape', () => {
    expect(codec.version).toBe(3);
    expect(codec.decode('42', 1)).toEqual({ seconds: 42, unit: 's' });
    expect(codec.decode('{"seconds":7}', 2)).toEqual({ seconds: 7, unit: 's' });
    expect(codec.decode(codec.encode({ seconds: 3, unit: 's' }), codec.version)).toEqual({ seconds: 3, unit: 's' });
  });

  it('refuses a version newer than the server reads, a bad version and a value its schema rejects', () => {
    expect(() => codec.decode('{}', 4)).toThrow(/format 4, newer than this server reads \(3\)/);
    expect(() => codec.decode('{}', 0)).toThrow(StoredFormatError);
    expect(() => codec.decode('{"seconds":"x","unit":"s"}', 3)).toThrow(StoredFormatError);
    expect(() => codec.decode('not json', 3)).toThrow(/timer is not JSON/);
  });

  it('writes the current format version beside every stored event, feedback and session', async () => {
    const { app, db } = await createTestApp();
    const user = await createUser(app);
    const graded = await app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: user.auth,
      payload: { question: 'Explain overfitting.', answer: 'The model fits noise in the training data, so validation error rises.' },
    });
    expect(graded.statusCode).toBe(200);
    expect(db.prepare('SELECT DISTINCT result_format AS v FROM feedback').all()).toEqual([{ v: gradeResultCodec.version }]);

    const sessions = createSessionRepository(db);
    db.transaction(() => {
      sessions.insertSession({
        id: 's1',
        userId: user.id,
        mode: 'technical',
        options: { mode: 'technical', count: 1, secondsPerQuestion: 60, followUps: false, pacing: 'practice' },
        plan: [],
        startClientId: null,
        createdAt: 1,
      });
      sessions.appendEvent('s1', { type: 'turn.skipped', turnId: 't1' }, 2);
    })();
    expect(db.prepare('SELECT options_format AS o, plan_format AS p FROM sessions').get()).toEqual({
      o: sessionOptionsCodec.version,
      p: sessionPlanCodec.version,
    });
    expect(db.prepare('SELECT format AS v FROM events').get()).toEqual({ v: sessionEventCodec.version });
    expect(sessions.eventsAfter('s1', 0)).toEqual([{ type: 'turn.skipped', turnId: 't1', seq: 1, at: 2, sessionId: 's1' }]);
  });

  it('refuses to read a transcript event stored by a newer server, with a clear message', async () => {
    const { app, db } = await createTestApp();
    const user = await createUser(app);
    const sessions = createSessionRepository(db);
    db.transaction(() => {
      sessions.insertSession({
        id: 's1',
        userId: user.id,
        mode: 'technical',
        options: { mode: 'technical', count: 1, secondsPerQuestion: 60, followUps: false, pacing: 'practice' },
        plan: [],
        startClientId: null,
        createdAt: 1,
      });
      sessions.appendEvent('s1', { type: 'turn.skipped', turnId: 't1' }, 2);
    })();
    db.prepare('UPDATE events SET format = ?').run(sessionEventCodec.version + 1);
    expect(() => sessions.eventsAfter('s1', 0)).toThrow(/newer than this server reads/);
  });
});
