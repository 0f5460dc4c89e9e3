import type {} from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CorpusService } from '../corpus/corpus-service.js';
import type { Db } from '../store/db.js';

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db; corpus: CorpusService }> = async (app, { db, corpus }) => {
  const ping = db.prepare<[], { ok: number }>('SELECT 1 AS ok');

  // Health checks are never rate-limited: a busy address (the Docker HEALTHCHECK shares the server's) must
  // not make a healthy server look dead.
  app.get(
    '/healthz',
    {
      config: { rateLimit: false },
      schema: { tags: ['health'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers and the corpus is loaded',
        response: {
          200: z.object({ status: z.literal('ready'), questions: z.number() }),
          503: z.object({ status: z.literal('unavailable'), reason: z.string() }),
        },
      },
    },
    async (request, reply) => {
      try {
        ping.get();
      } catch (error) {
        request.log.error({ err: error }, 'database not reachable');
        return reply.code(503).send({ status: 'unavailable' as const, reason: 'database not reachable' });
      }
      const questions = corpus.count();
      if (questions === 0) return reply.code(503).send({ status: 'unavailable' as const, reason: 'corpus not loaded' });
      return { status: 'ready' as const, questions };
    },
  );
};
