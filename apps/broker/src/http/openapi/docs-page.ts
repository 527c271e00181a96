/**
 * The /docs page: a plain HTML reference of the /v1 API rendered from its OpenAPI document,
 * whole on the server. It loads nothing else (no script, no font, no CDN), so it reads the
 * same offline (openapi-routes.ts serves it with a Content-Security-Policy that allows nothing
 * but its own inline style).
 */
import type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiResponse } from './openapi-document.js';

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; color: #222; }
code, pre { font: 13px/1.4 ui-monospace, monospace; }
pre { background: #f5f5f5; padding: .75rem; overflow-x: auto; }
h2 { border-bottom: 1px solid #ddd; margin-top: 2.5rem; }
.op { border: 1px solid #ddd; border-radius: 4px; margin: 1rem 0; padding: .5rem 1rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: bold; text-transform: uppercase; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
nav ul { columns: 2; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `code` spans of the document's Markdown, the rest escaped. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function anchor(method: string, path: string): string {
  return `${method}-${path}`.replace(/[^\w-]+/g, '-');
}

/** A schema in a few words: a link for a named one, else its type and bounds. */
function describeSchema(schema: JsonSchema | undefined): string {
  if (schema === undefined) return '';
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(schema.enum.map((value) => escapeHtml(JSON.stringify(value))).join(' | '));
  else if (schema.type !== undefined) parts.push(escapeHtml(String(schema.type)));
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'default'] as const) {
    if (schema[key] !== undefined) parts.push(`${key} ${escapeHtml(JSON.stringify(schema[key]))}`);
  }
  return parts.join(', ');
}

function contentTypes(content: Record<string, { schema?: JsonSchema }> | undefined): string {
  if (content === undefined) return 'no body';
  return Object.entries(content)
    .map(([type, media]) => `<code>${escapeHtml(type)}</code>${media.schema ? ` ${describeSchema(media.schema)}` : ''}`)
    .join('<br>');
}

function renderOperation(method: string, path: string, op: OpenApiOperation): string {
  const parameters =
    op.parameters.length === 0
      ? ''
      : `<table><tr><th>Parameter</th><th>In</th><th>Schema</th><th></th></tr>${op.parameters
          .map(
            (p) =>
              `<tr><td><code>${escapeHtml(p.name)}</code>${p.required ? ' (required)' : ''}</td><td>${p.in}</td><td>${describeSchema(p.schema)}</td><td>${prose(p.description ?? '')}</td></tr>`,
          )
          .join('')}</table>`;
  const body =
    op.requestBody === undefined
      ? ''
      : `<p>Body${op.requestBody.required ? '' : ' (optional)'}: ${contentTypes(op.requestBody.content)}${op.requestBody.description ? `. ${prose(op.requestBody.description)}` : ''}</p>`;
  const responses = Object.entries(op.responses)
    .map(
      ([status, r]: [string, OpenApiResponse]) =>
        `<tr><td>${status}</td><td>${prose(r.description)}</td><td>${contentTypes(r.content)}</td></tr>`,
    )
    .join('');
  return `<div class="op" id="${anchor(method, path)}">
<h3><span class="method">${method}</span> <code>${escapeHtml(path)}</code></h3>
<p><strong>${prose(op.summary)}</strong>${op.description ? `. ${prose(op.description)}` : ''}</p>
${parameters}${body}
<table><tr><th>Status</th><th>When</th><th>Body</th></tr>${responses}</table>
</div>`;
}

export function renderDocsPage(document: OpenApiDocument): string {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  const sections = document.tags.map((tag) => {
    const tagged = operations.filter(({ op }) => op.tags.includes(tag.name));
    return `<h2 id="tag-${escapeHtml(tag.name)}">${escapeHtml(tag.name)}</h2><p>${prose(tag.description)}</p>${tagged
      .map(({ path, method, op }) => renderOperation(method, path, op))
      .join('\n')}`;
  });
  const index = operations
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${anchor(method, path)}">${method.toUpperCase()} ${escapeHtml(path)}</a>: ${prose(op.summary)}</li>`,
    )
    .join('');
  const schemas = Object.entries(document.components.schemas)
    .map(
      ([name, schema]) =>
        `<h3 id="schema-${escapeHtml(name)}">${escapeHtml(name)}</h3><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)}</title><style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${prose(document.info.description)}</p>
<p>The OpenAPI ${escapeHtml(document.openapi)} document: <a href="/openapi.json">/openapi.json</a>.</p>
<nav><ul>${index}</ul></nav>
${sections.join('\n')}
<h2 id="schemas">Schemas</h2>
${schemas}
</body></html>
`;
}
