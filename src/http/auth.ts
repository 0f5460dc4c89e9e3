import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { UnauthorizedError } from '../errors.js';
import type { UserService } from '../users/user-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user's id, or null when no valid bearer token came with the request. */
    userId: string | null;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** Resolves `Authorization: Bearer` once per request; routes that need a user call `requireUser`. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { users: UserService }) => {
    app.decorateRequest('userId', null);
    app.addHook('onRequest', async (request) => {
      const token = bearerToken(request.headers.authorization);
      request.userId = token ? (options.users.authenticate(token)?.id ?? null) : null;
    });
  },
  { name: 'auth' },
);

export function requireUser(request: FastifyRequest): string {
  if (request.userId === null) throw new UnauthorizedError();
  return request.userId;
}
