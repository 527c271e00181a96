/**
 * The broker's HTTP handler once its parts are open, with the API loaded on demand: `/health`
 * is answered by the app's skeleton (app-shell.ts), and the first request for anything else
 * loads the full app (app.ts: the routes, their schemas, the record codecs), which then
 * answers it and every request after it, `/health` included. Starting the broker thus
 * compiles none of the API's code; the first API request waits for it once.
 */
import type { AppContext } from './app-context.js';
import { createShell } from './app-shell.js';
import type { RequestHandler } from './http-server.js';

export function lazyApp(ctx: AppContext): RequestHandler {
  const shell = createShell({ state: ctx.state, logger: ctx.logger, allowedOrigins: ctx.config.allowedOrigins });
  let loading: Promise<RequestHandler> | undefined;
  let loaded: RequestHandler | undefined;
  const load = (): Promise<RequestHandler> => {
    loading ??= import('./app.js').then(({ createApp }) => {
      const app = createApp(ctx);
      loaded = (request, env) => app.fetch(request, env as never);
      return loaded;
    });
    return loading;
  };
  return (request, env) => {
    if (loaded !== undefined) return loaded(request, env);
    if (new URL(request.url).pathname === '/health') return shell.fetch(request, env as never);
    return load().then((handler) => handler(request, env));
  };
}
