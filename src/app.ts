import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Clock } from './clock.js';
import { projectRoot, type Config } from './config.js';
import { AppError } from './errors.js';
import { loadCorpus } from './corpus/corpus-loader.js';
import { createCorpusRepository } from './corpus/corpus-repository.js';
import { createCorpusService } from './corpus/corpus-service.js';
import { authPlugin, requireUser } from './http/auth.js';
import { corpusRoutes } from './http/corpus-routes.js';
import { createDisputeRepository } from './disputes/dispute-repository.js';
import { createDisputeService } from './disputes/dispute-service.js';
import { frameworkErrors, installErrorHandler, websocketErrorHandler } from './http/error-handler.js';
import { createFeedbackRepository } from './grading/feedback-repository.js';
import { corpusWarmUp, createGraders } from './grading/create-grader.js';
import { createGradingService } from './grading/grading-service.js';
import { createPreviousAttempts } from './grading/previous-attempts.js';
import { createUsageRepository } from './grading/usage-repository.js';
import { createHistoryService } from './history/history-service.js';
import { disputeRoutes } from './http/dispute-routes.js';
import { createProgressRepository } from './history/progress-repository.js';
import { feedbackRoutes } from './http/feedback-routes.js';
import { healthRoutes } from './http/health-routes.js';
import { rubricRoutes } from './http/rubric-routes.js';
import { sessionRoutes } from './http/session-routes.js';
import { createInterviewService } from './interview/interview-service.js';
import { CloseCode } from './contracts/protocol.js';
import { createSessionRepository } from './interview/session-repository.js';
import { defaultWsLimits, registerInterviewSocket, type WsLimits } from './interview/ws-route.js';
import { securityHeaders } from './http/security-headers.js';
import { meRoutes, userRoutes } from './http/user-routes.js';
import { createVoice } from './voice/create-voice.js';
import { capabilitiesRoutes, voiceRoutes } from './voice/voice-routes.js';
import { webPlugin } from './web/web-plugin.js';
import type { Db } from './store/db.js';
import { createUserRepository } from './users/user-repository.js';
import { createUserService } from './users/user-service.js';

