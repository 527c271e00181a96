/**
 * A JSON answer with many records, written a slice at a time: the answer is a stream whose
 * records are turned to JSON SLICE_RECORDS at a time, each slice written when the socket has
 * room (Node's backpressure, through @hono/node-server) and after a turn of the event loop, so
 * a large answer neither holds the loop for long nor exists whole as one string. The text is
 * what `c.json(body)` would write, with `body.records` the records turned to JSON; answers of
 * one slice or less are written by `c.json` itself.
 */
import type { Context } from 'hono';

/** Records turned to JSON in one step. */
export const SLICE_RECORDS = 500;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
        if (next > 0) await nextTurn();
        const end = Math.min(next + SLICE_RECORDS, items.length);
        const parts: string[] = [];
        for (let i = next; i < end; i++) parts.push(JSON.stringify(toJson(items[i]!)));
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
