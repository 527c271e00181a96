/**
 * librdkafka's own integration tests against the broker: the transaction ones and those around
 * them that stopped at `init_transactions` before the broker had transactions.
 *
 *   0103 transactions (commit, abort, send_offsets_to_transaction, fencing, empty transactions)
 *   0129 fetch_aborted_msgs (read_committed over aborted transactions)
 *   0137 barrier_batch_consume (batch consume around control messages)
 *   0061 consumer_lag (lag reaches 0 over transaction markers)
 *
 * The runner is built by `rdkafka-suite/build.sh` from the librdkafka 2.12.0 source node-rdkafka
 * vendors on npm (about 4 minutes on 2 cores; cached in the temporary directory), and run with
 * `TESTS=<n>` against an in-process broker. Skipped with a message when it cannot be built here
 * (no C compiler, no npm registry).
 */
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';

const BUILD = fileURLToPath(new URL('../../rdkafka-suite/build.sh', import.meta.url));
const CACHE = join(tmpdir(), 'mini-kafka-rdkafka-suite-2.12.0');

let testsDir: string | undefined;
let skipReason: string | undefined;

function hasToolchain(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v gcc && command -v g++ && command -v make'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const brokers = new Brokers();
afterEach(() => brokers.cleanup());

/** Runs one librdkafka test against `bootstrap`; its exit code and the tail of its output. */
function runTest(test: string, bootstrap: string): Promise<{ code: number | null; tail: string }> {
  const conf = join(testsDir!, `mini-kafka-${test}.conf`);
  writeFileSync(conf, `bootstrap.servers=${bootstrap}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn('./test-runner', [], {
      cwd: testsDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TESTS: test,
        RDKAFKA_TEST_CONF: conf,
        TEST_KAFKA_VERSION: '3.6.0',
        LD_LIBRARY_PATH: '../src:../src-cpp',
      },
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-8192);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, tail: output }));
  });
}

describe("librdkafka's integration tests", () => {
  beforeAll(() => {
    if (!hasToolchain()) {
      skipReason = 'gcc, g++ or make is missing';
      return;
    }
    try {
      const out = execFileSync('bash', [BUILD, CACHE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      testsDir = out.trim().split('\n').at(-1);
    } catch (error) {
      skipReason = `the test runner could not be built: ${(error as Error).message.split('\n')[0]}`;
    }
    if (skipReason !== undefined) console.warn(`librdkafka's integration tests SKIPPED: ${skipReason}`);
  }, 15 * 60_000);

  for (const test of ['0103', '0129', '0137', '0061']) {
    it(`passes ${test}`, async (ctx) => {
      if (testsDir === undefined) ctx.skip(skipReason);
      const broker = await brokers.start();
      const { code, tail } = await runTest(test, broker.kafkaBootstrap!);
      expect(code, tail).toBe(0);
      expect(tail).toContain('ALL TESTS PASSED');
    }, 300_000);
  }
});
