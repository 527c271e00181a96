/**
 * The `mini-kafka` command (`pnpm start`): loads the configuration from flags,
 * environment and file, prints it, starts the broker, and shuts down cleanly on SIGINT
 * or SIGTERM (stop accepting, finish in-flight requests, flush, close the logs, exit 0).
 * A signal that arrives while the broker is still starting (say, a data directory on a
 * file system that hangs) ends the process at once by that signal, saying so: nothing was
 * served, and opening is safe to interrupt (it is what a crash does).
 * `mini-kafka` alone, with broker flags only, or `mini-kafka serve [flags]` starts the broker.
 * Any other command (`topics`, `produce`, `consume`, `groups`, `records`, `verify`), `--help`
 * and `--version` go to the CLI (cli/run-cli.ts), loaded only then: starting the broker loads
 * none of it.
 */
import { createBroker } from './broker.js';
import { ConfigError, loadConfig, usage } from './config/load-config.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  // `pnpm start -- --port 1` passes the "--" through; it separates nothing here.
  const argv = process.argv.slice(2).filter((arg) => arg !== '--');
  const serve = argv[0] === 'serve';
  const brokerArgv = serve ? argv.slice(1) : argv;
  if (!serve && (isCommand(argv[0]) || argv.includes('--version') || argv.includes('-V'))) {
    process.exitCode = await runCli(argv);
    return;
  }
  let loaded: ReturnType<typeof loadConfig>;
  try {
    loaded = loadConfig(brokerArgv);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${error.message}\n\n${usage()}\n\nRun mini-kafka serve --help for what each option does.\n`,
      );
      process.exit(2);
    }
    throw error;
  }
  if (loaded.help) {
    process.exitCode = await runCli(serve ? ['serve', '--help'] : ['--help']);
    return;
  }
  const { config, sources } = loaded;
  const logger = createLogger(config.logLevel);
  const shown = config.clusterSaslPassword === undefined ? config : { ...config, clusterSaslPassword: '[hidden]' };
  logger.info({ config: shown, sources }, 'effective configuration');

  let broker: { close(): Promise<void> } | undefined;
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (broker === undefined) {
      logger.warn({ signal, dataDir: config.inMemory ? undefined : config.dataDir }, 'stopped while starting');
      // End by the signal's default action (the log line is written synchronously). Not
      // process.exit: on exit Node waits for its file system threads, and one stuck in a
      // hung open() would hold the process forever.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
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
  if (config.backend === 'kafka') {
    const { createGateway } = await import('./gateway/gateway.js');
    broker = await createGateway({ ...config, logger });
  } else {
    broker = await createBroker({ ...config, logger, configSources: sources });
  }
}

/** A first word that is not a flag: a command of the CLI (or a mistyped one, which the CLI reports). */
function isCommand(first: string | undefined): boolean {
  return first !== undefined && !first.startsWith('-');
}

async function runCli(argv: readonly string[]): Promise<number> {
  const [{ runCli: run }, { readFile }] = await Promise.all([import('./cli/run-cli.js'), import('node:fs/promises')]);
  const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return run(argv, { version: pkg.version });
}

main().catch((error: unknown) => {
  process.stderr.write(`mini-kafka failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
