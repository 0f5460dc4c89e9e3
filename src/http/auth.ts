import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { UnauthorizedError } from '../errors.js';
import type { UserService } from '../users/user-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user's id, or null when no valid bearer token came with the request. */
    userId: string | null;
    /**
     * The authenticated user's id, in routes registered under `requireUser` (whose hook has already refused
     * requests without a user); read anywhere else without a user, it throws the same 401.
     */
    readonly user: string;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** Resolves `Authorization: Bearer` once per request; routes that need a user are registered under `requireUser`. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { users: UserService }) => {
    app.decorateRequest('userId', null);
    app.decorateRequest('user', {
      getter(this: FastifyRequest): string {
        if (this.userId === null) throw new UnauthorizedError();
        return this.userId;
      },
    });
    app.addHook('onRequest', async (request) => {
      const token = bearerToken(request.headers.authorization);
      request.userId = token ? (options.users.authenticate(token)?.id ?? null) : null;
    });
  },
  { name: 'auth' },
);

/**
 * Registered inside an encapsulated context, refuses each request to that context's routes that has no valid
 * bearer token with 401. It runs before the body is read (preParsing) and after the rate limiter has counted
 * the request (route onRequest hooks), so guessed tokens use up the address's budget.
 */
export const requireUser = fp(
  async (scope: FastifyInstance) => {
    scope.addHook('preParsing', async (request) => {
      if (request.userId === null) throw new UnauthorizedError();
    });
  },
  { name: 'require-user', dependencies: ['auth'] },
);
