/**
 * `pnpm compat-matrix`: runs the real-client suites (`src/clients/`) with result recording on,
 * then rewrites the README's generated sections: the compatibility matrix (client × feature)
 * from the recorded results, and the table of Kafka APIs and versions from the broker's own
 * ApiVersions answer. Failing scenarios do not stop it: the matrix is there to show them.
 *
 *   pnpm compat-matrix              # run the suites, then rewrite both sections
 *   pnpm compat-matrix --pending    # run the pending scenarios too (which pass now?)
 *   pnpm compat-matrix --no-run     # rewrite from the results of the last run
 *   pnpm compat-matrix --api-table  # rewrite the API table only (after a handler changed)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokerApis, renderApiTable } from '../src/readme/api-table.js';
import { renderCompatMatrix } from '../src/readme/compat-matrix.js';
import { README_PATH, writeSection } from '../src/readme/readme-sections.js';
import { COMPAT_RESULTS_ENV, readCompatResults } from '../src/support/compat-results.js';

const e2eDir = fileURLToPath(new URL('..', import.meta.url));
const resultsFile = process.env[COMPAT_RESULTS_ENV] || join(tmpdir(), 'mini-kafka-compat-results.jsonl');
const flag = (name: string): boolean => process.argv.includes(name);
const apiTableOnly = flag('--api-table');

function runClientSuites(): void {
  rmSync(resultsFile, { force: true });
  const started = Date.now();
  const run = spawnSync('npx', ['vitest', 'run', 'src/clients'], {
    cwd: e2eDir,
    stdio: 'inherit',
    env: {
      ...process.env,
      [COMPAT_RESULTS_ENV]: resultsFile,
      ...(flag('--pending') ? { MINI_KAFKA_RUN_PENDING: '1' } : {}),
    },
  });
  console.log(`client suites finished in ${Math.round((Date.now() - started) / 1000)} s (exit ${run.status})`);
}

let readme = readFileSync(README_PATH, 'utf8');
if (!apiTableOnly) {
  if (!flag('--no-run')) runClientSuites();
  if (!existsSync(resultsFile)) {
    console.error(`no results in ${resultsFile}: run without --no-run first`);
    process.exit(1);
  }
  const results = readCompatResults(resultsFile);
  readme = writeSection(readme, 'compat-matrix', renderCompatMatrix(results));
  const count = (status: string) => results.filter((r) => r.status === status).length;
  console.log(
    `matrix: ${results.length} results (${count('pass')} pass, ${count('fail')} fail, ${count('pending')} pending, ${count('skip')} skipped)`,
  );
}
readme = writeSection(readme, 'api-versions', renderApiTable(await brokerApis()));
writeFileSync(README_PATH, readme);
// Biome formats markdown too: pad the new tables as `pnpm format` would, so lint stays green.
spawnSync('npx', ['biome', 'format', '--write', README_PATH], { cwd: e2eDir, stdio: 'ignore' });
console.log(`README.md rewritten${apiTableOnly ? ' (API table only)' : ''}`);
