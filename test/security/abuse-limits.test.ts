import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { REPLAY_PAGE_SIZE } from '../../src/interview/live-sessions.js';
import { createSessionRepository } from '../../src/interview/session-repository.js';
import { loggerOptions } from '../../src/logger.js';
import { createTestApp, createUser, listenWs } from '../helpers/app.js';
import { TestClient } from '../helpers/ws-client.js';

/** Status of a websocket upgrade the server refuses (or 101 when it accepts). */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('error', (error) => reject(error));
  });
}

describe('websocket caps', () => {
  it('refuses a user more sockets than WS_MAX_PER_USER with 4429, and lets one in again when another closes', async () => {
    const test = await createTestApp({ WS_MAX_PER_USER: '2' });
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const first = await TestClient.authed(url, user.token);
    const second = await TestClient.authed(url, user.token);
    const third = await TestClient.connect(url);
    third.send({ type: 'auth', token: user.token });
    expect((await third.next('error')).code).toBe('too_many_connections');
    expect(await third.waitClosed()).toEqual({ code: 4429, reason: 'too many connections for this user' });
    // Another user is not affected.
    const other = await TestClient.authed(url, (await createUser(test.app, 'Other')).token);
    first.close();
    await first.waitClosed();
    await new Promise((resolve) => setImmediate(resolve));
    const again = await TestClient.authed(url, user.token);
    for (const client of [second, other, again]) client.close();
  });

  it('refuses an address more sockets than WS_MAX_PER_ADDRESS with 4429, before any authentication', async () => {
    const test = await createTestApp({ WS_MAX_PER_ADDRESS: '3' });
    const url = await listenWs(test);
    const open = await Promise.all([1, 2, 3].map(() => TestClient.connect(url)));
    const fourth = await TestClient.connect(url);
    expect(await fourth.waitClosed()).toEqual({ code: 4429, reason: 'too many connections from this address' });
    open[0]?.close();
    await open[0]?.waitClosed();
    await new Promise((resolve) => setImmediate(resolve));
    const fifth = await TestClient.connect(url);
    fifth.send({ type: 'ping' });
    expect((await fifth.next('error')).code).toBe('unauthenticated');
    expect(fifth.closed).toBeNull();
    for (const client of [...open.slice(1), fifth]) client.close();
  });

  it('closes an authenticated socket that starts or resumes nothing within WS_IDLE_TIMEOUT_MS with 4408', async () => {
    const test = await createTestApp({ WS_IDLE_TIMEOUT_MS: '10000' });
    const url = await listenWs(test);
    const user = await createUser(test.app);
    const idle = await TestClient.authed(url, user.token);
    const busy = await TestClient.authed(url, user.token);
    busy.send({ type: 'start', mode: 'technical', count: 1, secondsPerQuestion: 600 });
    await busy.next('question');
    // Heartbeats alone do not keep it: both answer pings.
    test.clock.advance(10_000);
    expect(await idle.waitClosed()).toEqual({ code: 4408, reason: 'no interview started or resumed' });
    await busy.sync();
    expect(busy.closed).toBeNull();
    busy.close();
  });
});

