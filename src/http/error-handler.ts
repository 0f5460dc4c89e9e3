import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.js';

function describeValidation(error: FastifyError): string {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
    const where = error.validationContext ?? 'request';
    const name = field === '' ? where : `${where}.${field}`;
    return `${name}: ${first?.message ?? 'invalid value'}`;
  }
  return 'invalid request';
}

/** The one place errors become HTTP responses: `{ error: { code, message } }`, generic bodies for 5xx. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: { code: 'not_found', message: `route ${request.method} ${request.url.split('?')[0]} not found` } });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.warn({ err: error }, 'upstream failure');
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.code(400).send({ error: { code: 'validation_error', message: describeValidation(error) } });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.code(500).send({ error: { code: 'internal_error', message: 'internal server error' } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(500).send({ error: { code: 'internal_error', message: 'internal server error' } });
    }
    // Fastify's own 4xx (body too large, bad JSON, rate limited …): its message is safe to show.
    const code = error.code ? error.code.replace(/^FST_ERR_/, '').toLowerCase() : 'bad_request';
    return reply.code(status).send({ error: { code, message: error.message } });
  });
}
