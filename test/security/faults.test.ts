import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { createTestApp, createUser, listenWs, tempDir } from '../helpers/app.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { freePort, SERVER_ENTRY, startServer } from '../helpers/server-process.js';
import { TestClient } from '../helpers/ws-client.js';

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});


function runServer(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [SERVER_ENTRY], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('faults', () => {
  it('finishes a 5-question interview through a model outage with marked offline feedback for every answer', async () => {
    fake = await startFakeOpenAI(() => ({ type: 'error', status: 503, message: 'overloaded' }));
    const test = await createTestApp({ GRADER: 'llm', OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: '1', LLM_TIMEOUT_MS: '2000' });
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'mixed', count: 5 });
    for (let index = 1; index <= 5; index += 1) {
      const question = await client.next('question');
      client.send({
        type: 'answer',
        turnId: question.turnId,
        clientId: `o-${index}`,
        text: `I profiled the pipeline, found the slow join and cut the run time by ${index * 10}% for the team.`,
      });
      await client.next('answer.accepted');
      const feedback = await client.next('feedback');
      expect(feedback.grader.kind).toBe('offline');
      expect(feedback.grader.fallbackReason).toBeTruthy();
      if (index < 5) {
        await client.next('next.ready');
        client.send({ type: 'next' });
      }
    }
    expect((await client.next('session.ended')).reason).toBe('completed');
    const answers = test.db.prepare("SELECT count(*) AS n FROM turns WHERE answer_text IS NOT NULL AND status = 'graded'").get();
    expect(answers).toEqual({ n: 5 });
    expect(fake.requests.length).toBeGreaterThanOrEqual(5);
    // Prompts carry one question, its reference and one answer: they stay bounded as the interview grows.
    for (const request of fake.requests) expect(JSON.stringify(request.body).length).toBeLessThan(25_000);
    client.close();
  });

  it('waits for a write lock held by another connection for a second instead of failing', async () => {
    const test = await createTestApp();
    // Another process holds the write lock: better-sqlite3 waits synchronously, so it cannot be this one.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const Database = require('better-sqlite3');
         const db = new Database(process.argv[1]);
         db.pragma('busy_timeout = 5000');
         db.exec('BEGIN IMMEDIATE');
         db.prepare("INSERT INTO llm_usage (user_id, day, tokens) SELECT id, 'lock', 0 FROM users LIMIT 0").run();
         process.stdout.write('locked\\n');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
         db.exec('COMMIT');`,
        test.dbPath,
      ],
      { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    const started = performance.now();
    const response = await test.app.inject({ method: 'POST', url: '/api/users', payload: { name: 'Patient' } });
    const waited = performance.now() - started;
    expect(response.statusCode).toBe(201);
    expect(waited).toBeGreaterThan(300);
    await new Promise((resolve) => holder.once('exit', resolve));
  });

  it('stops with one clear line and a non-zero exit when the disk is full', () => {
    const { status, stderr } = runServer({ DATABASE_PATH: '/dev/full' });
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^interview-coach: disk is full/);
  });

  it('stops with one clear line and a non-zero exit when the database cannot be written', () => {
    const { status, stderr } = runServer({ DATABASE_PATH: '/sys/interview-coach.db' });
    expect(status).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^interview-coach: cannot open the database file/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with one line naming the variable for a bad configuration', () => {
    const { status, stderr } = runServer({ PORT: 'ninety', DATABASE_PATH: path.join(tempDir(), 'x.db') });
    expect(status).toBe(1);
    expect(stderr.trim()).toMatch(/^interview-coach: invalid configuration: PORT: /);
  });

  it('closes live interviews with a resumable 1012 on SIGTERM, and keeps their deadlines for the next start', async () => {
    const dbPath = path.join(tempDir(), 'shutdown.db');
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}/ws`;
    const server = await startServer(dbPath, port);
    const user = (await (await fetch(`http://127.0.0.1:${port}/api/users`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).json()) as { token: string };
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 2, secondsPerQuestion: 600 });
    const { sessionId } = await client.next('session.started');
    const question = await client.next('question');
    client.send({ type: 'draft', turnId: question.turnId, text: 'half an answer' });
    await client.sync();

    server.kill('SIGTERM');
    expect((await client.waitClosed()).code).toBe(1012);
    const exitCode = await new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    expect(exitCode).toBe(0);

    const restarted = await startServer(dbPath, port);
    try {
      const again = await TestClient.authed(url, user.token);
      again.send({ type: 'resume', sessionId, lastSeq: client.lastSeq() });
      const resumed = await again.next('session.resumed');
      expect(resumed.status).toBe('active');
      again.send({ type: 'answer', turnId: question.turnId, clientId: 'after-restart', text: 'I would use k-fold cross-validation.' });
      expect((await again.next('answer.accepted')).turnId).toBe(question.turnId);
      await again.next('feedback');
      await again.next('next.ready');
      again.send({ type: 'next' });
      const next = await again.next('question');
      expect(next.deadline).toBeGreaterThan(Date.now() + 500_000);
      again.close();
    } finally {
      restarted.kill('SIGKILL');
    }
  });
});
