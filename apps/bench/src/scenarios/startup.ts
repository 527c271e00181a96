/**
 * Start-up: from spawning the broker to its first `GET /health` 200, with an empty data
 * directory and with plan.startupTopics topics holding plan.startupRecords records between
 * them (filled through /v1, then a clean shutdown). Each round starts the broker once
 * untimed, then once timed. The files are in the page cache, as they are after a restart.
 * For scale, `node -e 0` (Node's own start and exit) is timed too.
 */
import { spawn } from 'node:child_process';
import { createTopic, fillTopic } from '../load/fill.js';
import { startBroker } from '../procs/broker-process.js';
import { removeDir, tempDir } from '../procs/children.js';
import type { Scenario, ScenarioContext } from './scenario.js';

function nodeStartMs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - start));
  });
}

/** Starts a broker on `dataDir` twice (the first untimed) and gives the second start-up in ms. */
async function timedStart(dataDir: string | undefined): Promise<number> {
  let startupMs = Number.NaN;
  for (const timed of [false, true]) {
    const broker = await startBroker(dataDir);
    if (timed) startupMs = broker.startupMs;
    await broker.stop();
  }
  return startupMs;
}

async function fill(ctx: ScenarioContext, dataDir: string): Promise<void> {
  const { startupTopics, startupRecords } = ctx.plan;
  const broker = await startBroker(dataDir);
  try {
    const perTopic = Math.ceil(startupRecords / startupTopics);
    for (let t = 0; t < startupTopics; t++) {
      await createTopic(broker.http, `topic-${t}`, 1);
      await fillTopic(broker.http, `topic-${t}`, perTopic, ctx.values, (done) => ctx.bar.update(t * perTopic + done));
    }
  } finally {
    await broker.stop();
  }
}

export const startup: Scenario = {
  id: 'startup',
  title: 'broker start-up',
  needs: [],
  units: (plan) => plan.startupRecords + 3,
  async round(ctx) {
    ctx.bar.startPhase('node -e 0', 1);
    await nodeStartMs();
    ctx.results.record('startup.node.ms', await nodeStartMs());
    ctx.bar.startPhase('empty', 1);
    ctx.results.record('startup.empty.ms', await timedStart(undefined));
    const dir = await tempDir('startup');
    try {
      ctx.bar.startPhase(`fill ${ctx.plan.startupTopics} topics`, ctx.plan.startupRecords);
      await fill(ctx, dir);
      ctx.bar.startPhase(`${ctx.plan.startupTopics} topics`, 1);
      ctx.results.record('startup.loaded.ms', await timedStart(dir));
    } finally {
      await removeDir(dir);
    }
  },
};
