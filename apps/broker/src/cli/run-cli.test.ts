import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MiniKafka } from '@mini-kafka/client';
import { describe, expect, it } from 'vitest';
import { createBroker } from '../broker.js';
import { CONFIG_KEYS, kebabCase } from '../config/broker-config.js';
import { BIN, runMiniKafka } from './testing/run-binary.js';

/** Help text with its wrapping undone (commander wraps to the terminal's width). */
const flat = (text: string) => text.replace(/\s+/g, ' ');

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('mini-kafka', () => {
  it('prints the package version with --version', async () => {
    expect(await runMiniKafka(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect((await runMiniKafka(['-V'])).stdout).toBe(`${VERSION}\n`);
  });

  it('lists the commands, and every broker flag with its description and default, in --help', async () => {
    const help = await runMiniKafka(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['serve', 'topics', 'produce', 'consume', 'groups', 'records', 'verify'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    for (const key of CONFIG_KEYS) expect(help.stdout).toContain(`--${kebabCase(key)}`);
    expect(help.stdout).toMatch(
      /--port <port>\s+HTTP port; 0 picks a free one \(default: 8000, env: MINI_KAFKA_PORT\)/,
    );
    expect(help.stdout).toContain('Exit codes: 0 done; 1 the operation failed');

    const serve = await runMiniKafka(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toMatch(/^Usage: mini-kafka serve \[options\]/);
    expect(flat(serve.stdout)).toMatch(/--data-dir <dir>\s+where topics and group offsets live \(default: "\.\/data"/);
    expect(flat(serve.stdout)).toMatch(/--flush <value>\s+.*default: "always"/);
    // Broker flags before --help still show the help, not a start.
    expect((await runMiniKafka(['--port', '0', '--help'])).stdout).toContain('Broker options');
  });

  it('describes every flag of every command, with its default, in its --help', async () => {
    const create = await runMiniKafka(['topics', 'create', '--help']);
    expect(create.code).toBe(0);
    expect(create.stdout).toMatch(/^Usage: mini-kafka topics create \[options\] <topic>/);
    expect(flat(create.stdout)).toMatch(
      /--url <url>\s+the broker's HTTP URL \(default: "http:\/\/127\.0\.0\.1:8000", env: MINI_KAFKA_URL\)/,
    );
    expect(flat(create.stdout)).toMatch(/--partitions <n>\s+number of partitions/);
    const consume = await runMiniKafka(['consume', '--help']);
    expect(flat(consume.stdout)).toMatch(/--format <format>\s+.*\(choices: "text", "json", default: "text"\)/);
    expect(flat(consume.stdout)).toMatch(/--reset <where>\s+.*default: "earliest"/);
    for (const command of [['topics'], ['groups', 'reset-offsets'], ['records', 'delete'], ['produce'], ['verify']]) {
      const result = await runMiniKafka([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: mini-kafka ${command.join(' ')}`);
    }
  });

  it('exits 2 on a usage error: an unknown command, flag or choice, or a missing argument', async () => {
    const unknown = await runMiniKafka(['topcs', 'list']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'topcs'");
    expect(unknown.stderr).toContain('Did you mean topics?');
    expect((await runMiniKafka(['topics', 'list', '--bogus'])).code).toBe(2);
    expect((await runMiniKafka(['consume', 'orders', '--format', 'xml'])).code).toBe(2);
    expect((await runMiniKafka(['topics', 'create', '--partitions', 'two', 'x'])).code).toBe(2);
    const missing = await runMiniKafka(['topics', 'describe']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'topic'");
    expect(missing.stdout).toBe('');
  });

  it('exits 3 when the broker cannot be reached, taking the URL from MINI_KAFKA_URL', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const result = await runMiniKafka(['topics', 'list'], { env: { MINI_KAFKA_URL: `http://127.0.0.1:${port}` } });
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `mini-kafka topics list: BROKER_NOT_AVAILABLE: The broker at http://127.0.0.1:${port} is not reachable (ECONNREFUSED)\n`,
    );
  });

  it('checks a data directory with verify: 0 when sound, 2 when it cannot be read', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mk-cli-verify-'));
    const broker = await createBroker({ dataDir, port: 0, kafkaPort: -1, logLevel: 'silent' });
    await new MiniKafka({ url: broker.url }).admin().createTopic('kept', { partitions: 2 });
    await broker.close();
    const sound = await runMiniKafka(['verify', '--json'], { env: { MINI_KAFKA_DATA_DIR: dataDir } });
    expect(sound.code).toBe(0);
    expect(JSON.parse(sound.stdout)).toMatchObject({ ok: true, partitions: 2 });
    const text = await runMiniKafka(['verify', '--data-dir', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('No damage found in 2 partitions');
    rmSync(dataDir, { recursive: true, force: true });

    const missing = await runMiniKafka(['verify', '--data-dir', '/nonexistent/mini-kafka-data', '--json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read');
  });

  it('still starts the broker with broker flags alone, and with serve', async () => {
    for (const prefix of [[], ['serve']]) {
      const child = spawn(
        process.execPath,
        [BIN, ...prefix, '--port', '0', '--kafka-port', '-1', '--in-memory', '--log-level', 'info'],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const ready = await new Promise<{ url: string }>((resolve) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          const entry = JSON.parse(line) as { msg?: string; url?: string };
          if (entry.msg === 'broker ready') resolve({ url: entry.url! });
        });
      });
      expect((await fetch(`${ready.url}/health`)).status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
