// A handler that writes Node's response itself (the binary fetch frame) is answered once: the
// adapter does not write the head again, which it reports as "Cannot write headers after they
// are sent" on console.error, on every binary fetch.
import { decodeFetchFrame, RECORD_BATCH_MEDIA_TYPE } from '@mini-kafka/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Broker, createBroker } from '../broker.js';
import { send } from './testing/serve-app.js';

let broker: Broker;
beforeEach(async () => {
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
  await send(`${broker.url}/v1/topics`, 'POST', { name: 'frames', partitions: 1 });
  const records = Array.from({ length: 5 }, (_, i) => ({ value: `record-${i}` }));
  expect((await send(`${broker.url}/v1/topics/frames/records`, 'POST', { records })).status).toBe(200);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await broker.close();
});

describe('a response written by its handler', () => {
  it('is written once: binary fetches log no second head, and each answer arrives whole', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (let round = 0; round < 3; round++) {
      const response = await fetch(`${broker.url}/v1/topics/frames/partitions/0/records?offset=0`, {
        headers: { accept: RECORD_BATCH_MEDIA_TYPE },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(RECORD_BATCH_MEDIA_TYPE);
      const frame = decodeFetchFrame(Buffer.from(await response.arrayBuffer()));
      expect(frame.partitions[0]?.highWatermark).toBe(5);
    }
    // The adapter reports the second head after the answer went out: give it that turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors.mock.calls.map((call) => String(call[0]))).toEqual([]);
  });
});
