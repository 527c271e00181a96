/**
 * Answers a binary fetch with its fetch frame (`application/vnd.kafka.record-batch`): written
 * straight to Node's response as the frame's parts (its small headers, then each partition's
 * stored batches as they were read), in one writev, so the batches are never copied into a
 * frame buffer. Without a Node response under the request (an app called with `app.fetch`
 * alone, in tests), the frame is built in one buffer and answered the usual way.
 *
 * The lease of the fetch memory budget that holds the batches is released once Node's
 * response has closed (the answer written, or the connection gone), or, in process, once the
 * frame is copied.
 */

import {
  encodeFetchFrame,
  encodeFetchFrameParts,
  type OutgoingFetchFrame,
  RECORD_BATCH_MEDIA_TYPE,
} from '@mini-kafka/protocol';
import type { Context } from 'hono';
import type { FetchLease } from '../services/fetch-memory.js';
import { alreadySent } from './already-sent.js';
import type { Env } from './app-context.js';
import { holdUntilAnswered } from './hold-until-answered.js';

export function answerFetchFrame(c: Context<Env>, frame: OutgoingFetchFrame, lease?: FetchLease): Response {
  const outgoing = c.env?.outgoing;
  if (outgoing === undefined) {
    const bytes = encodeFetchFrame(frame);
    lease?.release();
    return c.body(bytes, 200, { 'content-type': RECORD_BATCH_MEDIA_TYPE, vary: 'Accept' });
  }
  if (lease !== undefined) holdUntilAnswered(c, lease);
  const parts = encodeFetchFrameParts(frame);
  const length = parts.reduce((size, part) => size + part.length, 0);
  outgoing.writeHead(200, { 'content-type': RECORD_BATCH_MEDIA_TYPE, vary: 'Accept', 'content-length': length });
  outgoing.cork();
  for (const part of parts) outgoing.write(part);
  outgoing.end();
  outgoing.uncork();
  return alreadySent();
}
