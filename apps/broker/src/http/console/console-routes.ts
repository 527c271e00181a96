/**
 * Mounts the web console at `/` and `/console/*`. Its code (pages, charts, forms) is
 * loaded on the first request to it, not with the broker, so start-up does not grow.
 */
import type { Context, Hono } from 'hono';
import type { AppContext, Env } from '../app-context.js';
import type { ConsoleSessions } from '../console-sessions.js';

export function consoleRoutes(app: Hono<Env>, ctx: AppContext, sessions: ConsoleSessions): void {
  let loaded: Promise<Hono<Env>> | undefined;
  const load = (): Promise<Hono<Env>> => {
    loaded ??= import('./console-app.js')
      .then(({ consoleApp }) => consoleApp(ctx, sessions))
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
    return loaded;
  };
  const serve = async (c: Context<Env>): Promise<Response> =>
    (await load()).fetch(c.req.raw, { ...c.env, session: c.get('session'), authenticated: c.get('authenticated') });
  app.get('/', (c) => serve(c));
  app.all('/console', (c) => serve(c));
  app.all('/console/*', (c) => serve(c));
}
