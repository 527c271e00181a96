/**
 * Runs the Python scenario programs under `packages/e2e/clients/python/` with Debian's
 * `/usr/bin/python3` and its `python3-confluent-kafka` (librdkafka underneath), which
 * `.ci/run` installs. Without them `confluentSkipReason` says why and the tests are skipped.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runScenario, type ScenarioRun } from './scenario-program.js';

export const PYTHON = process.env.MINI_KAFKA_PYTHON ?? '/usr/bin/python3';
const confluentProgram = fileURLToPath(new URL('../../clients/python/confluent_scenario.py', import.meta.url));

interface ConfluentVersions {
  binding: string;
  librdkafka: string;
}

function probe(): ConfluentVersions | string {
  try {
    const out = execFileSync(
      PYTHON,
      ['-c', 'import confluent_kafka as c, json; print(json.dumps([c.version()[0], c.libversion()[0]]))'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const [binding, librdkafka] = JSON.parse(out) as [string, string];
    return { binding, librdkafka };
  } catch {
    return `${PYTHON} cannot import confluent_kafka (apt-get install python3-confluent-kafka)`;
  }
}

const probed = probe();

/** Why the confluent-kafka scenarios cannot run here, or undefined when they can. */
export const confluentSkipReason = typeof probed === 'string' ? probed : undefined;

/** "librdkafka 2.0.2 (confluent-kafka 1.7.0)", or the package name when it is missing. */
export const confluentClientName =
  typeof probed === 'string'
    ? 'librdkafka (python3-confluent-kafka)'
    : `librdkafka ${probed.librdkafka} (confluent-kafka ${probed.binding})`;

/** Runs one feature of `confluent_scenario.py` against `bootstrap`. */
export function runConfluent(bootstrap: string, prefix: string, feature: string): Promise<ScenarioRun> {
  return runScenario(PYTHON, [confluentProgram, bootstrap, prefix, feature], {
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
}
