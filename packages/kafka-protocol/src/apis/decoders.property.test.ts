// Property: every decoder (each API's request and response at each version, the request
// header, the consumer-protocol schemas), fed any bytes, returns or throws a
// KafkaProtocolError, nothing else. Random bytes, and captured client frames with
// truncations and corrupted bytes, which get much deeper into the grammars.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRequestFrame } from '../api-frames.js';
import { decodeAssignment } from '../consumer-protocol/assignment.js';
import { decodeSubscription } from '../consumer-protocol/subscription.js';
import { KafkaProtocolError } from '../errors.js';
import { KAFKAJS_FRAMES, KCAT_FRAMES } from '../fixtures/client-frames.js';
import { Reader } from '../primitives/reader.js';
import { apiCodecFor, KAFKA_APIS } from './api-table.js';

function onlyTypedErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof KafkaProtocolError)) throw error;
  }
}

const decoders = KAFKA_APIS.flatMap((api) => {
  const list: { name: string; decode: (bytes: Buffer) => unknown }[] = [];
  for (let v = api.minVersion; v <= api.maxVersion; v++) {
    list.push({ name: `${api.name} v${v} request`, decode: (b) => api.decodeRequest(new Reader(b), v) });
    list.push({ name: `${api.name} v${v} response`, decode: (b) => api.decodeResponse(new Reader(b), v) });
  }
  return list;
});

/** Decodes a whole request frame the way a broker would. */
function decodeFrame(frame: Buffer): void {
  const { header, body } = decodeRequestFrame(frame);
  const codec = apiCodecFor(header.apiKey);
  if (codec && header.apiVersion >= codec.minVersion && header.apiVersion <= codec.maxVersion) {
    codec.decodeRequest(body, header.apiVersion);
  }
}

const captured = [...Object.values(KCAT_FRAMES), ...Object.values(KAFKAJS_FRAMES)].map((hex) =>
  Buffer.from(hex, 'hex').subarray(4),
);

describe('decoders on hostile bytes', () => {
  it(`${decoders.length} body decoders, random bytes`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: decoders.length - 1 }), fc.uint8Array({ maxLength: 96 }), (i, bytes) => {
        onlyTypedErrors(() => decoders[i]?.decode(Buffer.from(bytes)));
      }),
      { numRuns: 4000 },
    );
  });

  it('captured frames, truncated and corrupted', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: captured.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(),
        (i, edits, cut) => {
          const frame = Buffer.from(captured[i] as Buffer);
          for (const [at, value] of edits) frame[at % frame.length] = value;
          onlyTypedErrors(() => decodeFrame(frame.subarray(0, frame.length - (cut % (frame.length + 1)))));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every strict prefix of a captured frame is refused with a typed error', () => {
    for (const frame of captured) {
      for (let end = 0; end < frame.length; end++) {
        expect(() => decodeFrame(frame.subarray(0, end))).toThrow(KafkaProtocolError);
      }
    }
  });

  it('consumer-protocol schemas, random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        onlyTypedErrors(() => decodeSubscription(Buffer.from(bytes)));
        onlyTypedErrors(() => decodeAssignment(Buffer.from(bytes)));
      }),
      { numRuns: 2000 },
    );
  });
});
