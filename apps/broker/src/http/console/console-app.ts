/**
 * The web console as one app: its pages and its forms' changes, with the overview's
 * sampler. An error is answered as a page that says what went wrong, with the status the
 * API would answer.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppContext, Env } from '../app-context.js';
import type { ConsoleSessions } from '../console-sessions.js';
import { httpStatusOf, toHttpError } from '../errors.js';
import { consoleActions } from './console-actions.js';
import { consoleLogin } from './console-login.js';
import { consolePages } from './console-pages.js';
import { CONSOLE_CONTENT_SECURITY_POLICY, page } from './layout.js';
import { ThroughputSampler } from './throughput-sampler.js';

export function consoleApp(ctx: AppContext, sessions: ConsoleSessions): Hono<Env> {
  const app = new Hono<Env>();
  // Who is asking, as the broker's app found it (authenticate.ts), handed over with the request.
  app.use('*', async (c, next) => {
    if (c.env?.session !== undefined) c.set('session', c.env.session);
    c.set('authenticated', c.env?.authenticated === true);
    await next();
  });
  const sampler = new ThroughputSampler(ctx.metrics, () => ctx.clock.now());
  sampler.start(() => ctx.state() !== 'stopping');
  app.onError((thrown, c) => {
    const error = toHttpError(thrown);
    if (error.type === 'UNKNOWN_SERVER_ERROR' || error.type === 'KAFKA_STORAGE_ERROR') {
      ctx.logger.error({ err: thrown, method: c.req.method, path: c.req.path }, 'console request failed');
    }
    const body = page(
      { title: 'Error', section: '', flash: { text: error.message, error: true } },
      html`<p><a href="/">Back to the overview</a></p>`,
    );
    return c.html(body, httpStatusOf(error) as ContentfulStatusCode, {
      'Content-Security-Policy': CONSOLE_CONTENT_SECURITY_POLICY,
    });
  });
  app.notFound((c) =>
    c.html(
      page(
        {
          title: 'Not found',
          section: '',
          flash: { text: `No console page at ${c.req.path.slice(0, 200)}`, error: true },
        },
        html`<p><a href="/">Back to the overview</a></p>`,
      ),
      404,
      { 'Content-Security-Policy': CONSOLE_CONTENT_SECURITY_POLICY },
    ),
  );
  consoleActions(app, ctx);
  consoleLogin(app, ctx, sessions);
  consolePages(app, ctx, sampler);
  return app;
}
