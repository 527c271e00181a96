/**
 * A JSON answer with many records, written a slice at a time: the answer is a stream whose
 * records are turned to JSON at most SLICE_RECORDS at a time, each slice written when the
 * socket has room (Node's backpressure, through @hono/node-server), so a large answer never
 * exists whole as one string. A slice ends early, and the next waits for a turn of the event
 * loop, once the long jobs of this turn have had their share of it (`loopShare`, shared with
 * the decoding of large reads): sixteen large answers at once hold the loop for a few
 * milliseconds a turn, and /health and small requests answer between them. The text is what
 * `c.json(body)` would write, with `body.records` the records turned to JSON; answers of one
 * slice or less are written by `c.json` itself.
 */
import { loopShare, nextTurn } from '@mini-kafka/protocol/core';
import type { Context } from 'hono';

/** Most records turned to JSON in one slice. */
export const SLICE_RECORDS = 500;
/** Records turned to JSON between two questions to `loopShare`. */
const STEP_RECORDS = 32;

/**
 * Answers `body` with its `records` field (an empty placeholder in `body`, which keeps the
 * field's place) holding `items`, each turned to JSON by `toJson`.
 */
export function jsonWithRecords<Body extends { records: unknown[] }, Item>(
  c: Context,
  body: Body,
  items: readonly Item[],
  toJson: (item: Item) => unknown,
): Response {
  if (items.length <= SLICE_RECORDS) return c.json({ ...body, records: items.map(toJson) });
  const entries = Object.entries(body);
  const at = entries.findIndex(([key]) => key === 'records');
  const head = JSON.stringify(Object.fromEntries(entries.slice(0, at)));
  const tail = JSON.stringify(Object.fromEntries(entries.slice(at + 1)));
  const prefix = `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"records":[`;
  const suffix = `]${tail.length > 2 ? `,${tail.slice(1)}` : '}'}`;
  let next = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (loopShare.spent()) await nextTurn();
        const last = Math.min(next + SLICE_RECORDS, items.length);
        const parts: string[] = [];
        let end = next;
        while (end < last && (end === next || !loopShare.spent())) {
          const stepEnd = Math.min(end + STEP_RECORDS, last);
          for (let i = end; i < stepEnd; i++) parts.push(JSON.stringify(toJson(items[i]!)));
          end = stepEnd;
        }
        const text = `${next === 0 ? prefix : ','}${parts.join(',')}${end === items.length ? suffix : ''}`;
        next = end;
        controller.enqueue(Buffer.from(text, 'utf8'));
        if (next === items.length) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return c.body(stream, 200, { 'Content-Type': 'application/json' });
}
