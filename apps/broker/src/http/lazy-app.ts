/**
 * The broker's HTTP handler once its parts are open, loading the API on demand: the first
 * request (other than `/health`, which the HTTP server answers itself) loads the full app
 * (app.ts: the routes, their schemas, the record codecs), which then answers it and every
 * request after it. Starting the broker thus compiles none of the API's code; the first API
 * request waits for it once. Once ready, the broker loads it in the background (`load`), so
 * that the first requests rarely wait, and compiling it does not stall a burst of them (with
 * `/health` behind) right after start.
 */
import type { AppContext } from './app-context.js';
import type { RequestHandler } from './http-server.js';

export interface LazyApp extends RequestHandler {
  /** Loads the app now (once), without a request: the broker does it once it is ready. */
  load(): Promise<RequestHandler>;
}

export function lazyApp(ctx: AppContext): LazyApp {
  let loading: Promise<RequestHandler> | undefined;
  let loaded: RequestHandler | undefined;
  const load = (): Promise<RequestHandler> => {
    loading ??= import('./app.js').then(({ createApp }) => {
      const app = createApp(ctx);
      loaded = (next, nextEnv) => app.fetch(next, nextEnv as never);
      return loaded;
    });
    return loading;
  };
  const handler: RequestHandler = (request, env) => {
    if (loaded !== undefined) return loaded(request, env);
    return load().then((ready) => ready(request, env));
  };
  return Object.assign(handler, { load });
}
