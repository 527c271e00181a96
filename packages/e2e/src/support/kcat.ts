/**
 * Runs kcat (librdkafka's command-line client) when it is installed. `.ci/run` installs it
 * with apt-get; on a machine without it the kcat tests are skipped with a visible message.
 */
import { execFileSync, spawn } from 'node:child_process';

function findKcat(): string | undefined {
  for (const candidate of [process.env.KCAT_BIN, 'kcat', 'kafkacat']) {
    if (candidate === undefined || candidate === '') continue;
    try {
      execFileSync(candidate, ['-V'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

export const kcatBinary = findKcat();
if (kcatBinary === undefined) {
  console.warn('kcat is not installed: the kcat compatibility tests are SKIPPED (apt-get install kcat to run them)');
}

/** Why the kcat scenarios cannot run here, or `undefined` when kcat is installed. */
export const kcatSkipReason = kcatBinary === undefined ? 'kcat is not installed (apt-get install kcat)' : undefined;

/** The compatibility matrix's column: "kcat 1.7.1 (librdkafka 2.0.2)", from `kcat -V`. */
export const kcatClientName = ((): string => {
  if (kcatBinary === undefined) return 'kcat';
  const banner = execFileSync(kcatBinary, ['-V']).toString();
  const version = /Version (\S+)/.exec(banner)?.[1] ?? '?';
  const librdkafka = /librdkafka (\d[\w.]*)/.exec(banner)?.[1] ?? '?';
  return `kcat ${version} (librdkafka ${librdkafka})`;
})();

export interface KcatResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs kcat with `args`, feeding `input` on stdin; kills it after `timeoutMs`. */
export function kcat(args: string[], input?: string, timeoutMs = 20_000): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    if (kcatBinary === undefined) {
      reject(new Error('kcat is not installed'));
      return;
    }
    const child = spawn(kcatBinary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/** Starts a long-running kcat (e.g. a -G consumer) and returns it with its output so far. */
export function kcatProcess(args: string[]) {
  if (kcatBinary === undefined) throw new Error('kcat is not installed');
  const child = spawn(kcatBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  return { child, output };
}
