/**
 * How `mini-kafka users add` gets a password: typed at a terminal without echo (twice, and
 * they must match), or the first line of stdin (a pipe, a file, `--password-stdin`). It is
 * kept in memory only for as long as the SCRAM credentials take to derive, and never printed.
 */
import type { CliOutput } from './cli-output.js';
import { CommandFailed } from './exit-codes.js';

interface TerminalInput extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (raw: boolean) => unknown;
}

/** Reads the password for `user` from `stdin`: prompting on `out` at a terminal unless `fromStdin`. */
export async function readPassword(
  stdin: NodeJS.ReadableStream,
  out: CliOutput,
  user: string,
  fromStdin: boolean,
): Promise<string> {
  const input = stdin as TerminalInput;
  if (fromStdin || input.isTTY !== true || input.setRawMode === undefined) {
    const line = await firstLine(stdin);
    if (line === undefined) throw new CommandFailed('no password on stdin');
    return line;
  }
  // Echo off before the first prompt shows and until the second answer is in: nothing typed is echoed.
  input.setRawMode(true);
  try {
    const first = await typed(input, out, `Password for ${user}: `);
    const again = await typed(input, out, 'Again: ');
    if (first !== again) throw new CommandFailed('the two passwords differ');
    return first;
  } finally {
    input.setRawMode(false);
    input.pause();
  }
}

/** The first line of `stream` (without its line end), or undefined when it ends empty. */
function firstLine(stream: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (line: string | undefined): void => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', reject);
      stream.pause();
      resolve(line);
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const end = text.indexOf('\n');
      if (end >= 0) done(text.slice(0, end).replace(/\r$/, ''));
    };
    const onEnd = (): void => done(text === '' ? undefined : text.replace(/\r$/, ''));
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', reject);
    stream.resume();
  });
}

/** One line typed at the terminal (in raw mode: no echo); Ctrl-C or Ctrl-D gives up. */
function typed(input: TerminalInput, out: CliOutput, prompt: string): Promise<string> {
  out.stderr(prompt);
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error: Error | undefined): void => {
      input.removeListener('data', onData);
      out.stderr('\n');
      if (error === undefined) resolve(text);
      else reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') {
          finish(undefined);
          return;
        }
        if (char === '\u0003' || char === '\u0004') {
          finish(new CommandFailed('cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') text = text.slice(0, -1);
        else if (char >= ' ') text += char;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
