#!/usr/bin/env node
/**
 * The `mini-kafka` command. The HTTP broker arrives with the next milestone; until
 * then this prints what it will serve, so the quick start already runs end to end.
 */
import { resolve } from 'node:path';

const dataDir = resolve(process.env['MINI_KAFKA_DATA_DIR'] ?? './data');
process.stdout.write(
  [
    'Mini Kafka broker (preview)',
    `  data directory: ${dataDir}`,
    '  The storage engine (@mini-kafka/storage) is ready; the HTTP API on 127.0.0.1:8000',
    '  and the Kafka protocol listener on 127.0.0.1:9092 are not served yet.',
    '',
  ].join('\n'),
);
