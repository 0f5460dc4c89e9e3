import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserService } from '../users/user-service.js';
import { authErrors, ErrorBodySchema, ProfileSchema, RecoveryCodeSchema, UserCreatedSchema } from '../contracts/http-schemas.js';

/** Redemption attempts per client address: the code has 120 bits, this makes guessing pointless as well as hopeless. */
export const RECOVERY_ATTEMPTS_PER_HOUR = 10;

const NameSchema = z.string().trim().min(1).max(80).nullable().optional();

export const userRoutes: FastifyPluginAsyncZod<{ users: UserService }> = async (app, { users }) => {
  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a profile; the token is shown once and only its hash is stored',
        body: z.object({ name: NameSchema }).default({}),
        response: {
          201: UserCreatedSchema,
          400: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => reply.code(201).send(users.create(request.body.name ?? null)),
  );

  app.post(
    '/api/recover',
    {
      schema: {
        tags: ['users'],
        summary: 'Use a recovery code on this device: a new token for the same profile',
        body: z.object({ code: z.string().min(1).max(100) }),
        response: { 200: UserCreatedSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 429: ErrorBodySchema },
      },
      config: {
        // A bucket of its own per address, whatever token comes with the request.
        rateLimit: { max: RECOVERY_ATTEMPTS_PER_HOUR, timeWindow: 3_600_000, keyGenerator: (request) => `recover:${request.ip ?? 'unknown'}` },
      },
    },
    async (request) => users.redeemRecoveryCode(request.body.code),
  );
};

/** The current profile: registered under `requireUser`. */
export const meRoutes: FastifyPluginAsyncZod<{ users: UserService }> = async (app, { users }) => {
  app.get(
    '/api/me',
    { schema: { tags: ['users'], summary: 'The current profile', response: { 200: ProfileSchema, ...authErrors } } },
    async (request) => users.get(request.user),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags: ['users'],
        summary: 'Rename the current profile',
        body: z.object({ name: z.string().trim().min(1).max(80).nullable() }),
        response: { 200: ProfileSchema, ...authErrors },
      },
    },
    async (request) => users.rename(request.user, request.body.name),
  );

  app.post(
    '/api/me/recovery-code',
    {
      schema: {
        tags: ['users'],
        summary: 'Make a recovery code for this profile (shown once; replaces any earlier code)',
        security: [{ bearer: [] }],
        response: { 201: RecoveryCodeSchema, ...authErrors },
      },
    },
    async (request, reply) => reply.code(201).send(users.createRecoveryCode(request.user)),
  );

  app.delete(
    '/api/me/recovery-code',
    {
      schema: {
        tags: ['users'],
        summary: 'Revoke the recovery code (devices already signed in with it stay signed in)',
        security: [{ bearer: [] }],
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      users.revokeRecoveryCode(request.user);
      return reply.code(204).send(null);
    },
  );
};
