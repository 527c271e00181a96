/**
 * Runs the built `mini-kafka` command (bin/mini-kafka.js, loading dist/main.js) as a child
 * process, as a user's shell would: the CLI tests go through the real binary, its argument
 * parsing, its exit code and its output streams. Build the broker first
 * (`pnpm --filter "@mini-kafka/broker..." build`; turbo's test task does).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../../bin/mini-kafka.js', import.meta.url));
const MAIN = fileURLToPath(new URL('../../../dist/main.js', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the command's stdin, which is then closed. */
  stdin?: string;
  env?: Record<string, string>;
}

export function assertBuilt(): void {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: build the broker first (pnpm --filter "@mini-kafka/broker..." build)`);
}

/** Runs `mini-kafka ...args` to its end. MINI_KAFKA_* variables of the test's own environment are left out. */
export function runMiniKafka(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  assertBuilt();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== undefined && !name.startsWith('MINI_KAFKA_')) env[name] = value;
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, ...options.env }, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
  });
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
