import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DisputeExportSchema, DisputeSchema, NewDisputeSchema } from '../contracts/dispute-schema.js';
import type { DisputeService } from '../disputes/dispute-service.js';
import { authErrors, IdParamsSchema } from '../contracts/http-schemas.js';

export const disputeRoutes: FastifyPluginAsyncZod<{ disputes: DisputeService }> = async (app, { disputes }) => {
  app.post(
    '/api/feedback/:id/disputes',
    {
      schema: {
        tags: ['disputes'],
        summary: 'Contest a score of your feedback: one dimension, or the overall score',
        description:
          'One dispute per feedback and dimension: contesting the same score again replaces the earlier dispute (200), ' +
          'a new one answers 201. Disputes are listed with the feedback.',
        security: [{ bearer: [] }],
        params: IdParamsSchema,
        body: NewDisputeSchema,
        response: { 200: DisputeSchema, 201: DisputeSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const { dispute, created } = disputes.contest(request.user, request.params.id, request.body);
      return reply.code(created ? 201 : 200).send(dispute);
    },
  );

  app.delete(
    '/api/feedback/:id/disputes/:disputeId',
    {
      schema: {
        tags: ['disputes'],
        summary: 'Withdraw a dispute',
        security: [{ bearer: [] }],
        params: IdParamsSchema.extend({ disputeId: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...authErrors },
      },
    },
    async (request, reply) => {
      disputes.withdraw(request.user, request.params.id, request.params.disputeId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/disputes/export',
    {
      schema: {
        tags: ['disputes'],
        summary: 'Your contested answers as a labelled set (the format of data/eval/*.json), for `npm run eval -- --data FILE`',
        security: [{ bearer: [] }],
        response: { 200: DisputeExportSchema, ...authErrors },
      },
    },
    async (request, reply) => {
      const items = disputes.exportLabelled(request.user);
      return reply.header('content-disposition', 'attachment; filename="disputed-answers.json"').send(items);
    },
  );
};
