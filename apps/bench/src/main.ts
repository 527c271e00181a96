/**
 * `pnpm bench` (at the root): Mini Kafka next to Redis Streams, NATS JetStream, the disk's
 * durable ceiling and a bare node:http handler, every system started fresh on 127.0.0.1 by
 * this process, in one run; ratios come from the same run.
 *
 *   pnpm bench                       # every scenario, medians of 3 rounds (about 20 min)
 *   pnpm bench --quick               # reduced counts, 1 round: under a minute, indicative only
 *   pnpm bench --only=redis,v1-json  # some scenarios
 *   pnpm bench --rounds=5
 *   pnpm bench --write-readme        # then rewrite the README's Performance figures
 *
 * Prints the table, the targets and the other figures, and writes
 * apps/bench/bench-results/<timestamp>.json and .svg. Exits 1 when a scenario failed (a
 * missed target is reported, not a failure), 2 on bad arguments.
 */
import { loadavg } from 'node:os';
import { ArgsError, parseArgs, usage } from './cli/args.js';
import { describeMachine, sourceRevision, toolVersions } from './core/machine.js';
import { makePlan } from './core/plan.js';
import { Results } from './core/results.js';
import { makeValues } from './load/payload.js';
import { brokerBuilt } from './procs/broker-process.js';
import { killAllNow, stopAll } from './procs/children.js';
import { otherFigures, renderOtherFigures } from './report/other-figures.js';
import { renderSection } from './report/readme-section.js';
import { buildRunJson, runFileStem } from './report/run-json.js';
import { renderChart } from './report/svg-chart.js';
import { evaluateTargets, renderTargetsTable } from './report/targets.js';
import { renderThroughputTable, rowFigures } from './report/throughput.js';
import { fromRoot, REPO_ROOT, writeReadmeSection, writeRunFiles } from './report/write-outputs.js';
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
    console.error('apps/broker/dist/main.js is missing: run `pnpm --filter @mini-kafka/broker... build` first');
    return 1;
  }
  const plan = makePlan(args.quick, args.rounds);
  const scenarios = SCENARIOS.filter((scenario) => args.only === undefined || args.only.includes(scenario.id));
  const machine = describeMachine();
  const commands = findCommands(SCENARIOS);
  const tools = toolVersions(commands);
  const command = ['pnpm bench', ...process.argv.slice(2).filter((arg) => arg !== '--')].join(' ');
  const revision = sourceRevision(REPO_ROOT);
  const startedAt = new Date();
  log(
    `${command}${plan.quick ? ' (reduced counts: indicative only)' : ''}: ${scenarios.length} scenarios, ` +
      `${plan.rounds} round(s) at ${revision}, ${plan.records.toLocaleString('en-US')} × ${plan.valueBytes} B; ` +
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
  const finishedAt = new Date();
  machine.loadAverageAtEnd = loadavg().map((load) => Math.round(load * 100) / 100);

  const rows = rowFigures(results);
  const targets = evaluateTargets(results, plan);
  const figures = otherFigures(results, plan);
  const throughputTable = renderThroughputTable(rows);
  const targetsTable = renderTargetsTable(targets);
  const otherFiguresTable = renderOtherFigures(figures);
  const label = plan.quick
    ? 'QUICK RUN (reduced counts, 1 round): indicative only'
    : `medians of ${plan.rounds} rounds`;
  log(`\n${label}\n\n${throughputTable}\n\n${targetsTable}\n\n${otherFiguresTable}\n`);
  for (const outcome of results.outcomes) {
    if (outcome.status !== 'ok') log(`${outcome.id} ${outcome.status}: ${outcome.reason}`);
    for (const note of outcome.notes) log(`${outcome.id}: ${note}`);
  }

  const json = buildRunJson({
    command,
    revision,
    startedAt,
    finishedAt,
    plan,
    machine,
    tools,
    results,
    rows,
    targets,
    otherFigures: figures,
  });
  const chart = renderChart({
    title: `Mini Kafka and its anchors: ${plan.records.toLocaleString('en-US')} records of ${plan.valueBytes} B${plan.quick ? ' (quick run)' : ''}`,
    subtitle: `${startedAt.toISOString().slice(0, 10)}, ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}; ${label}`,
    rows: rows.map((row) => ({
      label: row.spec.short,
      mini: row.spec.mini,
      produce: row.produce,
      consume: row.consume,
    })),
  });
  const files = writeRunFiles(
    runFileStem(startedAt, { quick: plan.quick, partial: args.only !== undefined }),
    json,
    chart,
  );
  log(`figures: ${fromRoot(files.json)}\nchart: ${fromRoot(files.chart)}`);
  if (args.writeReadme) {
    writeReadmeSection(
      renderSection({
        startedAt,
        revision,
        durationSeconds: json.durationSeconds,
        plan,
        machine,
        tools,
        jsonPath: fromRoot(files.json),
        chartPath: fromRoot(files.chart),
        throughputTable,
        targetsTable,
        otherFiguresTable,
        outcomes: results.outcomes,
      }),
    );
    log('README.md: Performance figures rewritten');
  }
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
