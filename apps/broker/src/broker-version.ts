/**
 * The @mini-kafka/broker version, read once from its package.json: the nearest one above this
 * file (src/ in the workspace, dist/ or dist/chunks/ when built or bundled).
 */
import { readFileSync } from 'node:fs';

let version: string | undefined;

export function brokerVersion(): string {
  if (version !== undefined) return version;
  for (const up of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@mini-kafka/broker' && typeof pkg.version === 'string') {
        version = pkg.version;
        return version;
      }
    } catch {
      // Not there: one level up.
    }
  }
  version = 'unknown';
  return version;
}
