import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../src/logger.js';
import { createTestApp, createUser } from '../helpers/app.js';

describe('service basics', () => {
  it('answers liveness and readiness with the corpus loaded', async () => {
    const { app } = await createTestApp();
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json<{ questions: number }>().questions).toBeGreaterThan(400);
  });

  it('answers unknown routes with the error body shape', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json<{ error: { code: string } }>().error.code).toBe('not_found');
  });

  it('creates a user with a 128-bit+ token and stores only its hash', async () => {
    const { app, db } = await createTestApp();
    const response = await app.inject({ method: 'POST', url: '/api/users', payload: { name: 'Grace' } });
    expect(response.statusCode).toBe(201);
    const { id, token } = response.json<{ id: string; token: string }>();
    expect(Buffer.from(token.replace(/^ic_/, ''), 'base64url').length).toBeGreaterThanOrEqual(16);
    const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id);
    expect(JSON.stringify(row)).not.toContain(token);
    const me = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json<{ name: string }>().name).toBe('Grace');
  });

  it('rejects missing, malformed and unknown tokens with 401', async () => {
    const { app } = await createTestApp();
    for (const authorization of [undefined, 'Bearer', 'Basic abc', 'Bearer ic_' + 'x'.repeat(43)]) {
      const response = await app.inject({ url: '/api/me', headers: authorization ? { authorization } : {} });
      expect(response.statusCode).toBe(401);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('unauthorized');
    }
  });

  it('rejects an oversized body with 413 and a clear error', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(400_000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json<{ error: { code: string } }>().error.code).toBeTruthy();
  });

  it('serves an OpenAPI document generated from the schemas, and a docs page', async () => {
    const { app } = await createTestApp();
    const spec = (await app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/questions', '/api/questions/{id}', '/api/users']));
    const docs = await app.inject({ url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('sends security headers on every page, API response and error', async () => {
    const { app } = await createTestApp();
    for (const url of ['/', '/healthz', '/docs/', '/api/topics', '/api/nope', '/openapi.json']) {
      const response = await app.inject({ url });
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      const policy = String(response.headers['content-security-policy']);
      expect(policy, url).toContain("object-src 'none'");
      expect(policy, url).not.toContain('unsafe-inline');
    }
    const page = await app.inject({ url: '/' });
    expect(page.headers['content-type']).toContain('text/html');
    for (const directive of ["script-src 'self'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(String(page.headers['content-security-policy'])).toContain(directive);
    }
  });

  it('never writes the bearer token to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { app } = await createTestApp(
      {},
      { logger: loggerOptions('trace', { stream }) },
    );
    const { token } = await createUser(app);
    await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(token);
  });
});
