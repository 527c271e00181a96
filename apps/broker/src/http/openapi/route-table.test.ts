import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { type OpenedAppContext, openAppContext } from '../testing/app-context.js';
import { ROUTE_TABLE } from './route-table.js';

let opened: OpenedAppContext;
beforeAll(async () => {
  opened = await openAppContext();
});
afterAll(() => opened.close());

describe('the route table', () => {
  it("has an entry for every route of the app's two APIs (/v1 and the tutorial's), and the app a route for every entry", () => {
    const app = createApp(opened.ctx);
    // `ALL` entries are the API's middleware and its catch-all 404; a route names its method.
    const served = app.routes
      .filter((route) => route.method !== 'ALL' && /^\/(v1|topics)\//.test(route.path))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = ROUTE_TABLE.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`);
    expect(new Set(served).size).toBe(served.length);
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it('serves the document and the docs page outside the APIs', () => {
    const app = createApp(opened.ctx);
    const outside = app.routes.filter((route) => route.method === 'GET' && !/^\/(v1|topics)\//.test(route.path));
    expect(outside.map((route) => route.path)).toEqual(expect.arrayContaining(['/openapi.json', '/docs']));
  });
});
