import { describe, expect, it } from 'vitest';
import { ErrorCodeSchema } from '../../src/contracts/error-codes.js';
import { NotFoundError, UpstreamError, toWireError } from '../../src/errors.js';
import { createTestApp } from '../helpers/app.js';

describe('error codes on the wire', () => {
  it('sends a domain error as it is, and anything else as a generic internal error', () => {
    expect(toWireError(new NotFoundError('feedback'))).toEqual({ statusCode: 404, code: 'not_found', message: 'feedback not found', logLevel: null });
    expect(toWireError(new UpstreamError('the model timed out', 'timeout'))).toMatchObject({ statusCode: 502, code: 'upstream_error', logLevel: 'warn' });
    const secret = new Error('SQLITE_CORRUPT at /var/lib/coach.db');
    expect(toWireError(secret, 'grading failed')).toEqual({ statusCode: 500, code: 'internal_error', message: 'grading failed', logLevel: 'error' });
    expect(toWireError('thrown string')).toMatchObject({ code: 'internal_error', message: 'internal server error' });
  });

  it("keeps Fastify's own 4xx codes, each one a listed code", async () => {
    const { app } = await createTestApp();
    const tooLarge = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(300 * 1024) }),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ error: { code: 'ctp_body_too_large' } });
    const badType = await app.inject({ method: 'POST', url: '/api/users', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expect(badType.statusCode).toBe(415);
    expect(badType.json()).toMatchObject({ error: { code: 'ctp_invalid_media_type' } });
    const badJson = await app.inject({ method: 'POST', url: '/api/users', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(badJson.statusCode).toBe(400);
    expect(ErrorCodeSchema.safeParse(badJson.json<{ error: { code: string } }>().error.code).success).toBe(true);
  });

  it('documents every error response in the OpenAPI document with the list of codes', async () => {
    const { app } = await createTestApp();
    const spec = (await app.inject({ url: '/openapi.json' })).json<{
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
    }>();
    const errorSchemas = Object.values(spec.paths)
      .flatMap((operations) => Object.values(operations))
      .flatMap((operation) => Object.entries(operation.responses ?? {}))
      .filter(([status]) => Number(status) >= 400)
      .map(([, response]) => response.content?.['application/json']?.schema)
      .filter((schema) => schema !== undefined && JSON.stringify(schema).includes('"error"'));
    expect(errorSchemas.length).toBeGreaterThan(20);
    for (const schema of errorSchemas) {
      expect(schema).toMatchObject({ properties: { error: { properties: { code: { enum: ErrorCodeSchema.options } } } } });
    }
  });
});
