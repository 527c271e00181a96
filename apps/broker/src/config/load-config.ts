/**
 * Resolves the effective configuration from the command line, the environment and an
 * optional JSON file (`--config mini-kafka.json` or MINI_KAFKA_CONFIG), validating
 * every value. Problems are reported together, one line each, naming the source.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { type BrokerConfig, brokerConfigSchema, CONFIG_KEYS, envName, kebabCase } from './broker-config.js';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Settings that are switches (`--auth`, `--no-scrub-on-start`): those whose default is a boolean. */
const BOOLEAN_KEYS = new Set<string>(
  Object.entries(brokerConfigSchema.parse({}))
    .filter(([, value]) => typeof value === 'boolean')
    .map(([key]) => key),
);

function parseFlags(args: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}

function fromArgs(argv: readonly string[]): { values: Record<string, unknown>; configFile?: string; help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    config: { type: 'string' },
    help: { type: 'boolean' },
  };
  for (const key of CONFIG_KEYS) {
    options[kebabCase(key)] = { type: BOOLEAN_KEYS.has(key) ? 'boolean' : 'string' };
    if (BOOLEAN_KEYS.has(key)) options[`no-${kebabCase(key)}`] = { type: 'boolean' };
  }
  // `--kafka-port -1`: a negative number is a value, not a flag (parseArgs alone refuses it).
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg.startsWith('--') && !arg.includes('=') && next !== undefined && /^-\d+$/.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else {
      args.push(arg);
    }
  }
  const parsed = parseFlags(args, options);
  const values: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = parsed.values[kebabCase(key)];
    if (value !== undefined) values[key] = value;
    if (parsed.values[`no-${kebabCase(key)}`] === true) values[key] = false;
  }
  const configFile = parsed.values.config;
  return {
    values,
    configFile: typeof configFile === 'string' ? configFile : undefined,
    help: parsed.values.help === true,
  };
}

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[envName(key)];
    if (value !== undefined && value !== '') values[key] = value;
  }
  return values;
}

function fromFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ConfigError(`Config file ${path} is not valid JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(`Config file ${path} must hold a JSON object`);
  return data as Record<string, unknown>;
}

export interface LoadedConfig {
  config: BrokerConfig;
  help: boolean;
  /** Where each setting came from: flag, env, file or default. */
  sources: Record<keyof BrokerConfig, 'flag' | 'env' | 'file' | 'default'>;
}

export function loadConfig(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): LoadedConfig {
  const args = fromArgs(argv);
  const envValues = fromEnv(env);
  const configPath = args.configFile ?? env.MINI_KAFKA_CONFIG;
  const fileValues = configPath === undefined ? {} : fromFile(resolve(cwd, configPath));
  const merged = { ...fileValues, ...envValues, ...args.values };
  const result = brokerConfigSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.flatMap((issue) => {
      // Only the file can name a setting that does not exist (flags are checked by name, the environment by variable).
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => `${key} in ${configPath ?? 'the config file'}: not a setting of the broker`);
      const key = String(issue.path[0] ?? '');
      const source =
        key in args.values
          ? `--${kebabCase(key)}`
          : key in envValues
            ? envName(key)
            : key in fileValues
              ? `${key} in ${configPath}`
              : key;
      return [`${source}: ${issue.message}`];
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const sources = {} as LoadedConfig['sources'];
  for (const key of CONFIG_KEYS) {
    sources[key] = key in args.values ? 'flag' : key in envValues ? 'env' : key in fileValues ? 'file' : 'default';
  }
  const config = { ...result.data, dataDir: resolve(cwd, result.data.dataDir) };
  return { config, help: args.help, sources };
}

export function usage(): string {
  const lines = CONFIG_KEYS.map((key) => `  --${kebabCase(key).padEnd(30)} ${envName(key)}`);
  return [
    'Usage: mini-kafka [options]',
    '',
    'Every option can also come from the environment variable shown, or from a JSON',
    'file given with --config FILE (keys in camelCase). Flags win over the environment,',
    'which wins over the file.',
    '',
    '  --config FILE                  MINI_KAFKA_CONFIG',
    ...lines,
    '  --help',
  ].join('\n');
}
