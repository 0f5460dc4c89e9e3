import { describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.js';

describe('the authenticated scope', () => {
  // Every route's 401 is checked in test/security/access-control.test.ts.
  it('refuses a request without a token before validating its body', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ method: 'POST', url: '/api/feedback', payload: { answer: 42 } });
    expect(response.statusCode).toBe(401);
  });

  it('keeps the public routes public', async () => {
    const { app } = await createTestApp();
    expect((await app.inject({ url: '/api/capabilities' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/rubrics' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/users', payload: {} })).statusCode).toBe(201);
  });
});
