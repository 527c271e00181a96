/**
 * How `consume` prints a record: `text` prints its value (with `--print-key`, the key and a
 * separator first) on a line; `json` prints one JSON object per line with topic, partition,
 * offset, timestamp, key, value and headers, keys and values as UTF-8 text.
 */
import type { ConsumerRecord } from '@mini-kafka/client';

export type RecordFormat = 'text' | 'json';

export interface FormatOptions {
  format: RecordFormat;
  printKey: boolean;
  keySeparator: string;
}

export function formatRecord(record: ConsumerRecord, options: FormatOptions): string {
  if (options.format === 'json') {
    const headers: Record<string, string | null | Array<string | null>> = {};
    for (const [name, value] of Object.entries(record.headers)) {
      headers[name] = Array.isArray(value) ? value.map(text) : text(value);
    }
    const json = {
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      timestamp: record.timestamp,
      key: text(record.key),
      value: text(record.value),
      headers,
    };
    return `${JSON.stringify(json)}\n`;
  }
  const value = text(record.value) ?? '';
  return options.printKey ? `${text(record.key) ?? ''}${options.keySeparator}${value}\n` : `${value}\n`;
}

function text(bytes: Buffer | null): string | null {
  return bytes === null ? null : bytes.toString('utf8');
}
