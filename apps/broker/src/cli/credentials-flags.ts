/**
 * Where `mini-kafka users` and `mini-kafka tokens` find the credentials file: the broker's own
 * settings, `--credentials-file` (env MINI_KAFKA_CREDENTIALS_FILE) or else
 * `<--data-dir>/credentials.json` (env MINI_KAFKA_DATA_DIR, default ./data), and the
 * read-change-write every change is. Changes are offline edits of the file (replaced
 * atomically, mode 0600); a running broker rereads it within a second. Two edits at the same
 * moment may lose one: run them one after the other.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Command, Option } from 'commander';
import {
  type CredentialsData,
  credentialsPath,
  readCredentials,
  writeCredentials,
} from '../security/credential-store.js';

export interface CredentialsFlags {
  dataDir: string;
  credentialsFile?: string;
  json?: boolean;
}

/** Adds `--data-dir`, `--credentials-file` and `--json` to `command`. */
export function withCredentialsFlags(command: Command): Command {
  return command
    .addOption(
      new Option('--credentials-file <file>', 'the users and tokens file (default: <data-dir>/credentials.json)').env(
        'MINI_KAFKA_CREDENTIALS_FILE',
      ),
    )
    .addOption(
      new Option('--data-dir <dir>', "the broker's data directory").env('MINI_KAFKA_DATA_DIR').default('./data'),
    )
    .option('--json', 'print one JSON document instead of a table');
}

export const credentialsFileOf = (flags: CredentialsFlags): string =>
  credentialsPath(flags.dataDir, flags.credentialsFile);

/** Reads the file, lets `change` make the new contents (throwing leaves the file as it was), writes them. */
export async function changeCredentials(
  flags: CredentialsFlags,
  change: (data: CredentialsData) => Promise<CredentialsData> | CredentialsData,
): Promise<CredentialsData> {
  const path = credentialsFileOf(flags);
  const changed = await change(await readCredentials(path));
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeCredentials(path, changed);
  return changed;
}
