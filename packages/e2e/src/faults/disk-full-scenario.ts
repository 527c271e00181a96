/**
 * The disk-full scenario: a broker child process (flush `always`, small segments) whose data
 * directory is on a small tmpfs, under the mixed load of disk-full-load.ts and
 * disk-full-kafkajs.ts, filled and freed again and again, never restarted to recover.
 *
 * Each cycle (its plan from the seed, disk-full-summary.ts):
 * 1. create the cycle's fill topic (3 partitions); in an `outside-file` cycle another file
 *    takes an eighth of the disk first; big records until an eighth of the disk is left, then
 *    the mixed load until no page is left and every producer has been refused;
 * 2. pause; top the disk off; every kind of write refused cleanly, reads served
 *    (disk-full-probes.ts); every acknowledged record read back at its offset, byte for byte;
 * 3. (`kill` cycles) the load on again, SIGKILL, a new broker on the same full directory: it
 *    starts, nothing acknowledged is lost, it refuses as cleanly as before. `torn` cycles
 *    leave an interrupted write (in a partition's log or the offsets log), which it cuts
 *    without a copy when there is no space for one; a partition it could not open anyway
 *    must answer KAFKA_STORAGE_ERROR saying so. A broker that cannot start at all is a
 *    problem (then started again once another program's file, `reserve`, is gone);
 * 4. an idempotent kafkajs send is refused and retried; space comes back the cycle's way:
 *    DELETE /v1/topics, Kafka DeleteTopics, Kafka DeleteRecords up to the high watermark, or
 *    the other file deleted. A partition offline for want of space must open again by
 *    itself within a few seconds (a problem otherwise, then a clean restart must open it);
 * 5. with no restart (but that one): the retrying send goes through, everything refused
 *    works again (disk-full-recovery.ts), the load runs until every producer and both groups
 *    are acknowledged again; every record checked again; the cycle's topics deleted.
 * The run stops at the first cycle that found a problem.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mountSmallDisk, SeededRandom, type SmallDisk } from '@mini-kafka/testing';
import { Brokers } from '../support/brokers.js';
import { DroppingProxy } from '../support/dropping-proxy.js';
import { eventually } from '../support/eventually.js';
import type { TopicSpec } from './crash-verify.js';
import { DiskBroker, tearLastWrite } from './disk-full-broker.js';
import { DiskChecks } from './disk-full-checks.js';
import { DiskKafkajs, RetryingSender } from './disk-full-kafkajs.js';
import { DiskHttpMember, KEEP_TOPIC, type LoadContext, produceTutorial, produceV1Batch } from './disk-full-load.js';
import { bulkFill, type ProbeEnv, probeFull, probeOffline, topOff } from './disk-full-probes.js';
import { checkRecovery } from './disk-full-recovery.js';
import { describeKafkajsError, request } from './disk-full-refusals.js';
import { type CyclePlan, type DiskFullSummary, planCycles } from './disk-full-summary.js';
import { RECORD_KINDS } from './ledger.js';
import { LoadGate } from './load-gate.js';

const FILL_PARTITIONS = 3;
const KIB = 1024;
const PRODUCER_REFUSALS = ['v1-produce', 'tutorial-produce', 'kafkajs-produce', 'kafkajs-idempotent-produce'] as const;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface DiskFullOptions {
  seed: number;
  cycles: number;
  /** The cycles' plan; by default planCycles(cycles, seed). */
  plan?: readonly CyclePlan[];
  /** Size of the tmpfs. */
  diskBytes: number;
  log?: (line: string) => void;
}

