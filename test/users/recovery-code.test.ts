import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RECOVERY_ATTEMPTS_PER_HOUR } from '../../src/http/user-routes.js';
import { createTestApp, createUser } from '../helpers/app.js';

describe('profile recovery codes', () => {
  it('lets another device sign in to the same profile with the code, which is stored only as a hash', async () => {
    const { app, db } = await createTestApp();
    const user = await createUser(app, 'Grace');
    await app.inject({ method: 'POST', url: '/api/feedback', headers: user.auth, payload: { question: 'What is overfitting?', answer: 'When a model learns noise in the training data.' } });

    const made = await app.inject({ method: 'POST', url: '/api/me/recovery-code', headers: user.auth });
    expect(made.statusCode).toBe(201);
    const { code } = made.json<{ code: string }>();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    const stored = JSON.stringify(db.prepare('SELECT * FROM recovery_codes').all());
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replace(/-/g, ''));
    expect(stored).toContain(createHash('sha256').update(code.replace(/-/g, '')).digest('hex'));
    expect((await app.inject({ url: '/api/me', headers: user.auth })).json<{ recoveryCodeCreatedAt: string | null }>().recoveryCodeCreatedAt).not.toBeNull();

    // Typed by hand on a phone: lower case, spaces instead of dashes.
    const recovered = await app.inject({ method: 'POST', url: '/api/recover', payload: { code: code.toLowerCase().replace(/-/g, ' ') } });
    expect(recovered.statusCode).toBe(200);
    const device = recovered.json<{ id: string; token: string; name: string }>();
    expect(device.id).toBe(user.id);
    expect(device.name).toBe('Grace');
    expect(device.token).not.toBe(user.token);
    const auth = { authorization: `Bearer ${device.token}` };
    expect((await app.inject({ url: '/api/feedback', headers: auth })).json<unknown[]>()).toHaveLength(1);
    // Both devices stay signed in.
    expect((await app.inject({ url: '/api/me', headers: user.auth })).statusCode).toBe(200);
    expect(JSON.stringify(db.prepare('SELECT * FROM device_tokens').all())).not.toContain(device.token);
  });

  it('refuses a wrong, malformed, replaced or revoked code with 401 and gives no other profile', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const first = (await app.inject({ method: 'POST', url: '/api/me/recovery-code', headers: user.auth })).json<{ code: string }>().code;
    const second = (await app.inject({ method: 'POST', url: '/api/me/recovery-code', headers: user.auth })).json<{ code: string }>().code;
    expect(second).not.toBe(first);
    const redeem = (code: string) => app.inject({ method: 'POST', url: '/api/recover', payload: { code } });
    const replaced = await redeem(first);
    expect(replaced.statusCode).toBe(401);
    expect(replaced.json<{ error: { code: string } }>().error.code).toBe('unauthorized');
    expect((await redeem('not a code')).statusCode).toBe(401);
    expect((await redeem('')).statusCode).toBe(400);
    expect((await redeem(second)).statusCode).toBe(200);

    expect((await app.inject({ method: 'DELETE', url: '/api/me/recovery-code', headers: user.auth })).statusCode).toBe(204);
    expect((await redeem(second)).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: '/api/me/recovery-code', headers: user.auth })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/me/recovery-code' })).statusCode).toBe(401);
  });

  it('limits redemption attempts per address, even with a valid code after the limit', async () => {
    const { app } = await createTestApp();
    const user = await createUser(app);
    const { code } = (await app.inject({ method: 'POST', url: '/api/me/recovery-code', headers: user.auth })).json<{ code: string }>();
    for (let attempt = 0; attempt < RECOVERY_ATTEMPTS_PER_HOUR; attempt += 1) {
      const guess = await app.inject({ method: 'POST', url: '/api/recover', payload: { code: `AAAA-AAAA-AAAA-AAAA-AAAA-AA${String(attempt).padStart(2, '0')}` } });
      expect(guess.statusCode).toBe(401);
    }
    const limited = await app.inject({ method: 'POST', url: '/api/recover', payload: { code } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    // Another address is not affected.
    const elsewhere = await app.inject({ method: 'POST', url: '/api/recover', payload: { code }, remoteAddress: '10.0.0.7' });
    expect(elsewhere.statusCode).toBe(200);
  });
});
