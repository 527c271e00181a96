/**
 * The console's page shell: one inline stylesheet, a navigation bar, no script and no
 * external URL, so the pages work offline and under a CSP that allows nothing else.
 * Every value goes through hono's `html` tag, which escapes it.
 */
import { html, raw } from 'hono/html';

export type Html = ReturnType<typeof html>;

/** Scripts, images, fonts, frames: none. Forms post to the broker itself. */
export const CONSOLE_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,sans-serif;color:#1d2330;background:#f5f6f8}
nav{display:flex;gap:18px;align-items:center;padding:10px 22px;background:#1d2330}
nav a{color:#cfd6e4;text-decoration:none}nav a:hover,nav a.on{color:#fff}nav b{color:#fff;margin-right:12px}
main{max-width:1100px;margin:0 auto;padding:18px 22px}h1{font-size:20px;margin:6px 0 14px}h2{font-size:16px;margin:22px 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e8}
th,td{text-align:left;padding:5px 9px;border-bottom:1px solid #e8ebf0;vertical-align:top}th{background:#eef1f5;font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
pre{margin:0;white-space:pre-wrap;word-break:break-all;font:12px/1.4 ui-monospace,monospace;max-width:520px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #dde1e8;padding:10px 14px;min-width:150px}
.card small{display:block;color:#667}.card strong{font-size:18px}
form.inline{display:flex;gap:8px;flex-wrap:wrap;align-items:end;background:#fff;border:1px solid #dde1e8;padding:10px;margin:8px 0}
label{display:flex;flex-direction:column;font-size:12px;color:#556}input,select,textarea{font:inherit;padding:4px 6px}
button{font:inherit;padding:5px 12px;background:#2f6fde;color:#fff;border:0;border-radius:3px;cursor:pointer}
button.danger{background:#c0392b}.muted{color:#778}.flash{background:#e6f4ea;border:1px solid #9ccfaa;padding:8px 12px;margin:8px 0}
.error{background:#fdecea;border-color:#e6a19a}svg{background:#fff;border:1px solid #dde1e8}
`;

// The stylesheet is ours, not user data: it goes in as it is.
const STYLE_RAW = raw(STYLE);

const NAV: ReadonlyArray<readonly [string, string]> = [
  ['/', 'Overview'],
  ['/console/topics', 'Topics'],
  ['/console/groups', 'Consumer groups'],
  ['/console/transactions', 'Transactions'],
  ['/console/produce', 'Produce'],
];

export interface PageOptions {
  title: string;
  /** The nav entry to mark as current. */
  section: string;
  /** A message after a change (from the `done` or `error` query parameter). */
  flash?: { text: string; error: boolean } | undefined;
  /** Seconds after which the page reloads itself (the overview). */
  refreshSeconds?: number;
}

export function page(options: PageOptions, body: Html): Html {
  const refresh =
    options.refreshSeconds === undefined ? '' : html`<meta http-equiv="refresh" content="${options.refreshSeconds}">`;
  const flash =
    options.flash === undefined
      ? ''
      : html`<div class="flash${options.flash.error ? ' error' : ''}" role="status">${options.flash.text}</div>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}
<title>${options.title} · Mini Kafka</title><style>${STYLE_RAW}</style></head>
<body><nav><b>Mini Kafka</b>${NAV.map(
    ([href, label]) => html`<a href="${href}" class="${href === options.section ? 'on' : ''}">${label}</a>`,
  )}</nav>
<main><h1>${options.title}</h1>${flash}${body}</main></body></html>`;
}

/** The flash message a redirect asked for. */
export function flashFrom(query: Record<string, string | undefined>): PageOptions['flash'] {
  if (query.error !== undefined) return { text: query.error.slice(0, 500), error: true };
  if (query.done !== undefined) return { text: query.done.slice(0, 500), error: false };
  return undefined;
}
