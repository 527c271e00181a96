/**
 * What the run ran on, for the JSON and the README: cores, CPU model, memory, Node, the
 * kernel, the load average when the run started and ended (a shared machine's neighbours
 * show there), and the versions of the anchors' servers and clients.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  platform: string;
  kernel: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd?: number[];
}

export function describeMachine(): Machine {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: platform(),
    kernel: release(),
    loadAverageAtStart: loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

/** The first line a command prints for its version flag (stdout or stderr), or undefined. */
function versionLine(
  command: string,
  args: string[],
  pattern: RegExp,
  format = (match: RegExpExecArray): string | undefined => match[1],
): string | undefined {
  let text: string;
  try {
    text = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
  } catch (error) {
    text = (error as { stdout?: string }).stdout ?? '';
  }
  const match = pattern.exec(text);
  return match ? format(match) : undefined;
}

/** The version of an installed npm package, read from its package.json. */
function packageVersion(name: string): string | undefined {
  try {
    const url = import.meta.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(new URL(url), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Versions of every tool the run may use; commands not installed are left out. */
export function toolVersions(commands: Record<string, string | undefined>): Record<string, string> {
  const found: Record<string, string | undefined> = {
    node: process.version,
    ioredis: packageVersion('ioredis'),
    nats: packageVersion('nats'),
    kafkajs: packageVersion('kafkajs'),
  };
  const redis = commands['redis-server'];
  if (redis) found['redis-server'] = versionLine(redis, ['--version'], /v=(\S+)/);
  const nats = commands['nats-server'];
  if (nats) found['nats-server'] = versionLine(nats, ['--version'], /v(\d\S*)/);
  const kcat = commands.kcat;
  if (kcat) {
    found.kcat = versionLine(
      kcat,
      ['-V'],
      /^Version (\S+) .*?librdkafka (\S+)/m,
      (m) => `${m[1]} (librdkafka ${m[2]})`,
    );
  }
  const benchmark = commands['redis-benchmark'];
  if (benchmark) found['redis-benchmark'] = versionLine(benchmark, ['--version'], /redis-benchmark (\S+)/);
  return Object.fromEntries(Object.entries(found).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The commit the run measured (short hash, "+changes" when the work tree differs), or "unknown". */
export function sourceRevision(repoRoot: string): string {
  try {
    const git = (args: string[]): string =>
      execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
    return `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? '+changes' : ''}`;
  } catch {
    return 'unknown';
  }
}