/** `promise`, or a failure naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runDiskFull(options: DiskFullOptions): Promise<DiskFullSummary> {
  const { seed, diskBytes, log = () => undefined } = options;
  const plan = options.plan ?? planCycles(options.cycles, seed);
  const checks = new DiskChecks(seed, diskBytes, plan.length);
  const disk: SmallDisk | string = await mountSmallDisk(diskBytes);
  if (typeof disk === 'string') return checks.skipped(disk);
  const dataDir = join(disk.path, 'data');
  const ballast = join(disk.path, 'another-program.bin');
  const reserve = join(disk.path, 'reserve.bin');
  const { summary, refusals, ledgers, specs } = checks;
  const ctx: LoadContext = {
    ...{ url: '', ledgers, refusals, hidden: [disk.path, dataDir] },
    ...{ fill: KEEP_TOPIC, keepBudget: 0, killing: false, cut: 0 },
  };
  const brokers = new Brokers();
  const gate = new LoadGate();
  const member = new DiskHttpMember();
  let proxy: DroppingProxy | undefined;
  let kafkajs: DiskKafkajs | undefined;
  let retrying: RetryingSender | undefined;
  const problem = (text: string): void => refusals.problem(text);
  const createTopic = async (spec: TopicSpec): Promise<void> => {
    const created = await request(ctx.url, 'POST', '/v1/topics', spec);
    if (created.status !== 201) throw new Error(`creating ${spec.name} answered ${created.status} ${created.text}`);
    specs.set(spec.name, spec);
  };
  const deleteTopic = async (name: string): Promise<void> => {
    const deleted = await request(ctx.url, 'DELETE', `/v1/topics/${name}`);
    if (deleted.status !== 204) throw new Error(`deleting ${name} answered ${deleted.status} ${deleted.text}`);
    checks.forget(name);
  };

  try {
    await mkdir(dataDir);
    const broker = await DiskBroker.start(brokers, dataDir);
    ctx.url = broker.url;
    await createTopic(KEEP_TOPIC);
    const proxied = await DroppingProxy.start({
      target: { host: '127.0.0.1', port: broker.kafkaPort },
      dropProduceResponse: () => false,
    });
    proxy = proxied;
    const kafka = new DiskKafkajs(proxied.bootstrap, ctx);
    kafkajs = kafka;
    await kafka.connect();
    const retryer = new RetryingSender(proxied.bootstrap);
    retrying = retryer;
    await retryer.connect();
    const random = (label: string): SeededRandom => SeededRandom.derive(seed, label);
    const probeRandom = random('probes');
    const env: ProbeEnv = {
      ctx,
      kafkajs: kafka,
      member,
      dataDir,
      kafkaPort: () => broker.kafkaPort,
      random: probeRandom,
    };
    for (const worker of [0, 1]) {
      const r = random(`v1-${worker}`);
      gate.loop(`v1-batch#${worker}`, () => produceV1Batch(ctx, worker, r));
    }
    const tutorial = random('tutorial');
    gate.loop('tutorial', () => produceTutorial(ctx, tutorial));
    for (const kind of ['kafkajs', 'kafkajs-idempotent'] as const) {
      const r = random(kind);
      gate.loop(kind, () => kafka.send(kind, r));
    }
    gate.loop('http member', () => member.step(ctx));
    gate.loop('kafkajs commits', () => kafka.commitStep());

    /** Restarts the broker with `signal` while the load is paused; the clients find the new one. */
    /**
     * Restarts the broker with `signal` while the load is paused (`beforeStart` runs in
     * between); the clients find the new one. A broker that cannot start on the full disk is a
     * problem: counted, `reserve` (another program's file) deleted, and started again.
     */
    const restart = async (
      signal: 'SIGKILL' | 'SIGTERM',
      settled: Promise<void>,
      beforeStart?: () => Promise<void>,
    ): Promise<void> => {
      const joins = kafka.joins;
      await broker.stop(signal);
      await beforeStart?.();
      const errors = await broker.startAgain(proxied).catch(async (error: Error) => {
        summary.startRefusedOnFullDisk++;
        summary.startRefusal = error.message.split(';')[0]; // its reason goes to stderr: "failed to start: ..."
        problem(`the broker could not start on the full disk: ${error.message}`);
        await rm(reserve, { force: true });
        return broker.startAgain(proxied);
      });
      ctx.url = broker.url;
      member.reset();
      await settled;
      // An interrupted write is reported at start: a partition's that cannot be kept aside makes it
      // offline; the offsets log's is "damaged" (error level) and skipped. Anything else is a problem.
      const expected = / is offline: |^Offsets log (damaged|recovered with damage)/;
      for (const line of errors) {
        if (!expected.test(line.msg ?? '')) problem(`a restart logged: ${JSON.stringify(line).slice(0, 300)}`);
      }
      await eventually(() => kafka.joins > joins, 60_000, 'the kafkajs group to join again').catch((error: Error) => {
        throw new Error(`${error.message} (its last crash: ${kafka.lastCrash || 'none'})`);
      });
    };

    /** DeleteRecords up to the high watermark of every partition (HTTP for the first, kafkajs for all); resolves to why not, if it failed. */
    const deleteRecords = async (topic: TopicSpec): Promise<string | undefined> => {
      const path = `/v1/topics/${topic.name}/partitions/0/delete-records`;
      const http = await request(ctx.url, 'POST', path, { offset: -1 });
      let failure = http.status === 200 ? '' : `HTTP ${http.status} ${http.text.slice(0, 200)}`;
      try {
        const partitions = Array.from({ length: topic.partitions }, (_, partition) => ({ partition, offset: '-1' }));
        await kafka.admin.fetchTopicMetadata({ topics: [topic.name] }); // kafkajs finds the leaders in its metadata
        await kafka.admin.deleteTopicRecords({ topic: topic.name, partitions });
      } catch (error) {
        failure += `${failure ? '; ' : ''}kafkajs ${describeKafkajsError(error)}`;
      }
      return failure || undefined;
    };

    for (const [index, { free, kill, torn }] of plan.entries()) {
      const cycle = index + 1;
      const found = refusals.found;
      const timer = checks.cycleTimer();
      const fill: TopicSpec = { name: `fill-${cycle}`, partitions: FILL_PARTITIONS };
      await createTopic(fill);
      ctx.fill = fill;
      ctx.keepBudget = 32 * KIB;
      if (free === 'outside-file') await writeFile(ballast, Buffer.alloc(Math.round(diskBytes / 8), 1));
      if (free === 'delete-records-kafka') await writeFile(ballast, Buffer.alloc(64 * KIB, 1));
      if (kill) await writeFile(reserve, Buffer.alloc(256 * KIB, 1));

      // 1. Fill: big records first, then the mixed load until no page is left and every producer was refused.
      const bulk = await bulkFill(env, fill, Math.round(diskBytes / 8), () => disk.freeBytes());
      const before = { ...refusals.counts };
      gate.resume(ctx.url);
      await eventually(
        async () =>
          PRODUCER_REFUSALS.every((kind) => refusals.counts[kind] > before[kind]) && (await disk.freeBytes()) === 0,
        120_000,
        `the disk to fill (cycle ${cycle})`,
      );
      await gate.pause();
      summary.fills++;
      const toppedOff = await topOff(env, [fill, KEEP_TOPIC]);
      timer.phase('fill');

      // 2. Full: clean refusals, reads served, nothing acknowledged lost.
      await probeFull(env, cycle);
      await checks.verifyAll(ctx.url, `cycle ${cycle}, disk full`);
      timer.phase('probes and check');

      // 3. SIGKILL on the full disk, and a start on it.
      let offline = 0;
      if (kill) {
        gate.resume(ctx.url);
        await sleep(300);
        ctx.killing = true;
        summary.kills++;
        const tornLog = torn === 'partition' ? join(dataDir, fill.name, '0') : join(dataDir, '~coordinator', 'offsets');
        const tear = torn === undefined ? undefined : () => tearLastWrite(tornLog, reserve);
        await restart('SIGKILL', gate.pause(), tear);
        ctx.killing = false;
        summary.restartsOnFullDisk++;
        const offlineNow = await broker.offlinePartitions(specs.values());
        offline = offlineNow.length;
        summary.offlineAfterRestart += offline;
        await checks.verifyAll(ctx.url, `cycle ${cycle}, started on the full disk`, offlineNow);
        if (offline === 0) {
          await topOff(env, [fill, KEEP_TOPIC]); // a start may give pages back (an index rebuilt smaller)
          await probeFull(env, cycle);
          await checks.verifyAll(ctx.url, `cycle ${cycle}, full again after the start`);
        } else {
          await probeOffline(env, offlineNow);
        }
        timer.phase('kill and start');
      }

      // 4. A send retrying on the full disk; then space comes back.
      const retried = retryer.send(ledgers.of(KEEP_TOPIC.name), KEEP_TOPIC, probeRandom);
      await within(retried.refused, 30_000, 'kafkajs to retry a send refused on the full disk');
      const freeBefore = await disk.freeBytes();
      if (free === 'delete-topic-http') await deleteTopic(fill.name);
      if (free === 'delete-topic-kafka') {
        await kafka.admin.deleteTopics({ topics: [fill.name] });
        checks.forget(fill.name);
      }
      if (free === 'delete-records-kafka') {
        const refused = await deleteRecords(fill);
        if (refused !== undefined) {
          // DeleteRecords frees space before it needs any: a refusal on the full disk is a defect.
          summary.deleteRecordsRefusedWhenFull++;
          summary.deleteRecordsRefusal = refused;
          problem(`cycle ${cycle}: DeleteRecords on the full disk: ${refused}`);
          await rm(ballast); // another program gives a little space back, and DeleteRecords the rest
          const again = await deleteRecords(fill);
          if (again !== undefined) problem(`cycle ${cycle}: DeleteRecords with some space: ${again}`);
        }
        ledgers.drop(fill.name);
      }
      if (free === 'outside-file') await rm(ballast);
      const freed = (await disk.freeBytes()) - freeBefore;
      summary.frees[free]++;
      summary.freedBytes += freed;
      if (freed < 64 * KIB) problem(`cycle ${cycle}: ${free} gave back ${freed} bytes`);
      if (free !== 'outside-file') await kafka.renewClients();
      let restarted = false;
      // A partition offline for want of space opens again by itself once asked for (a describe
      // asks), within a second or two.
      let stillOffline = offline > 0 ? await broker.offlinePartitions(specs.values()) : [];
      for (let wait = 0; stillOffline.length > 0 && wait < 20; wait++) {
        await sleep(250);
        stillOffline = await broker.offlinePartitions(specs.values());
      }
      if (stillOffline.length > 0) {
        summary.stillOfflineAfterFree += stillOffline.length;
        const names = stillOffline.map(({ topic, partition }) => `${topic}-${partition}`).join(', ');
        problem(`cycle ${cycle}: ${names} still offline with space back`);
        await restart('SIGTERM', Promise.resolve());
        summary.reopenRestarts++;
        restarted = true;
        const offlineAfter = await broker.offlinePartitions(specs.values());
        if (offlineAfter.length > 0) problem(`cycle ${cycle}: ${names} offline after a restart with space back`);
      }
      timer.phase('free');

      // 5. Everything works again, without a restart.
      await retried.acknowledged.then(
        () => summary.retriedThroughFree++,
        (error: Error) => problem(`cycle ${cycle}: the retrying kafkajs send failed: ${error.message}`),
      );
      if (!specs.has(fill.name)) {
        ctx.fill = { name: `fill-${cycle}-after`, partitions: FILL_PARTITIONS };
        await createTopic(ctx.fill);
      }
      const created = await checkRecovery(env, cycle);
      for (const spec of created) specs.set(spec.name, spec);
      const acked = ledgers.ackedByKind();
      const commits = ledgers.commitsByGroup();
      ctx.keepBudget = 16 * KIB;
      gate.resume(ctx.url);
      await eventually(
        () => {
          const now = ledgers.ackedByKind();
          const groups = ledgers.commitsByGroup();
          const produced = RECORD_KINDS.every((kind) => now[kind] > acked[kind]);
          return produced && Object.keys(commits).every((group) => (groups[group] ?? 0) > commits[group]!);
        },
        60_000,
        `every producer and both groups to be acknowledged again (cycle ${cycle})`,
      );
      await gate.pause();
      await checks.verifyAll(ctx.url, `cycle ${cycle}, after space came back`);
      if (refusals.found === found && !restarted) summary.recoveriesWithoutRestart++;
      timer.phase('recovery');

      for (const spec of [...created, ctx.fill, fill]) if (specs.has(spec.name)) await deleteTopic(spec.name);
      await kafka.renewClients();
      await rm(ballast, { force: true });
      await rm(reserve, { force: true });
      summary.cyclesRun++;
      log(
        `cycle ${cycle}/${plan.length} (${free}${kill ? `, kill: ${offline} offline` : ''}): ` +
          `${bulk} big records, topped off ${toppedOff}, freed ${Math.round(freed / KIB)} KiB; ` +
          `${refusals.total()} refusals, ${refusals.found} problems, ${summary.recordsChecked} checks; ${timer.done()}`,
      );
      if (refusals.found > found) {
        log(`cycle ${cycle} found a problem: stopping (seed ${seed})`);
        break;
      }
    }
  } catch (error) {
    problem(`the run stopped: ${describeKafkajsError(error)}`);
  } finally {
    await gate.stop();
    await retrying?.disconnect().catch(() => undefined);
    await kafkajs?.disconnect().catch(() => undefined);
    await proxy?.close();
    await brokers.cleanup();
    await disk.unmount();
  }
  return checks.finish({ cut: ctx.cut, consumed: { http: member.consumed, kafkajs: kafkajs?.consumed ?? 0 } });
}
