/**
 * `mini-kafka serve` as commander describes it, for `--help` only: every broker setting as a
 * flag with its line of description, its environment variable and its default. Starting the
 * broker does not go through here: main.ts parses the broker's flags with load-config.ts
 * (flags over environment over the JSON config file), so that starting loads none of the CLI.
 */
import { Command, Option } from 'commander';
import { type BrokerConfig, brokerConfigSchema, CONFIG_KEYS, envName, kebabCase } from '../config/broker-config.js';
import { CONFIG_DESCRIPTIONS } from '../config/config-descriptions.js';

const BOOLEAN_KEYS = new Set<keyof BrokerConfig>(['inMemory', 'autoCreateTopics', 'scrubOnStart']);
const CHOICES: Partial<Record<keyof BrokerConfig, readonly string[]>> = {
  flush: ['always', 'interval', 'never'],
  logLevel: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
};

export function serveCommand(): Command {
  const serve = new Command('serve')
    .description('start the broker (the default when no command is given)')
    .addHelpText(
      'after',
      '\nEvery option can also come from the environment variable shown, or from a JSON file given with\n' +
        '--config FILE (keys in camelCase). Flags win over the environment, which wins over the file.',
    );
  addBrokerOptions(serve);
  return serve;
}

/** Adds every broker setting to `command` as an option, for its help. */
export function addBrokerOptions(command: Command): void {
  const defaults = brokerConfigSchema.parse({});
  command.addOption(
    new Option('--config <file>', 'a JSON file of settings (keys in camelCase)').env('MINI_KAFKA_CONFIG'),
  );
  for (const key of CONFIG_KEYS) {
    const flag = kebabCase(key);
    const option = BOOLEAN_KEYS.has(key)
      ? new Option(`--${flag}`, CONFIG_DESCRIPTIONS[key])
      : new Option(`--${flag} <${placeholder(key)}>`, CONFIG_DESCRIPTIONS[key]);
    option.env(envName(key));
    const choices = CHOICES[key];
    if (choices) option.choices(choices);
    const value = defaults[key];
    if (Array.isArray(value)) option.default(value, value.length === 0 ? 'none' : value.join(','));
    else if (value !== undefined) option.default(value);
    command.addOption(option);
  }
}

function placeholder(key: string): string {
  if (key.endsWith('Ms')) return 'ms';
  if (key.endsWith('Bytes')) return 'bytes';
  if (key.endsWith('Port') || key === 'port') return 'port';
  if (key === 'dataDir') return 'dir';
  if (key.endsWith('Host') || key === 'host') return 'host';
  if (key.startsWith('max') || key === 'defaultPartitions') return 'n';
  return 'value';
}
