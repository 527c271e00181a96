/**
 * librdkafka through Debian's python3-confluent-kafka against the broker with authentication
 * on and a PLAINTEXT Kafka listener (no SASL): as in Kafka, every connection there is
 * User:ANONYMOUS and the ACLs still apply. Anonymous may write "open" only: list_topics hides
 * the other topic, a record to "open" is delivered, and one to the other fails delivery with
 * TOPIC_AUTHORIZATION_FAILED.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { clientFeatures } from '../support/client-features.js';
import { confluentClientName, confluentSkipReason, PYTHON } from '../support/python-programs.js';

const brokers = new Brokers();
afterEach(() => brokers.cleanup());
const feature = clientFeatures(confluentClientName, { missing: confluentSkipReason });

/** Lists the topics, then produces one record to each topic named; prints one JSON line. */
const SCRIPT = `
import json, sys
from confluent_kafka import Producer
bootstrap, topics = sys.argv[1], sys.argv[2:]
producer = Producer({'bootstrap.servers': bootstrap, 'message.timeout.ms': 5000})
listed = sorted(producer.list_topics(timeout=5).topics.keys())
delivered = {}
def report(topic):
    def on_delivery(error, message):
        delivered[topic] = 'ok' if error is None else error.name()
    return on_delivery
for topic in topics:
    producer.produce(topic, b'v', on_delivery=report(topic))
producer.flush(10)
print(json.dumps({'listed': listed, 'delivered': delivered}))
`;

describe.skipIf(confluentSkipReason !== undefined)(`${confluentClientName} and ACLs`, () => {
  // Lists only what it may describe, writes where it may, gets TOPIC_AUTHORIZATION_FAILED elsewhere.
  feature(
    'ACLs: hidden topics and authorization errors',
    async () => {
      const broker = await brokers.start({ auth: true, kafkaSecurityProtocol: 'PLAINTEXT' });
      await broker.logs.createTopic('open');
      await broker.logs.createTopic('secret');
      await broker.security.acls.create([
        {
          principal: 'User:ANONYMOUS',
          host: '*',
          resourceType: 'Topic',
          resourceName: 'open',
          patternType: 'Literal',
          operation: 'Write',
          permission: 'Allow',
        },
      ]);
      const { stdout } = await promisify(execFile)(PYTHON, ['-c', SCRIPT, broker.kafkaBootstrap!, 'open', 'secret'], {
        timeout: 30_000,
      });
      expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
        listed: ['open'],
        delivered: { open: 'ok', secret: 'TOPIC_AUTHORIZATION_FAILED' },
      });
      expect(broker.logs.getLog('open', 0).highWatermark).toBe(1);
      expect(broker.logs.getLog('secret', 0).highWatermark).toBe(0);
    },
    40_000,
  );
});
