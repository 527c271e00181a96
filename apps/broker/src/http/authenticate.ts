/**
 * Who is asking: the middleware in front of every HTTP route. With authentication off every
 * request is `User:ANONYMOUS`. With it on, a request must carry one credential:
 * - `Authorization: Bearer <token>` (an API token of the credentials file; the scheme is
 *   matched without regard to case, RFC 7235), one such header only;
 * - else a verified TLS client certificate (certificate-principal.ts);
 * - else the web console's session cookie (console-sessions.ts).
 * Open without one: /openapi.json, /docs and the console's login page (/health is the
 * server's own). A request without a valid credential gets 401 with `WWW-Authenticate:
 * Bearer`, in the error shape of the API it is for (SASL_AUTHENTICATION_FAILED, Kafka's
 * authentication error, code 58); a console page redirects to the login page instead. A
 * wrong token is answered only after the failure pause for the client's address
 * (auth-failures.ts). Tokens are read from that header only (never a query string or a
 * body) and never logged; the session `{principal, host}` is set for the routes.
 */
import { MiniKafkaError } from '@mini-kafka/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { pause } from '../security/auth-failures.js';
import { anonymousSession } from '../security/authorizer.js';
import type { Security } from '../security/security.js';
import type { Env } from './app-context.js';
import { certificatePrincipal } from './certificate-principal.js';
import { type ConsoleSessions, sessionIdOf } from './console-sessions.js';
import { tutorialErrors, v1Errors } from './errors.js';

const OPEN_PATHS = new Set(['/openapi.json', '/docs', '/console/login']);
/** Longer than any token the broker makes (`mk_<16 hex>_<43 base64url>`), shorter than anything absurd. */
const MAX_TOKEN_LENGTH = 256;
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

type Found = { principal: string } | { failed: boolean };

/** The client's address, as ACL hosts name it. */
export function clientHost(c: Context<Env>): string {
  const address = c.env?.incoming?.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function authorizationHeaders(c: Context<Env>): string[] {
  const raw = c.env?.incoming?.rawHeaders;
  if (raw === undefined) {
    const one = c.req.header('authorization');
    return one === undefined ? [] : [one];
  }
  const values: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2)
    if (raw[i]?.toLowerCase() === 'authorization') values.push(raw[i + 1] ?? '');
  return values;
}

async function identify(c: Context<Env>, security: Security, sessions: ConsoleSessions): Promise<Found> {
  const headers = authorizationHeaders(c);
  if (headers.length > 1) return { failed: true };
  const header = headers[0];
  if (header !== undefined) {
    const token = header.length <= MAX_TOKEN_LENGTH + 10 ? BEARER.exec(header)?.[1] : undefined;
    const principal = token === undefined ? undefined : await security.credentials.principalForToken(token);
    return principal === undefined ? { failed: true } : { principal };
  }
  const fromCertificate = certificatePrincipal(c.env?.incoming?.socket, security.principalFromCertificate);
  if (fromCertificate !== undefined) return { principal: fromCertificate };
  const id = sessionIdOf(c.req.header('cookie'));
  const fromSession = id === undefined ? undefined : sessions.principal(id);
  return fromSession === undefined ? { failed: false } : { principal: fromSession };
}

const isConsolePage = (c: Context<Env>): boolean =>
  c.req.method === 'GET' && (c.req.path === '/' || c.req.path === '/console' || c.req.path.startsWith('/console/'));

/** The 401 for `c`, in the shape of the API its path is under. */
export function unauthenticated(c: Context<Env>): Response {
  const error = new MiniKafkaError(
    'SASL_AUTHENTICATION_FAILED',
    'Authentication required: send Authorization: Bearer <token> (or a client certificate)',
  );
  const shape = c.req.path === '/v1' || c.req.path.startsWith('/v1/') ? v1Errors : tutorialErrors;
  return c.json(shape.body(error), 401 as ContentfulStatusCode, { 'WWW-Authenticate': 'Bearer realm="mini-kafka"' });
}

export function authenticate(security: Security, sessions: ConsoleSessions): MiddlewareHandler<Env> {
  return async (c, next) => {
    const host = clientHost(c);
    if (!security.enabled || OPEN_PATHS.has(c.req.path)) {
      c.set('session', anonymousSession(host));
      c.set('authenticated', false);
      return next();
    }
    const found = await identify(c, security, sessions);
    if ('principal' in found) {
      security.failures.succeeded(host);
      c.set('session', { principal: found.principal, host });
      c.set('authenticated', true);
      return next();
    }
    if (found.failed) await pause(security.failures.failed(host));
    else if (isConsolePage(c)) return c.redirect(`/console/login?next=${encodeURIComponent(c.req.path)}`, 302);
    return unauthenticated(c);
  };
}
