/**
 * Answers a binary fetch with its fetch frame (`application/vnd.kafka.record-batch`): written
 * straight to Node's response as the frame's parts (its small headers, then each partition's
 * stored batches as they were read), in one writev, so the batches are never copied into a
 * frame buffer. Without a Node response under the request (an app called with `app.fetch`
 * alone, in tests), the frame is built in one buffer and answered the usual way.
 */

import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import {
  encodeFetchFrame,
  encodeFetchFrameParts,
  type FetchFrame,
  RECORD_BATCH_MEDIA_TYPE,
} from '@mini-kafka/protocol';
import type { Context } from 'hono';
import type { Env } from './app-context.js';

export function answerFetchFrame(c: Context<Env>, frame: FetchFrame): Response {
  const outgoing = c.env?.outgoing;
  if (outgoing === undefined) {
    return c.body(encodeFetchFrame(frame), 200, { 'content-type': RECORD_BATCH_MEDIA_TYPE, vary: 'Accept' });
  }
  const parts = encodeFetchFrameParts(frame);
  const length = parts.reduce((size, part) => size + part.length, 0);
  outgoing.writeHead(200, { 'content-type': RECORD_BATCH_MEDIA_TYPE, vary: 'Accept', 'content-length': length });
  outgoing.cork();
  for (const part of parts) outgoing.write(part);
  outgoing.end();
  outgoing.uncork();
  return RESPONSE_ALREADY_SENT;
}
