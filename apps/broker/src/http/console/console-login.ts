/**
 * The console's login with authentication on: GET /console/login shows a form (user and
 * password, checked with the credentials file's SCRAM credential, or an API token); POST
 * /console/login opens a session (console-sessions.ts) and sets its cookie (HttpOnly,
 * SameSite=Strict, Secure under TLS), then goes back to the page asked for; POST
 * /console/logout closes it. A failed login is answered after the failure pause for the
 * client's address and says nothing of which part was wrong. Both posts pass the console's
 * same-origin guard (console-actions.ts), so another site cannot log a browser in or out.
 * The signed-in principal is shown in the navigation bar of every page (`withPrincipal`).
 */
import type { Context, Hono } from 'hono';
import { html } from 'hono/html';
import { pause } from '../../security/auth-failures.js';
import { principalOf } from '../../security/credential-store.js';
import type { AppContext, Env } from '../app-context.js';
import { clientHost } from '../authenticate.js';
import { type ConsoleSessions, sessionCookie, sessionIdOf } from '../console-sessions.js';
import { readForm } from './form.js';
import { CONSOLE_CONTENT_SECURITY_POLICY, page } from './layout.js';

const HEADERS = { 'Content-Security-Policy': CONSOLE_CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store' };

/** A local path to go back to after the login (never another site's). */
function nextPath(value: string | undefined): string {
  return value !== undefined && /^\/(?!\/)[\w\-./%?=&]*$/.test(value) && !value.startsWith('/console/login')
    ? value
    : '/';
}

function loginPage(next: string, failed: boolean) {
  return page(
    {
      title: 'Log in',
      section: '',
      flash: failed ? { text: 'Wrong user, password or token', error: true } : undefined,
    },
    html`<form method="post" action="/console/login" class="stack" aria-label="Log in">
<input type="hidden" name="next" value="${next}">
<label>User <input name="user" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<p class="muted">or</p>
<label>API token <input name="token" type="password" autocomplete="off"></label>
<button type="submit">Log in</button></form>`,
  );
}

export function consoleLogin(app: Hono<Env>, ctx: AppContext, sessions: ConsoleSessions): void {
  const { security } = ctx;
  const secure = security.tls !== undefined;

  app.get('/console/login', (c) => {
    if (!security.enabled) return c.redirect('/', 302);
    return c.html(loginPage(nextPath(c.req.query('next')), c.req.query('failed') !== undefined), 200, HEADERS);
  });

  app.post('/console/login', async (c) => {
    if (!security.enabled) return c.redirect('/', 303);
    const form = await readForm(c);
    const next = nextPath(form('next'));
    const host = clientHost(c);
    const user = form('user');
    const token = form('token');
    let principal: string | undefined;
    if (token !== '') principal = await security.credentials.principalForToken(token);
    else if (user !== '' && (await security.credentials.verifyPassword(user, form('password'))))
      principal = principalOf(user);
    if (principal === undefined) {
      await pause(security.failures.failed(host));
      ctx.logger.info({ client: host }, 'console login failed');
      return c.redirect(`/console/login?failed=1&next=${encodeURIComponent(next)}`, 303);
    }
    security.failures.succeeded(host);
    ctx.logger.info({ principal, client: host }, 'console login');
    c.header('Set-Cookie', sessionCookie(sessions.open(principal), secure));
    return c.redirect(next, 303);
  });

  app.post('/console/logout', (c) => {
    const id = sessionIdOf(c.req.header('cookie'));
    if (id !== undefined) sessions.close(id);
    c.header('Set-Cookie', sessionCookie('', secure));
    return c.redirect(security.enabled ? '/console/login' : '/', 303);
  });
}

/** The page with the signed-in principal and a log-out button in its navigation bar (authentication on). */
export function withPrincipal(c: Context<Env>, body: string): string {
  if (c.get('authenticated') !== true) return body;
  const principal = c.get('session')?.principal ?? '';
  const escaped = principal.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  const who = `<span class="muted" style="margin-left:auto">${escaped}</span><form method="post" action="/console/logout" style="margin:0"><button type="submit">Log out</button></form></nav>`;
  return body.replace('</nav>', who);
}
