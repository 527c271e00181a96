import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MiniKafka } from '@mini-kafka/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { BIN, runMiniKafka } from './testing/run-binary.js';

describe('mini-kafka produce and consume', () => {
  let broker: Broker;
  let url: string[];

  beforeAll(async () => {
    broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
    url = ['--url', broker.url];
  });
  afterAll(() => broker.close());

  it('produces the lines of stdin with keys and headers, and consumes them back as text and JSON lines', async () => {
    await runMiniKafka(['topics', 'create', 'lines', '--partitions', '1', ...url]);
    const produced = await runMiniKafka(
      ['produce', 'lines', '--key-separator', ':', '--header', 'source=cli', '--header', 'v=1', '--json', ...url],
      { stdin: 'k1:first\nk2:second:with colon\nk3:\n' },
    );
    expect(produced).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(produced.stdout)).toEqual({
      topic: 'lines',
      records: 3,
      partitions: [{ partition: 0, records: 3, firstOffset: 0, lastOffset: 2 }],
    });

    const text = await runMiniKafka(['consume', 'lines', ...url]);
    expect(text).toEqual({ code: 0, stdout: 'first\nsecond:with colon\n\n', stderr: '' });
    const keyed = await runMiniKafka(['consume', 'lines', '--print-key', '--key-separator', '=', ...url]);
    expect(keyed.stdout).toBe('k1=first\nk2=second:with colon\nk3=\n');

    const json = await runMiniKafka(['consume', 'lines', '--format', 'json', ...url]);
    const records = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records).toHaveLength(3);
    expect(records[1]).toEqual({
      topic: 'lines',
      partition: 0,
      offset: 1,
      timestamp: expect.any(Number),
      key: 'k2',
      value: 'second:with colon',
      headers: { source: 'cli', v: '1' },
    });
  });

  it('produces a file to one partition, in a table', async () => {
    await runMiniKafka(['topics', 'create', 'files', '--partitions', '3', ...url]);
    const file = join(mkdtempSync(join(tmpdir(), 'mk-cli-')), 'lines.txt');
    writeFileSync(file, 'a\nb\nc\nd\n');
    const produced = await runMiniKafka(['produce', 'files', '--file', file, '--partition', '2', ...url]);
    expect(produced.code).toBe(0);
    expect(produced.stdout.split('\n')).toEqual([
      'Produced 4 records to files',
      'PARTITION  RECORDS  FIRST OFFSET  LAST OFFSET',
      '        2        4             0            3',
      '',
    ]);
    const one = await runMiniKafka([
      'consume',
      'files',
      '--partition',
      '2',
      '--offset',
      '1',
      '--max-messages',
      '2',
      ...url,
    ]);
    expect(one.stdout).toBe('b\nc\n');
    const latest = await runMiniKafka(['consume', 'files', '--offset', 'latest', ...url]);
    expect(latest).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('refuses a line without the key separator, naming its number and not its contents', async () => {
    const result = await runMiniKafka(['produce', 'lines', '--key-separator', '|', ...url], {
      stdin: 'a|1\nsecret-payload\n',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('line 2 has no key separator');
    expect(result.stderr).not.toContain('secret-payload');
  });

  it('consumes from a time', async () => {
    const kafka = new MiniKafka({ url: broker.url });
    const producer = kafka.producer();
    await producer.send('timed', 'old', { timestamp: Date.parse('2026-01-01T00:00:00Z') });
    await producer.send('timed', 'new', { timestamp: Date.parse('2026-03-01T00:00:00Z') });
    await producer.close();
    const result = await runMiniKafka(['consume', 'timed', '--from-time', '2026-02-01T00:00:00Z', ...url]);
    expect(result).toEqual({ code: 0, stdout: 'new\n', stderr: '' });
  });

  it('consumes as a group member, committing what it printed, and goes on from there', async () => {
    await runMiniKafka(['produce', 'grouped', ...url], { stdin: 'one\ntwo\nthree\n' });
    const first = await runMiniKafka(['consume', 'grouped', '--group', 'readers', '--max-messages', '2', ...url]);
    expect(first).toEqual({ code: 0, stdout: 'one\ntwo\n', stderr: '' });
    const rest = await runMiniKafka(['consume', 'grouped', '--group', 'readers', ...url]);
    expect(rest).toEqual({ code: 0, stdout: 'three\n', stderr: '' });
    const committed = await new MiniKafka({ url: broker.url }).admin().committed('readers', 'grouped');
    expect(committed).toMatchObject([{ topic: 'grouped', partition: 0, offset: 3 }]);
    const none = await runMiniKafka(['consume', 'grouped', '--group', 'readers', ...url]);
    expect(none).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('follows a topic until SIGINT, then exits 0', async () => {
    await runMiniKafka(['topics', 'create', 'followed', ...url]);
    const child = spawn(process.execPath, [BIN, 'consume', 'followed', '--follow', '--url', broker.url], {
      stdio: 'pipe',
    });
    let stdout = '';
    const seen = new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        stdout += text;
        if (stdout.includes('late\n')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const producer = new MiniKafka({ url: broker.url }).producer();
    // Sent after the command started waiting; sent again until it shows (its start takes a moment).
    const timer = setInterval(() => void producer.send('followed', 'late'), 300);
    await seen;
    clearInterval(timer);
    await producer.close();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout.split('\n')[0]).toBe('late');
  });

  it('follows as a group member until SIGTERM, then commits what it printed and leaves the group', async () => {
    await runMiniKafka(['topics', 'create', 'watched', ...url]);
    const child = spawn(
      process.execPath,
      [BIN, 'consume', 'watched', '--group', 'watchers', '--follow', '--format', 'json', '--url', broker.url],
      { stdio: 'pipe' },
    );
    let stdout = '';
    const seen = new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        stdout += text;
        if (stdout.includes('"news"')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const producer = new MiniKafka({ url: broker.url }).producer();
    const timer = setInterval(() => void producer.send('watched', 'news'), 300);
    await seen;
    clearInterval(timer);
    await producer.close();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const offsets = stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { offset: number }).offset);
    const group = await new MiniKafka({ url: broker.url }).admin().describeGroup('watchers');
    expect(group.members).toEqual([]);
    expect(group.offsets).toMatchObject([{ topic: 'watched', partition: 0, committed: offsets.at(-1)! + 1 }]);
  });

  it('refuses --group together with --offset (usage, exit 2)', async () => {
    const result = await runMiniKafka(['consume', 'lines', '--group', 'g', '--offset', '0', ...url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--group');
  });
});
