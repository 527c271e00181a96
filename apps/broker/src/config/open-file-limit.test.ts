import { TempDirs } from '@mini-kafka/testing';
import { describe, expect, it } from 'vitest';
import { createBroker } from '../broker.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { openFileLimitWarning, readOpenFileLimit } from './open-file-limit.js';

const limits = (soft: string, hard = soft) =>
  [
    'Limit                     Soft Limit           Hard Limit           Units     ',
    'Max processes             63448                63448                processes ',
    `Max open files            ${soft.padEnd(21)}${hard.padEnd(21)}files     `,
  ].join('\n');

describe('the open-file limit', () => {
  it('is read from /proc/self/limits: the soft limit, Infinity when unlimited, undefined when unknown', () => {
    expect(readOpenFileLimit(() => limits('1024', '4096'))).toBe(1024);
    expect(readOpenFileLimit(() => limits('unlimited'))).toBe(Number.POSITIVE_INFINITY);
    expect(readOpenFileLimit(() => 'nothing useful')).toBeUndefined();
    expect(
      readOpenFileLimit(() => {
        throw new Error('ENOENT');
      }),
    ).toBeUndefined();
    if (process.platform === 'linux') expect(readOpenFileLimit()).toBeGreaterThan(0);
  });

  it('is reported when too low for maxPartitions, with what is needed and how to raise it', () => {
    expect(openFileLimitWarning(1024, 10_000)).toEqual({
      fields: { openFileLimit: 1024, maxPartitions: 10_000, needed: 11_000 },
      message:
        'the open-file limit (ulimit -n) is 1024, too low for maxPartitions 10000: each partition keeps a file open per segment, so about 11000 are needed; raise it (ulimit -n, LimitNOFILE= under systemd, --ulimit nofile= in Docker) or lower --max-partitions',
    });
    expect(openFileLimitWarning(11_000, 10_000)).toBeUndefined();
    expect(openFileLimitWarning(Number.POSITIVE_INFINITY, 10_000)).toBeUndefined();
    expect(openFileLimitWarning(undefined, 10_000)).toBeUndefined();
  });

  it('is warned about in the start-up log of a broker on disk', async () => {
    const limit = readOpenFileLimit();
    if (limit === undefined || !Number.isFinite(limit)) return;
    const { logger, lines } = recordingLogger('warn');
    const dirs = new TempDirs();
    const broker = await createBroker({
      dataDir: await dirs.make(),
      port: 0,
      kafkaPort: -1,
      maxPartitions: limit,
      logger,
    });
    await broker.close();
    await dirs.cleanup();
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 40, openFileLimit: limit, maxPartitions: limit, needed: limit + 1000 }),
    );
  });
});
