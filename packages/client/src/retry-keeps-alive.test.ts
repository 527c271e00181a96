/**
 * A script whose broker is down must not exit silently: a pending call keeps the process
 * alive through its retries, and the caller gets BROKER_NOT_AVAILABLE. Run as a real child
 * process, since "the process exited" is the behaviour under test.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const PACKAGE_DIRECTORY = fileURLToPath(new URL('..', import.meta.url));

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function runScript(source: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@mini-kafka/source', '--import', TSX_LOADER, '--input-type=module', '-e', source],
      { cwd: PACKAGE_DIRECTORY, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('a call to a broker that is down', () => {
  it('keeps a script alive through its retries and rejects with BROKER_NOT_AVAILABLE', async () => {
    const port = await closedPort();
    const started = Date.now();
    const run = await runScript(`
      import { MiniKafka } from '@mini-kafka/client';
      const kafka = new MiniKafka({ url: 'http://127.0.0.1:${port}', retry: { retries: 3, initialRetryTime: 200 } });
      const producer = kafka.producer();
      try {
        await producer.send({ topic: 'orders', messages: [{ value: 'v' }] });
        console.log('sent');
      } catch (error) {
        console.log('failed with', error.type);
      }
    `);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('failed with BROKER_NOT_AVAILABLE');
    expect(run.code).toBe(0);
    // Three retries after 200, 400 and 800 ms (±20 %): the script waited for them.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_100);
  }, 70_000);
});
