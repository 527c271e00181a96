/**
 * Runs the chosen scenarios round by round: round 1 of every scenario, then round 2, ...
 * A scenario whose commands are missing is skipped with a message; one that throws is
 * reported as failed (with the error) and not run again, and the others go on.
 */

import type { RunPlan } from './core/plan.js';
import { ProgressBar } from './core/progress.js';
import type { Results, ScenarioOutcome } from './core/results.js';
import { which } from './procs/children.js';
import type { Fixtures } from './scenarios/fixtures.js';
import type { Scenario } from './scenarios/scenario.js';

export interface RunInput {
  scenarios: readonly Scenario[];
  plan: RunPlan;
  results: Results;
  values: string[];
  fixtures: Fixtures;
  log: (line: string) => void;
}

/** Finds every command the scenarios need; the value is undefined where one is missing. */
export function findCommands(scenarios: readonly Scenario[]): Record<string, string | undefined> {
  const names = new Set(scenarios.flatMap((scenario) => scenario.needs));
  return Object.fromEntries([...names].map((name) => [name, which(name)]));
}

export async function runScenarios(input: RunInput, commands: Record<string, string | undefined>): Promise<void> {
  const { plan, results, log } = input;
  const active: { scenario: Scenario; outcome: ScenarioOutcome }[] = [];
  for (const scenario of input.scenarios) {
    const outcome: ScenarioOutcome = { id: scenario.id, title: scenario.title, status: 'ok', seconds: 0, notes: [] };
    results.outcomes.push(outcome);
    const missing = scenario.needs.filter((name) => commands[name] === undefined);
    if (missing.length > 0) {
      outcome.status = 'skipped';
      outcome.reason = `${missing.join(', ')} not installed (apt-get install -y ${debianPackages(missing).join(' ')})`;
      log(`skipped ${scenario.id}: ${outcome.reason}`);
    } else {
      active.push({ scenario, outcome });
    }
  }
  const found = Object.fromEntries(
    Object.entries(commands).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  for (let round = 0; round < plan.rounds; round++) {
    for (const { scenario, outcome } of active) {
      if (outcome.status !== 'ok') continue;
      const title = `[${round + 1}/${plan.rounds}] ${scenario.id.padEnd(12)}`;
      const bar = new ProgressBar(process.stdout, title, scenario.units(plan));
      const started = performance.now();
      try {
        await scenario.round({
          plan,
          results,
          round,
          values: input.values,
          bar,
          note: (text) => {
            if (!outcome.notes.includes(text)) outcome.notes.push(text);
          },
          commands: found,
          fixtures: input.fixtures,
        });
        const seconds = (performance.now() - started) / 1000;
        outcome.seconds += seconds;
        bar.finish(`done in ${seconds.toFixed(1)} s`);
      } catch (error) {
        outcome.seconds += (performance.now() - started) / 1000;
        outcome.status = 'failed';
        outcome.reason = error instanceof Error ? error.message : String(error);
        bar.finish('FAILED');
        log(`${scenario.id} failed in round ${round + 1}: ${outcome.reason}`);
      }
    }
  }
}

const PACKAGES: Record<string, string> = {
  'redis-server': 'redis-server',
  'redis-benchmark': 'redis-tools',
  'nats-server': 'nats-server',
  kcat: 'kcat',
};

function debianPackages(commands: string[]): string[] {
  return [...new Set(commands.map((command) => PACKAGES[command] ?? command))];
}
