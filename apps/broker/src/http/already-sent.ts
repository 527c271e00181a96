/**
 * The answer a handler returns once it has written Node's response itself.
 *
 * @hono/node-server skips a response marked `x-hono-already-sent` only on its general path.
 * Its light Response (the global Response once the server runs) takes a shortcut for a body
 * that is null, a string or bytes, and that shortcut writes the head without looking at the
 * mark: "Cannot write headers after they are sent". The shortcut is taken only while the light
 * Response has not built its full one, so reading `body` once, which builds it, sends the mark
 * down the general path. 2.1.8 is the newest release; the check in `already-sent.test.ts`
 * fails if a release changes this.
 */
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

export function alreadySent(): Response {
  void RESPONSE_ALREADY_SENT.body;
  return RESPONSE_ALREADY_SENT;
}
