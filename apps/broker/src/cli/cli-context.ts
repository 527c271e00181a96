/** What every command builder gets: where to write, and how to set the exit code of the run. */
import type { CliOutput } from './cli-output.js';

export interface CliContext {
  out: CliOutput;
  /** Reads stdin (produce); the process's own unless a test gives another. */
  stdin: NodeJS.ReadableStream;
  /** The run's exit code, set by the command that ran (0 unless it says otherwise). */
  exitCode: number;
}
