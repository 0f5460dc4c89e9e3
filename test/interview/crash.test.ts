import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { freePort, startServer } from '../helpers/server-process.js';
import { TestClient } from '../helpers/ws-client.js';

const ROUNDS = 20;

describe('crash safety', () => {
  it(`loses no acknowledged answer across ${ROUNDS} kill -9 at random moments`, { timeout: 240_000 }, async () => {
    const dbPath = path.join(tempDir(), 'crash.db');
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}/ws`;
    const acked = new Map<string, string>(); // clientId → turnId
    let token = '';
    let sessionId: string | null = null;
    let lastSeq = 0;
    let counter = 0;
    // Like the UI: an answer stays in the outbox until acknowledged and is re-sent after a resume.
    const outbox = new Map<string, { type: 'answer'; turnId: string; clientId: string; text: string }>();
    const settled = new Set<string>();

    for (let round = 0; round < ROUNDS; round += 1) {
      const server = await startServer(dbPath, port);
      if (token === '') {
        const response = await fetch(`http://127.0.0.1:${port}/api/users`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        token = ((await response.json()) as { token: string }).token;
      }
      const client = await TestClient.authed(url, token);
      client.socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { type: string; seq: number; turnId?: string; clientId?: string; sessionId?: string };
        if (message.seq > 0) lastSeq = Math.max(lastSeq, message.seq);
        if (message.type === 'answer.accepted' && message.clientId && message.turnId) {
          acked.set(message.clientId, message.turnId);
          outbox.delete(message.turnId);
          settled.add(message.turnId);
        }
        if (message.type === 'session.resumed') for (const answer of outbox.values()) client.send(answer);
        if (message.type === 'session.started' && message.sessionId) {
          sessionId = message.sessionId;
          lastSeq = message.seq;
        }
        const turnId = message.turnId;
        if ((message.type === 'question' || message.type === 'followup') && turnId && !settled.has(turnId) && !outbox.has(turnId)) {
          counter += 1;
          const answer = {
            type: 'answer' as const,
            turnId,
            clientId: `r${round}-${counter}`,
            text: `In my last project I reduced training time by ${counter}% by profiling the input pipeline.`,
          };
          outbox.set(turnId, answer);
          client.send(answer);
        }
        if (message.type === 'session.ended') {
          outbox.clear();
          sessionId = null;
          client.send({ type: 'start', mode: 'technical', count: 20 });
        }
      });
      if (sessionId === null) client.send({ type: 'start', mode: 'technical', count: 20 });
      else client.send({ type: 'resume', sessionId, lastSeq });

      // Every round gets at least one answer in, then dies at a random moment of its traffic.
      const ackedBefore = acked.size;
      const waitUntil = Date.now() + 15_000;
      while (acked.size === ackedBefore && Date.now() < waitUntil) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 300)));
      server.kill('SIGKILL');
      await new Promise((resolve) => server.once('exit', resolve));
      client.socket.terminate();
    }

    expect(acked.size).toBeGreaterThanOrEqual(ROUNDS);
    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const byClient = db.prepare<[string], { turn_id: string; n: number }>(
      "SELECT id AS turn_id, count(*) AS n FROM turns WHERE answer_client_id = ? GROUP BY id",
    );
    const inputs = db.prepare<[string, string], { n: number }>(
      "SELECT count(*) AS n FROM client_events WHERE turn_id = ? AND type = 'answer' AND text LIKE ?",
    );
    for (const [clientId, turnId] of acked) {
      expect(byClient.all(clientId)).toEqual([{ turn_id: turnId, n: 1 }]);
      expect(inputs.get(turnId, '%')?.n).toBe(1);
    }
    db.close();
  });
});
