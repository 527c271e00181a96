/**
 * GET /openapi.json (the HTTP API's OpenAPI 3.1 document) and GET /docs (a reference page
 * rendered from it). The route table and the document's builder are loaded on the first
 * request to either, not with the API, and the document is built once.
 */
import { Hono } from 'hono';
import type { Env } from '../app-context.js';

interface Served {
  json: string;
  page: string;
}

/** The page loads nothing and runs nothing: its inline style is all it may use. */
export const DOCS_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

let served: Promise<Served> | undefined;

function load(): Promise<Served> {
  served ??= Promise.all([import('./openapi-document.js'), import('./route-table.js'), import('./docs-page.js')])
    .then(([{ buildOpenApiDocument }, { ROUTE_TABLE }, { renderDocsPage }]) => {
      const document = buildOpenApiDocument(ROUTE_TABLE);
      return { json: JSON.stringify(document), page: renderDocsPage(document) };
    })
    .catch((error: unknown) => {
      served = undefined;
      throw error;
    });
  return served;
}

export function openApiRoutes(): Hono<Env> {
  const app = new Hono<Env>();
  app.get('/openapi.json', async (c) => c.body((await load()).json, 200, { 'Content-Type': 'application/json' }));
  app.get('/docs', async (c) =>
    c.html((await load()).page, 200, { 'Content-Security-Policy': DOCS_CONTENT_SECURITY_POLICY }),
  );
  return app;
}
