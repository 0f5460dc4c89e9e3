import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TurnStatus, TurnStatusSchema } from '../../src/contracts/turn-status.js';
import { createSessionRepository } from '../../src/interview/session-repository.js';
import { openDb } from '../../src/store/db.js';
import { tempDir } from '../helpers/app.js';

describe('turn statuses', () => {
  it('the store accepts every status of the one enum and refuses any other, and reads the open ones back as pending', () => {
    const db = openDb(path.join(tempDir(), 'statuses.db'));
    const sessions = createSessionRepository(db);
    db.prepare("INSERT INTO users (id, name, token_hash, created_at) VALUES ('u1', 'Ada', 'h', '2026-11-01')").run();
    sessions.insertSession({
      id: 's1',
      userId: 'u1',
      mode: 'technical',
      options: { mode: 'technical', count: 5, secondsPerQuestion: 120, followUps: false, pacing: 'practice' },
      plan: [],
      startClientId: null,
      createdAt: 1,
    });
    const insert = db.prepare(
      `INSERT INTO turns (id, session_id, position, main_index, question_text, kind, topic, status)
       VALUES (?, 's1', ?, ?, 'Q?', 'technical', 'ml', ?)`,
    );
    TurnStatusSchema.options.forEach((status, index) => insert.run(`t_${status}`, index + 1, index + 1, status));
    expect(() => insert.run('t_lost', 99, 99, 'lost')).toThrow(/CHECK constraint/);
    expect(sessions.pendingTurns().map((turn) => turn.status).sort()).toEqual([TurnStatus.answered, TurnStatus.asked]);
    db.close();
  });
});
