/** JSON over `fetch` for e2e tests: one request, its status and its parsed body. */

// biome-ignore lint/suspicious/noExplicitAny: tests read answers loosely; their assertions check the shape.
export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

/** Sends `body` as JSON (a string is sent as it is, to test malformed input) and parses the answer. */
// biome-ignore lint/suspicious/noExplicitAny: as above.
export async function call<T = any>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  init: RequestInit = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  const text = await response.text();
  return { status: response.status, body: text.length > 0 ? (JSON.parse(text) as T) : (undefined as T) };
}
