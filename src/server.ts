import { buildApp } from './app.js';
import { createSystemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { loggerOptions } from './logger.js';
import { openDb, type Db } from './store/db.js';

/** Start-up failures a user can fix get one line on stderr and a non-zero exit, not a stack trace. */
function fail(message: string): never {
  process.stderr.write(`interview-coach: ${message}\n`);
  process.exit(1);
}

function describeStartupError(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
    if (code === 'SQLITE_READONLY' || code === 'EACCES' || code === 'EROFS') return `database is not writable: ${error.message}`;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `disk is full: ${error.message}`;
    if (code === 'SQLITE_CANTOPEN') return `cannot open the database file: ${error.message}`;
    if (code === 'EADDRINUSE') return `the port is already in use: ${error.message}`;
    return error.message;
  }
  return String(error);
}

async function main(): Promise<void> {
  let db: Db | undefined;
  try {
    const config = loadConfig();
    db = openDb(config.DATABASE_PATH);
    const app = await buildApp(config, {
      db,
      clock: createSystemClock(),
      // pino-pretty is a development dependency: never in production, even with a terminal attached.
      logger: loggerOptions(config.LOG_LEVEL, { pretty: process.stdout.isTTY && config.NODE_ENV !== 'production' }),
    });

    let closing = false;
    const shutdown = (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      app
        .close()
        .then(() => {
          db?.close();
          process.exit(0);
        })
        .catch((error: unknown) => {
          app.log.error({ err: error }, 'error during shutdown');
          process.exit(1);
        });
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));

    await app.listen({ host: config.HOST, port: config.PORT });
  } catch (error) {
    db?.close();
    fail(describeStartupError(error));
  }
}

await main();
