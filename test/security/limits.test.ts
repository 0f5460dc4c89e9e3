import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { createTestApp, createUser, listenWs } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';


describe('HTTP limits', () => {
  it('rate-limits per user with retry-after, without touching other users', async () => {
    const test = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
    const alice = await createUser(test.app, 'Alice');
    const bob = await createUser(test.app, 'Bob');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await test.app.inject({ url: '/api/me', headers: alice.auth })).statusCode);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await test.app.inject({ url: '/api/me', headers: alice.auth });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    expect((await test.app.inject({ url: '/api/me', headers: bob.auth })).statusCode).toBe(200);
  });

  it('gives invented tokens no fresh budget: they count against the address', async () => {
    const test = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const response = await test.app.inject({ url: '/api/topics', headers: { authorization: `Bearer ic_${String(i).repeat(43)}` } });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('has a non-zero request timeout and a body limit', async () => {
    const test = await createTestApp();
    expect(test.app.server.requestTimeout).toBeGreaterThan(0);
    expect(test.app.initialConfig.bodyLimit).toBeLessThanOrEqual(1024 * 1024);
  });

  it('names the field in validation errors without leaking internals', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const response = await test.app.inject({
      method: 'POST',
      url: '/api/feedback',
      headers: user.auth,
      payload: { question: 'Why?', answer: 42 },
    });
    expect(response.statusCode).toBe(400);
    const message = response.json<{ error: { message: string } }>().error.message;
    expect(message).toContain('answer');
    expect(message).not.toMatch(/zod|node_modules|at .*\.ts/i);
  });
});

describe('websocket limits', () => {
  it('throttles a flood of 1,000 messages from one socket without slowing another session', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const flooder = await TestClient.authed(url, (await createUser(test.app, 'Flood')).token);
    const calm = await TestClient.authed(url, (await createUser(test.app, 'Calm')).token);
    calm.send({ type: 'start', mode: 'technical', count: 1 });
    await calm.next('question');

    for (let i = 0; i < 1000; i += 1) flooder.send({ type: 'ping' });
    const started = performance.now();
    await calm.sync();
    const calmLatency = performance.now() - started;
    await flooder.next('error');

    const pongs = flooder.messages.filter((message) => message.type === 'pong').length;
    const throttled = flooder.messages.filter((message) => message.type === 'error' && message.code === 'rate_limited');
    expect(pongs).toBeLessThan(100);
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(calmLatency).toBeLessThan(500);
    expect(flooder.closed).toBeNull();
    flooder.close();
    calm.close();
  });

  it('cuts off a consumer that stops reading, and lets it resume later', async () => {
    const test = await createTestApp({}, { wsLimits: { maxBufferedBytes: 64 * 1024, messagesPerSecond: 1_000_000, burst: 1_000_000 } });
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const client = await TestClient.authed(url, user.token);
    client.send({ type: 'start', mode: 'technical', count: 3 });
    const { sessionId } = await client.next('session.started');
    await client.next('question');

    const slow = new WebSocket(url);
    await new Promise((resolve) => slow.once('open', resolve));
    slow.send(JSON.stringify({ type: 'auth', token: user.token }));
    await new Promise((resolve) => slow.once('message', resolve));
    // Stop reading: the server's replies (pongs) pile up in its send buffer once the socket's are full.
    slow.pause();
    slow.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => slow.once('close', () => resolve()));
    const ping = JSON.stringify({ type: 'ping' });
    let sent = 0;
    const deadline = Date.now() + 15_000;
    let cutOff = false;
    void closed.then(() => {
      cutOff = true;
    });
    while (!cutOff && Date.now() < deadline && sent < 400_000) {
      slow.send(ping);
      sent += 1;
      if (sent % 2_000 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    expect(cutOff).toBe(true);

    const again = await TestClient.authed(url, user.token);
    again.send({ type: 'resume', sessionId, lastSeq: 0 });
    await again.next('session.resumed');
    expect(again.messages.some((message) => message.type === 'question')).toBe(true);
    again.close();
    client.close();
  });

  it('refuses to start more than 10 interviews in progress for one user', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const client = await TestClient.authed(url, (await createUser(test.app)).token);
    for (let i = 0; i < 10; i += 1) {
      client.send({ type: 'start', mode: 'technical', count: 1 });
      await client.next('session.started');
    }
    client.send({ type: 'start', mode: 'technical', count: 1 });
    expect(await client.next('error')).toMatchObject({ code: 'too_many_sessions', ref: { type: 'start' } });
    client.send({ type: 'end' });
    await client.next('session.ended');
    client.send({ type: 'start', mode: 'technical', count: 1 });
    await client.next('session.started');
    client.close();
  });

  it('rejects a websocket upgrade from a foreign Origin', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { origin: 'https://evil.example' } });
      socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.once('open', () => reject(new Error('foreign origin was accepted')));
      socket.once('error', () => undefined);
    });
    expect(status).toBe(403);
    const sameOrigin = await TestClient.connect(url, { origin: url.replace('ws://', 'http://').replace('/ws', '') });
    sameOrigin.close();
  });
});
