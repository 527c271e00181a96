/**
 * The tutorial's scenario against a running broker (`pnpm start` in another terminal,
 * then `pnpm example`), through the tutorial's own HTTP routes:
 *
 * 1. a topic with 3 partitions gets 60 messages (round-robin, 20 per partition);
 * 2. three consumers join group "workers" and each gets one partition;
 * 3. each polls and acknowledges until its partition is drained; an unacknowledged
 *    message is delivered again;
 * 4. a second group, "auditors", reads all 60 again, independently.
 *
 * MINI_KAFKA_URL picks the broker (default http://127.0.0.1:8000).
 */
const base = process.env.MINI_KAFKA_URL ?? 'http://127.0.0.1:8000';
const run = Date.now().toString(36);
const topic = `tutorial-${run}`;

interface Message {
  message_id: number;
  message_offset: number;
  partition_id: number;
  data: string;
}

async function call<T>(method: string, path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${path}`, { method });
  return { status: response.status, body: (await response.json()) as T };
}

async function drain(group: string, consumer: string): Promise<Message[]> {
  const received: Message[] = [];
  for (;;) {
    const poll = await call<Message[]>('GET', `/topics/${topic}/messages?consumer_id=${consumer}&group_id=${group}`);
    if (poll.status !== 200 || poll.body.length === 0) return received;
    for (const message of poll.body) {
      received.push(message);
      await call(
        'POST',
        `/topics/${topic}/messages/${message.message_offset}/ack?consumer_id=${consumer}&partition_id=${message.partition_id}&group_id=${group}`,
      );
    }
  }
}

async function main(): Promise<void> {
  const health = await fetch(`${base}/health`).catch(() => undefined);
  if (health?.status !== 200) {
    console.error(`No broker answers at ${base}. Start one with \`pnpm start\` in another terminal.`);
    process.exit(1);
  }

  console.log(`1. Creating topic ${topic} with 3 partitions and producing 60 messages`);
  await call('POST', `/topics/${topic}/create?num_partitions=3`);
  const perPartition = [0, 0, 0];
  for (let i = 1; i <= 60; i++) {
    const { body } = await call<{ partition_id: number }>(
      'POST',
      `/topics/${topic}/messages?message=${encodeURIComponent(`message ${i}`)}`,
    );
    perPartition[body.partition_id]!++;
  }
  console.log(`   messages per partition: ${perPartition.join(', ')}`);

  console.log(`2. Three consumers join group "workers-${run}"`);
  const consumers = ['alice', 'bob', 'carol'];
  for (const consumer of consumers)
    await call('POST', `/topics/${topic}/groups/workers-${run}/subscribe?consumer_id=${consumer}`);
  for (const consumer of consumers) {
    const { body } = await call<{ assigned_partitions: number[] }>(
      'POST',
      `/topics/${topic}/groups/workers-${run}/subscribe?consumer_id=${consumer}`,
    );
    console.log(`   ${consumer} owns partition(s) ${body.assigned_partitions.join(', ')}`);
  }

  console.log('3. A poll without an ack delivers the same message again');
  const first = await call<Message[]>('GET', `/topics/${topic}/messages?consumer_id=alice&group_id=workers-${run}`);
  const second = await call<Message[]>('GET', `/topics/${topic}/messages?consumer_id=alice&group_id=workers-${run}`);
  console.log(
    `   alice polled "${first.body[0]?.data}" twice (offset ${first.body[0]?.message_offset} both times: ${first.body[0]?.message_offset === second.body[0]?.message_offset})`,
  );

  console.log('4. Each consumer polls and acknowledges until its partition is drained');
  const seen = new Set<string>();
  for (const consumer of consumers) {
    const received = await drain(`workers-${run}`, consumer);
    for (const m of received) seen.add(`${m.partition_id}:${m.message_offset}`);
    const partitions = [...new Set(received.map((m) => m.partition_id))];
    console.log(
      `   ${consumer} processed ${received.length} messages from partition ${partitions.join(', ')}, offsets ${received[0]?.message_offset}..${received.at(-1)?.message_offset}`,
    );
  }
  console.log(`   group "workers-${run}" processed ${seen.size} distinct messages; none twice`);

  console.log(`5. A second group, "auditors-${run}", reads everything again, independently`);
  await call('POST', `/topics/${topic}/groups/auditors-${run}/subscribe?consumer_id=dave`);
  const audited = await drain(`auditors-${run}`, 'dave');
  console.log(`   dave (auditors) processed ${audited.length} messages`);

  const lag = await call<{ offsets: { partition: number; committed: number; lag: number }[] }>(
    'GET',
    `/v1/groups/workers-${run}`,
  );
  console.log(
    `6. Lag of "workers": ${lag.body.offsets.map((o) => `partition ${o.partition}: committed ${o.committed}, lag ${o.lag}`).join('; ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
