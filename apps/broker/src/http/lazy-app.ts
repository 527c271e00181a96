/**
 * The broker's HTTP handler once its parts are open, loading the API on demand: the first
 * request (other than `/health`, which the HTTP server answers itself) loads the full app
 * (app.ts: the routes, their schemas, the record codecs), which then answers it and every
 * request after it. Starting the broker thus compiles none of the API's code; the first API
 * request waits for it once.
 */
import type { AppContext } from './app-context.js';
import type { RequestHandler } from './http-server.js';

export function lazyApp(ctx: AppContext): RequestHandler {
  let loading: Promise<RequestHandler> | undefined;
  let loaded: RequestHandler | undefined;
  return (request, env) => {
    if (loaded !== undefined) return loaded(request, env);
    loading ??= import('./app.js').then(({ createApp }) => {
      const app = createApp(ctx);
      loaded = (next, nextEnv) => app.fetch(next, nextEnv as never);
      return loaded;
    });
    return loading.then((handler) => handler(request, env));
  };
}
