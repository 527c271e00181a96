/**
 * Kafka's uuid type: 16 raw bytes on the wire, shown here in the 8-4-4-4-12 hex form
 * (Kafka's own tools print the same bytes in URL-safe base64).
 */
import { KafkaProtocolError } from '../errors.js';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The all-zero uuid Kafka uses for "no id". */
export const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

export function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function parseUuid(text: string): Buffer {
  if (!UUID_PATTERN.test(text)) {
    throw new KafkaProtocolError('invalid-value', 'Not a uuid in 8-4-4-4-12 hex form');
  }
  return Buffer.from(text.replaceAll('-', ''), 'hex');
}
