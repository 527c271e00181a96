/**
 * Refuses requests a web page made a visitor's browser send. A broker on localhost is
 * reachable by every page the developer opens: without this, a page could create topics,
 * produce or reset offsets through simple requests (no preflight). Browsers say where a
 * request comes from; other clients (the SDK, curl, kcat's HTTP cousins) send neither
 * header and pass.
 *
 * - `Origin` present: it must be the broker's own origin (a page the broker serves) or in
 *   the allow-list (`--allowed-origins`, `*` for any).
 * - No `Origin`, but `Sec-Fetch-Site: cross-site` or `same-site` (another port of
 *   localhost is the same site): refused unless the allow-list has `*`.
 * The refusal is INVALID_REQUEST with HTTP 403, in the API's own error shape.
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { MiddlewareHandler } from 'hono';

const ANY = '*';

function refused(why: string): MiniKafkaError {
  return new MiniKafkaError(
    'INVALID_REQUEST',
    `Cross-site browser requests are refused: ${why}. Start the broker with --allowed-origins to allow a web app`,
    { httpStatus: 403 },
  );
}

/** The origin as it may appear in a message: short and printable. */
function quoted(origin: string): string {
  const printable = origin.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(printable.length > 100 ? `${printable.slice(0, 100)}…` : printable);
}

export function refuseCrossSite(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins);
  const anyOrigin = allowed.has(ANY);
  return async (c, next) => {
    if (!anyOrigin) {
      const origin = c.req.header('origin');
      if (origin !== undefined) {
        if (origin !== new URL(c.req.url).origin && !allowed.has(origin)) {
          throw refused(`origin ${quoted(origin)} is not allowed`);
        }
      } else {
        const site = c.req.header('sec-fetch-site');
        if (site === 'cross-site' || site === 'same-site')
          throw refused(`the request came from another site (${site})`);
      }
    }
    await next();
  };
}