describe('resume replay', () => {
  it("sends a resume's replay in pages paced by the user's byte budget, without holding up another user", async () => {
    const test = await createTestApp({ WS_REPLAY_BYTES_PER_SECOND: '1000' });
    const url = await listenWs(test);
    const heavy = await createUser(test.app, 'Heavy');
    const client = await TestClient.authed(url, heavy.token);
    client.send({ type: 'start', mode: 'technical', count: 1, secondsPerQuestion: 600 });
    const { sessionId } = await client.next('session.started');
    await client.next('question');
    client.close();
    // A long transcript: 150 more messages of about 100 bytes.
    const sessions = createSessionRepository(test.db);
    test.db.transaction(() => {
      for (let i = 0; i < 150; i += 1) sessions.appendEvent(sessionId, { type: 'turn.skipped', turnId: `t_filler_${i}` }, test.clock.now());
    })();

    const resumer = await TestClient.authed(url, heavy.token);
    resumer.send({ type: 'resume', sessionId, lastSeq: 0 });
    const replayed = () => resumer.messages.filter((message) => message.seq > 0).length;
    // Pages of REPLAY_PAGE_SIZE messages go out until they overdraw the 2 KB burst; then nothing more until
    // the budget refills.
    await waitFor(() => replayed() >= REPLAY_PAGE_SIZE);
    await resumer.sync();
    const held = replayed();
    expect(held % REPLAY_PAGE_SIZE).toBe(0);
    expect(held).toBeLessThan(100);
    const other = await createUser(test.app, 'Other');
    const otherClient = await TestClient.authed(url, other.token);
    otherClient.send({ type: 'start', mode: 'technical', count: 1, secondsPerQuestion: 600 });
    const otherSession = (await otherClient.next('session.started')).sessionId;
    const otherResume = await TestClient.authed(url, other.token);
    otherResume.send({ type: 'resume', sessionId: otherSession, lastSeq: 0 });
    await otherResume.next('session.resumed');
    expect(replayed()).toBe(held);
    expect(resumer.messages.some((message) => message.type === 'session.resumed')).toBe(false);

    for (let round = 0; round < 10 && !resumer.messages.some((message) => message.type === 'session.resumed'); round += 1) {
      test.clock.advance(10_000);
      await resumer.sync();
    }
    const resumed = await resumer.seen('session.resumed');
    const seqs = resumer.messages.filter((message) => message.seq > 0).map((message) => message.seq);
    expect(seqs).toEqual(Array.from({ length: resumed.lastSeq }, (_, index) => index + 1));
    for (const socket of [resumer, otherClient, otherResume]) socket.close();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('rate-limit buckets', () => {
  it('never rate-limits the health routes', async () => {
    const test = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    for (let i = 0; i < 10; i += 1) {
      expect((await test.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await test.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    }
    expect((await test.app.inject({ url: '/api/topics' })).statusCode).toBe(200);
  });

  it('gives websocket upgrades a bucket of their own, apart from HTTP requests', async () => {
    const test = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3', WS_UPGRADES_PER_MINUTE: '4' });
    const url = await listenWs(test);
    const base = url.replace('ws://', 'http://').replace('/ws', '');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push(await upgradeStatus(url));
    expect(statuses).toEqual([101, 101, 101, 101, 429]);
    // Upgrades used none of the HTTP budget, and health checks use none of either.
    const http = [];
    for (let i = 0; i < 4; i += 1) http.push((await fetch(`${base}/api/topics`)).status);
    expect(http).toEqual([200, 200, 200, 429]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});

describe('injected websockets', () => {
  it('serves a socket injected with app.injectWS, which has no network address, through the upgrade bucket and the caps', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const ws = await test.app.injectWS('/ws');
    const first = new Promise<string>((resolve) => ws.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
    ws.send(JSON.stringify({ type: 'auth', token: user.token }));
    expect(JSON.parse(await first)).toMatchObject({ type: 'auth.ok' });
    ws.terminate();
  });
});

describe('origin of websocket pages', () => {
  it('compares scheme, host and port with PUBLIC_ORIGIN, never trusting the Host header', async () => {
    const test = await createTestApp({ PUBLIC_ORIGIN: 'https://coach.example.org', ALLOWED_ORIGINS: 'https://other.example.org:8443' });
    const url = await listenWs(test);
    expect(await upgradeStatus(url, { origin: 'https://coach.example.org' })).toBe(101);
    expect(await upgradeStatus(url, { origin: 'https://other.example.org:8443' })).toBe(101);
    expect(await upgradeStatus(url, { origin: 'http://coach.example.org' })).toBe(403);
    expect(await upgradeStatus(url, { origin: 'https://coach.example.org:444' })).toBe(403);
    // A forged Host matching the Origin used to pass the check.
    expect(await upgradeStatus(url, { origin: 'https://evil.example', host: 'evil.example' })).toBe(403);
    // Without an Origin header (not a browser page) the socket is allowed, as before.
    expect(await upgradeStatus(url)).toBe(101);
  });

  it('without PUBLIC_ORIGIN allows the loopback origins on the port the connection arrived at, and no other', async () => {
    const test = await createTestApp();
    const url = await listenWs(test);
    const port = new URL(url).port;
    expect(await upgradeStatus(url, { origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await upgradeStatus(url, { origin: `http://localhost:${port}` })).toBe(101);
    expect(await upgradeStatus(url, { origin: `https://localhost:${port}` })).toBe(403);
    expect(await upgradeStatus(url, { origin: `http://localhost:${Number(port) + 1}` })).toBe(403);
    expect(await upgradeStatus(url, { origin: `http://evil.example:${port}`, host: `evil.example:${port}` })).toBe(403);
  });

  it('refuses to start with a PUBLIC_ORIGIN that is not an origin', async () => {
    await expect(createTestApp({ PUBLIC_ORIGIN: 'https://coach.example.org/app' })).rejects.toThrow(/PUBLIC_ORIGIN: expected an origin/);
    await expect(createTestApp({ ALLOWED_ORIGINS: 'coach.example.org' })).rejects.toThrow(/ALLOWED_ORIGINS/);
  });
});

describe('router errors and protocol violations', () => {
  it('answers router-level errors through the one error shape, with the security headers', async () => {
    const test = await createTestApp();
    const user = await createUser(test.app);
    const url = await listenWs(test);
    const base = url.replace('ws://', 'http://').replace('/ws', '');
    for (const [path, status, code] of [
      ['/api/sessions/%ED%A0%80', 400, 'bad_url'],
      [`/api/sessions/${'a'.repeat(140)}`, 414, 'uri_too_long'],
    ] as const) {
      // Over a real connection: the router answers these before any hook of an injected request would run.
      const response = await fetch(`${base}${path}`, { headers: user.auth });
      expect(response.status, path).toBe(status);
      expect(await response.json(), path).toEqual({ error: { code, message: expect.any(String) } });
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain("object-src 'none'");
    }
  });

  it('logs a protocol violation at warn, without a stack trace', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const test = await createTestApp({}, { logger: loggerOptions('debug', { stream }) });
    const url = await listenWs(test);
    const client = await TestClient.connect(url);
    client.send({ type: 'auth', token: 'x'.repeat(70 * 1024) });
    expect((await client.waitClosed()).code).toBe(1009);
    await waitFor(() => lines.some((line) => line.includes('protocol violation')));
    const entry = JSON.parse(lines.find((line) => line.includes('protocol violation')) ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 40, code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' });
    expect(JSON.stringify(entry)).not.toContain('stack');
    expect(lines.some((line) => (JSON.parse(line) as { level: number }).level >= 50)).toBe(false);
  });
});
