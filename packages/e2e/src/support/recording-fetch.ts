/**
 * A `fetch` for the SDK that records every request it makes, and can make chosen requests
 * fail as if the network were down, to test the SDK's retries and fencing end to end.
 */
import type { FetchFunction } from '@mini-kafka/client';

export interface RecordedRequest {
  method: string;
  path: string;
  status: number | undefined;
}

/** A fetch that records every request; `block(predicate)` makes matching requests (and answers still on their way) fail as if the network were down. */
export function recordingFetch() {
  const requests: RecordedRequest[] = [];
  let blocked: ((method: string, path: string) => boolean) | undefined;
  const fetch: FetchFunction = async (input, init) => {
    const url = new URL(input);
    const entry: RecordedRequest = { method: init.method ?? 'GET', path: url.pathname, status: undefined };
    requests.push(entry);
    if (blocked?.(entry.method, entry.path)) throw new TypeError('fetch failed (blocked by the test)');
    const response = await globalThis.fetch(input, init);
    entry.status = response.status;
    // An answer arriving after the network "went down" is lost too.
    if (blocked?.(entry.method, entry.path)) throw new TypeError('fetch failed (blocked by the test)');
    return response;
  };
  return {
    fetch,
    requests,
    count: (method: string, pathPattern: RegExp) =>
      requests.filter((request) => request.method === method && pathPattern.test(request.path)).length,
    block: (predicate: (method: string, path: string) => boolean) => {
      blocked = predicate;
    },
  };
}
