/**
 * What a scenario is: an id for `--only`, a title, the commands it needs (a missing one
 * skips it with a message), its work per round for the progress bar, and one round of
 * measurement. The harness runs every scenario's round 1, then every round 2, ..., so a
 * machine that drifts during the run disturbs every system alike.
 */

import type { RunPlan } from '../core/plan.js';
import type { ProgressBar } from '../core/progress.js';
import type { Results } from '../core/results.js';
import type { Fixtures } from './fixtures.js';

export interface ScenarioContext {
  plan: RunPlan;
  results: Results;
  /** 0-based. */
  round: number;
  /** The pool of record values (plan.valueBytes each). */
  values: string[];
  bar: ProgressBar;
  /** Adds a note for the report (each text once). */
  note(text: string): void;
  /** Full paths of the commands named in `needs`. */
  commands: Record<string, string>;
  fixtures: Fixtures;
}

export interface Scenario {
  id: string;
  title: string;
  needs: string[];
  /** Units of work of one round (the progress bar's length). */
  units(plan: RunPlan): number;
  round(ctx: ScenarioContext): Promise<void>;
}
