/**
 * A JSON answer with many records, written as bytes a slice at a time: each record is written
 * by `write` straight into a JsonBytes buffer (record-json.ts's writer copies keys and values
 * that are plain UTF-8 text as they are), at most SLICE_RECORDS to a slice, each slice sent
 * when the socket has room (Node's backpressure, through @hono/node-server), so a large
 * answer never exists whole, as objects or as one string. A slice ends early, and the next
 * waits for a turn of the event loop, once the long jobs of this turn have had their share of
 * it (`loopShare`, shared with the decoding of large reads): sixteen large answers at once
 * hold the loop for a few milliseconds a turn, and /health and small requests answer between
 * them. The text is what `c.json(body)` would write, with `body.records` the records written;
 * answers of one slice or less go out as one buffer.
 */
import { loopShare, nextTurn } from '@mini-kafka/protocol/core';
import type { Context } from 'hono';
import { JsonBytes } from '../services/json-bytes.js';

/** Most records written in one slice. */
export const SLICE_RECORDS = 500;
/** Records written between two questions to `loopShare`. */
const STEP_RECORDS = 32;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** Items answered in a row, each written as JSON by `write` (e.g. the records of one partition). */
export interface JsonRun<Item> {
  items: readonly Item[];
  write: (item: Item, out: JsonBytes) => void;
}

/**
 * Answers `body` with its `records` field (an empty placeholder in `body`, which keeps the
 * field's place) holding the items of `runs`, in order.
 */
export function jsonWithRecords<Body extends { records: unknown[] }, Item>(
  c: Context,
  body: Body,
  runs: readonly JsonRun<Item>[],
): Response {
  const entries = Object.entries(body);
  const at = entries.findIndex(([key]) => key === 'records');
  const head = JSON.stringify(Object.fromEntries(entries.slice(0, at)));
  const tail = JSON.stringify(Object.fromEntries(entries.slice(at + 1)));
  const prefix = `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"records":[`;
  const suffix = `]${tail.length > 2 ? `,${tail.slice(1)}` : '}'}`;
  const total = runs.reduce((sum, run) => sum + run.items.length, 0);
  const out = new JsonBytes(Math.min(total, SLICE_RECORDS) * 256 + prefix.length + suffix.length);
  // Where writing stands: the run, and the item within it.
  let run = 0;
  let item = 0;
  let written = 0;
  /** Writes up to `count` more items; the number written. */
  const writeItems = (count: number): number => {
    let done = 0;
    while (done < count && run < runs.length) {
      const { items, write } = runs[run]!;
      const end = Math.min(items.length, item + count - done);
      for (let i = item; i < end; i++) {
        if (written > 0) out.comma();
        write(items[i] as Item, out);
        written++;
      }
      done += end - item;
      item = end;
      if (item === items.length) {
        run++;
        item = 0;
      }
    }
    return done;
  };
  if (total <= SLICE_RECORDS) {
    out.utf8(prefix);
    writeItems(total);
    out.utf8(suffix);
    return c.body(out.take(), 200, JSON_HEADERS);
  }
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (loopShare.spent()) await nextTurn();
        if (written === 0) out.utf8(prefix);
        let slice = 0;
        while (slice < SLICE_RECORDS && written < total && (slice === 0 || !loopShare.spent())) {
          slice += writeItems(Math.min(STEP_RECORDS, SLICE_RECORDS - slice));
        }
        const last = written === total;
        if (last) out.utf8(suffix);
        controller.enqueue(last ? out.takeLast() : out.take());
        if (last) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return c.body(stream, 200, JSON_HEADERS);
}
