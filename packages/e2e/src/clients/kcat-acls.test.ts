/**
 * kcat (librdkafka) against the broker with authentication on and ACLs enforced. Until the
 * Kafka listener authenticates (SASL), every connection is User:ANONYMOUS; it may read
 * "open" and nothing else: the listing hides the other topic, consuming "open" works, and
 * producing to the other is refused with librdkafka's "Topic authorization failed".
 */
import { afterEach, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { kcat, kcatBinary, kcatClientName, kcatSkipReason } from '../support/kcat.js';

const brokers = new Brokers();
const feature = clientFeatures(kcatClientName, { missing: kcatSkipReason });
afterEach(() => brokers.cleanup());

describe.skipIf(kcatBinary === undefined)('kcat and ACLs', () => {
  // Lists only what it may describe, consumes what it may read, is refused what it may not write.
  feature('ACLs: hidden topics and authorization errors', async () => {
    const broker = await brokers.start({ auth: true });
    await broker.logs.createTopic('open');
    await broker.logs.createTopic('secret');
    await broker.logs.getLog('open', 0).append([{ value: 'hello' }]);
    await broker.security.acls.create([
      {
        principal: 'User:ANONYMOUS',
        host: '*',
        resourceType: 'Topic',
        resourceName: 'open',
        patternType: 'Literal',
        operation: 'Read',
        permission: 'Allow',
      },
    ]);
    const bootstrap = broker.kafkaBootstrap!;
    const listed = await kcat(['-b', bootstrap, '-L']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('topic "open" with 1 partitions');
    expect(listed.stdout).not.toContain('secret');

    const consumed = await kcat(['-b', bootstrap, '-C', '-t', 'open', '-o', 'beginning', '-e', '-f', '%s\\n']);
    expect(consumed.code).toBe(0);
    expect(consumed.stdout.trim()).toBe('hello');

    const produced = await kcat(['-b', bootstrap, '-P', '-t', 'secret'], 'refused\n');
    expect(produced.code).not.toBe(0);
    expect(produced.stderr).toMatch(/Topic authorization failed/i);
    expect(broker.logs.getLog('secret', 0).highWatermark).toBe(0);
  });
});
