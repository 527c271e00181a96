/**
 * Size-prefixed framing: every Kafka request and response on a connection is
 *
 *   frame = int32 size, size bytes of payload (header + body)
 *
 * `extractFrames` takes the bytes a socket has delivered so far and splits off every
 * complete frame. It copies nothing: the frames and the rest are views of the input.
 * A size above `maxFrameSize` (or a negative one) throws a KafkaProtocolError
 * ('frame-too-large' / 'invalid-length') as soon as the 4 size bytes are in, before the
 * payload is awaited, so the caller can close the connection; Kafka's broker does the
 * same with socket.request.max.bytes (default 100 MiB).
 */
import { KafkaProtocolError } from '../errors.js';

/** Kafka's default socket.request.max.bytes: 100 MiB. */
export const DEFAULT_MAX_FRAME_SIZE = 100 * 1024 * 1024;

export interface ExtractedFrames {
  /** Complete frame payloads, without their size prefix, in arrival order. */
  frames: Buffer[];
  /** The bytes after the last complete frame: keep them and prepend them to the next chunk. */
  rest: Buffer;
}

export function extractFrames(buffer: Buffer, maxFrameSize: number = DEFAULT_MAX_FRAME_SIZE): ExtractedFrames {
  const frames: Buffer[] = [];
  let offset = 0;
  while (buffer.length - offset >= 4) {
    const size = buffer.readInt32BE(offset);
    if (size < 0) {
      throw new KafkaProtocolError('invalid-length', `Negative frame size ${size}`, { offset, size });
    }
    if (size > maxFrameSize) {
      throw new KafkaProtocolError('frame-too-large', `Frame of ${size} bytes exceeds the maximum of ${maxFrameSize}`, {
        size,
        limit: maxFrameSize,
      });
    }
    if (buffer.length - offset - 4 < size) break;
    frames.push(buffer.subarray(offset + 4, offset + 4 + size));
    offset += 4 + size;
  }
  return { frames, rest: buffer.subarray(offset) };
}
