/**
 * Mounts the web console at `/` and `/console/*`. Its code (pages, charts, forms) is
 * loaded on the first request to it, not with the broker, so start-up does not grow.
 */
import type { Hono } from 'hono';
import type { AppContext, Env } from '../app-context.js';

export function consoleRoutes(app: Hono<Env>, ctx: AppContext): void {
  let loaded: Promise<Hono<Env>> | undefined;
  const load = (): Promise<Hono<Env>> => {
    loaded ??= import('./console-app.js')
      .then(({ consoleApp }) => consoleApp(ctx))
      .catch((error: unknown) => {
        loaded = undefined;
        throw error;
      });
    return loaded;
  };
  const serve = async (c: { req: { raw: Request }; env: Env['Bindings'] }): Promise<Response> =>
    (await load()).fetch(c.req.raw, c.env);
  app.get('/', (c) => serve(c));
  app.all('/console', (c) => serve(c));
  app.all('/console/*', (c) => serve(c));
}
