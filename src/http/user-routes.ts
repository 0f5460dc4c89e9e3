import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { UserService } from '../users/user-service.js';
import { requireUser } from './auth.js';
import { authErrors, ErrorBodySchema, ProfileSchema, UserCreatedSchema } from './schemas.js';

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

  app.get(
    '/api/me',
    { schema: { tags: ['users'], summary: 'The current profile', response: { 200: ProfileSchema, ...authErrors } } },
    async (request) => users.get(requireUser(request)),
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
    async (request) => users.rename(requireUser(request), request.body.name),
  );
};