/** Everything the app needs from outside; tests pass fakes (a temp database, a manual clock). */
export interface AppDeps {
  db: Db;
  clock: Clock;
  /** Folder holding the corpus documents; defaults to data/corpus. */
  corpusDir?: string;
  /** Fastify logger options; tests pass `false` or a capturing stream. */
  logger?: FastifyServerOptions['logger'];
  /** Websocket limits, over those from the configuration; tests shrink them. */
  wsLimits?: Partial<WsLimits>;
}

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: 256 * 1024,
    requestTimeout: 60_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
    // Errors the router raises before any route runs (a malformed %-escape, an over-long path parameter)
    // get the same error body and headers as every other error.
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  const corpusRepository = createCorpusRepository(deps.db);
  const corpus = createCorpusService(corpusRepository);
  const users = createUserService(createUserRepository(deps.db), () => deps.clock.now());
  const stats = loadCorpus(deps.db, corpusRepository, deps.corpusDir ?? path.join(projectRoot, 'data', 'corpus'), new Date(deps.clock.now()));
  app.log.info({ corpus: stats, questions: corpus.count() }, 'corpus loaded');

  const disputeRepository = createDisputeRepository(deps.db);
  const feedback = createFeedbackRepository(deps.db, disputeRepository);
  const disputes = createDisputeService({ disputes: disputeRepository, feedback, corpus, now: () => deps.clock.now() });
  const graders = await createGraders(config, app.log, deps.clock, corpusWarmUp(corpus));
  const usage = createUsageRepository(deps.db);
  const grading = createGradingService({
    corpus,
    feedback,
    previousAttempts: createPreviousAttempts(deps.db),
    usage,
    graders,
    dailyTokenBudget: config.LLM_DAILY_TOKEN_BUDGET,
    concurrencyPerUser: config.GRADING_CONCURRENCY_PER_USER,
    now: () => deps.clock.now(),
  });
  const sessions = createSessionRepository(deps.db);
  const voice = await createVoice(config, { db: deps.db, sessions, now: () => deps.clock.now() });
  // Loaded only with a model configured, like the grader's SDK.
  const writer = graders.client
    ? (await import('./practice/question-writer.js')).createQuestionWriter({
        client: graders.client,
        model: config.COACH_MODEL,
        outputMode: config.LLM_OUTPUT_MODE,
        budget: { usage, dailyTokens: config.LLM_DAILY_TOKEN_BUDGET, now: () => deps.clock.now() },
      })
    : undefined;
  const interviews = createInterviewService({
    db: deps.db,
    sessions,
    corpus,
    grading,
    clock: deps.clock,
    log: app.log,
    options: { draftSaveIntervalMs: config.DRAFT_SAVE_INTERVAL_MS, draftQuotaBytes: config.DRAFT_QUOTA_BYTES },
    spoken: voice.transcriptions,
    writer,
  });
  const history = createHistoryService({ sessions, feedback, progress: createProgressRepository(deps.db), spoken: voice.transcriptions });
  app.addHook('onReady', async () => {
    const recovered = interviews.recover();
    if (recovered.timers + recovered.grading > 0) app.log.info({ recovered }, 'resumed pending interviews');
  });
  app.addHook('onClose', async () => {
    await interviews.close();
    await graders.close();
  });

  await app.register(securityHeaders);
  await app.register(swagger, {
    openapi: {
      info: { title: 'interview-coach', description: 'Timed mock interviews for ML engineers', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  // Authentication first, so the rate limiter can count requests per real user.
  await app.register(authPlugin, { users });
  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    // Per user for a valid token, else per address: an invented token buys no fresh budget.
    // Injected websocket requests may have no ip at all. Health checks and websocket upgrades opt out of
    // this bucket in their routes.
    keyGenerator: (request) => (request.userId ? `u:${request.userId}` : `ip:${request.ip ?? 'unknown'}`),
    errorResponseBuilder: (_request, context) =>
      new AppError(429, 'rate_limited', `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`),
  });
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    errorHandler: websocketErrorHandler,
    // Tell clients to come back (1012: service restart) rather than dropping them; they resume by seq.
    preClose(done) {
      for (const client of this.websocketServer.clients) client.close(CloseCode.shuttingDown, 'server restarting');
      this.websocketServer.close(() => done());
    },
  });

  await app.register(healthRoutes, { db: deps.db, corpus });
  await app.register(corpusRoutes, { corpus });
  await app.register(rubricRoutes);
  await app.register(userRoutes, { users });
  await app.register(capabilitiesRoutes, { capabilities: voice.capabilities });
  // Everything below needs a user: one hook refuses requests without a valid token before their handlers.
  await app.register(async (authenticated) => {
    await authenticated.register(requireUser);
    await authenticated.register(meRoutes, { users });
    await authenticated.register(feedbackRoutes, { grading, spoken: voice.transcriptions });
    await authenticated.register(disputeRoutes, { disputes });
    await authenticated.register(sessionRoutes, { history, interviews });
    await authenticated.register(voiceRoutes, { transcriptions: voice.transcriptions, speech: voice.speech, sttTimeoutMs: config.STT_TIMEOUT_MS });
  });
  await app.register(async (scope) =>
    registerInterviewSocket(scope, {
      interviews,
      users,
      clock: deps.clock,
      publicOrigin: config.PUBLIC_ORIGIN,
      allowedOrigins: config.ALLOWED_ORIGINS,
      host: config.HOST,
      upgradesPerMinute: config.WS_UPGRADES_PER_MINUTE,
      limits: {
        ...defaultWsLimits,
        maxPerUser: config.WS_MAX_PER_USER,
        maxPerAddress: config.WS_MAX_PER_ADDRESS,
        idleTimeoutMs: config.WS_IDLE_TIMEOUT_MS,
        replayBytesPerSecond: config.WS_REPLAY_BYTES_PER_SECOND,
        ...deps.wsLimits,
      },
    }),
  );

  await app.register(webPlugin);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
