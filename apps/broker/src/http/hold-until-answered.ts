/**
 * Keeps what a read holds (its lease of the fetch memory budget) until the answer has been
 * written: released when Node's response closes, which it does once the answer is sent or
 * the connection is gone. An in-process request (no Node response: `app.request` in tests)
 * releases at once.
 */

import type { Context } from 'hono';
import type { FetchLease } from '../services/fetch-memory.js';
import type { Env } from './app-context.js';

export function holdUntilAnswered(c: Context<Env>, ...leases: FetchLease[]): void {
  const release = (): void => {
    for (const lease of leases) lease.release();
  };
  const outgoing = c.env?.outgoing;
  if (outgoing === undefined || outgoing.closed) release();
  else outgoing.once('close', release);
}
