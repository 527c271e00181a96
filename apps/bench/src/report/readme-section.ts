/**
 * The README's Performance figures: the text between `<!-- bench:start -->` and
 * `<!-- bench:end -->`, rewritten by `pnpm bench --write-readme` from a full run: the
 * machine, the chart, the throughput table, the targets and the other figures, with links
 * to the run's JSON and SVG.
 */
import type { Machine } from '../core/machine.js';
import type { RunPlan } from '../core/plan.js';
import type { ScenarioOutcome } from '../core/results.js';

export const START_MARKER = '<!-- bench:start -->';
export const END_MARKER = '<!-- bench:end -->';

/** `readme` with the text between the markers replaced by `content`. */
export function replaceSection(readme: string, content: string): string {
  const from = readme.indexOf(START_MARKER);
  const to = readme.indexOf(END_MARKER);
  if (from === -1 || to < from) throw new Error(`the README has no ${START_MARKER} ... ${END_MARKER} section`);
  return `${readme.slice(0, from + START_MARKER.length)}\n${content}\n${readme.slice(to)}`;
}

export interface SectionInput {
  startedAt: Date;
  revision: string;
  durationSeconds: number;
  plan: RunPlan;
  machine: Machine;
  tools: Record<string, string>;
  /** Paths from the README's folder. */
  jsonPath: string;
  chartPath: string;
  throughputTable: string;
  targetsTable: string;
  otherFiguresTable: string;
  outcomes: ScenarioOutcome[];
}

export function describeMachineLine(machine: Machine): string {
  const gib = Math.round(machine.memoryBytes / 1024 ** 3);
  return `${machine.cores} cores (${machine.cpuModel}), ${gib} GiB, Node ${machine.node}, ${machine.platform} ${machine.kernel}`;
}

export function renderSection(input: SectionInput): string {
  const { plan, machine } = input;
  const date = input.startedAt.toISOString().slice(0, 10);
  const load = (values: number[] | undefined): string => (values === undefined ? '·' : values.join(' '));
  const tools = Object.entries(input.tools)
    .filter(([name]) => name !== 'node')
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const problems = input.outcomes
    .filter((outcome) => outcome.status !== 'ok')
    .map((outcome) => `- \`${outcome.id}\` ${outcome.status}: ${outcome.reason ?? ''}`);
  const notes = input.outcomes.flatMap((outcome) => outcome.notes.map((note) => `- \`${outcome.id}\`: ${note}`));
  return [
    `Last run: \`pnpm bench\` at ${input.revision} on ${date}, ${describeMachineLine(machine)}; ${Math.round(input.durationSeconds / 60)} minutes.`,
    `Load average ${load(machine.loadAverageAtStart)} at the start and ${load(machine.loadAverageAtEnd)} at the end (1, 5, 15 min):`,
    'the machine is shared, and other sessions may have been running tests meanwhile.',
    `${plan.records.toLocaleString('en-US')} records of ${plan.valueBytes} B per throughput scenario, medians of ${plan.rounds} rounds.`,
    `Versions: ${tools}. Every figure of this run: [${input.jsonPath}](${input.jsonPath}).`,
    '',
    `![Produce and consume rates of Mini Kafka and the anchors](${input.chartPath})`,
    '',
    input.throughputTable,
    '',
    input.targetsTable,
    '',
    input.otherFiguresTable,
    ...(problems.length + notes.length > 0 ? ['', ...problems, ...notes] : []),
  ].join('\n');
}
