/**
 * Runs a client scenario program (a Go binary or a Python script under `packages/e2e/clients/`)
 * and reads its report. Every program takes `<bootstrap> <prefix> <feature> [extra args]`, prints
 * one JSON line per step, `{"step":"create-topics","ok":true}`, `{"step":"x","ok":false,"error":"..."}`
 * or `{"step":"x","skipped":"why"}` (the client cannot do it), and exits non-zero on failure.
 * Lines that are not JSON (client logs) are kept as the program's log for failure messages.
 */
import { spawn } from 'node:child_process';

export interface ScenarioStep {
  step: string;
  ok?: boolean;
  error?: string;
  skipped?: string;
  /** Whatever else the program reports about the step (counts, offsets, names). */
  [detail: string]: unknown;
}

export interface ScenarioRun {
  code: number | null;
  steps: ScenarioStep[];
  /** Everything the program printed that is not a step line, stderr included (last 4 KiB). */
  log: string;
}

const LOG_TAIL = 4096;

/** Runs `command args`, kills it after `timeoutMs`, and parses its step lines. */
export function runScenario(
  command: string,
  args: string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ScenarioRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    let stdout = '';
    let log = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-LOG_TAIL)));
    const timer = setTimeout(() => {
      log += `\n(killed after ${options.timeoutMs ?? 120_000} ms)`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const steps: ScenarioStep[] = [];
      for (const line of stdout.split('\n')) {
        const parsed = parseStep(line);
        if (parsed === undefined) {
          if (line.trim() !== '') log = `${log}\n${line}`.slice(-LOG_TAIL);
        } else {
          steps.push(parsed);
        }
      }
      resolve({ code, steps, log });
    });
  });
}

function parseStep(line: string): ScenarioStep | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === 'object' && value !== null && typeof (value as ScenarioStep).step === 'string') {
      return value as ScenarioStep;
    }
  } catch {
    // a log line that happens to start with a brace
  }
  return undefined;
}

/** The step named `name`; throws with the program's report and log when it is missing. */
export function stepOf(run: ScenarioRun, name: string): ScenarioStep {
  const found = run.steps.find((step) => step.step === name);
  if (found === undefined) {
    throw new Error(`step "${name}" was not reported (exit ${run.code}); steps: ${describeSteps(run)}\n${run.log}`);
  }
  return found;
}

/** A one-line summary of every step, for assertion messages. */
export function describeSteps(run: ScenarioRun): string {
  return run.steps
    .map(
      (s) =>
        `${s.step}=${s.ok === true ? 'ok' : s.skipped !== undefined ? `skipped(${s.skipped})` : `FAILED(${s.error})`}`,
    )
    .join(', ');
}

/** The first failed step, or undefined when every step passed or was skipped. */
export function firstFailure(run: ScenarioRun): ScenarioStep | undefined {
  return run.steps.find((step) => step.ok !== true && step.skipped === undefined);
}

/**
 * Asserts that the program ran every step in `steps` and each passed, and exited 0. A step
 * the program reported skipped (the client has no API for it) skips the test with its reason;
 * a failed step fails it with the step's name and the client's own error first.
 */
export function expectSteps(run: ScenarioRun, steps: string[], ctx: { skip(note?: string): never }): void {
  const failed = firstFailure(run);
  if (failed !== undefined) {
    throw new Error(`step ${failed.step}: ${failed.error ?? 'failed'}\n(steps: ${describeSteps(run)})\n${run.log}`);
  }
  const skipped = run.steps.find((step) => step.skipped !== undefined);
  if (skipped !== undefined) ctx.skip(`${skipped.step}: ${skipped.skipped}`);
  for (const name of steps) stepOf(run, name);
  if (run.code !== 0) throw new Error(`exit ${run.code} (steps: ${describeSteps(run)})\n${run.log}`);
}
