/** Runs `mini-kafka ...argv` in this process (run-cli.ts), capturing its output and exit code: for tests that also hold brokers in process. */
import { runCli } from '../run-cli.js';

export async function runInProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(argv, {
    version: '0.0.0',
    out: { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) },
  });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}
