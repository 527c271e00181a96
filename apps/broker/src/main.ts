/**
 * The `mini-kafka` command (`pnpm start`): loads the configuration from flags,
 * environment and file, prints it, starts the broker, and shuts down cleanly on SIGINT
 * or SIGTERM (stop accepting, finish in-flight requests, flush, close the logs, exit 0).
 */
import { createBroker } from './broker.js';
import { ConfigError, loadConfig, usage } from './config/load-config.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  // `pnpm start -- --port 1` passes the "--" through; it separates nothing here.
  const argv = process.argv.slice(2).filter((arg) => arg !== '--');
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n\n${usage()}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (loaded.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const { config, sources } = loaded;
  const logger = createLogger(config.logLevel);
  logger.info({ config, sources }, 'effective configuration');
  const broker = await createBroker({ ...config, logger });

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    broker.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`mini-kafka failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
