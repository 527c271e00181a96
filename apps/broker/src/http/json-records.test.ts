// Answers with many records go out in slices: the text is exactly what c.json writes, over a
// real socket and in-process, whatever the fields around the records and the records hold.
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import type { Env } from './app-context.js';
import type { HttpServer } from './http-server.js';
import { jsonWithRecords, SLICE_RECORDS } from './json-records.js';
import { serveApp } from './testing/serve-app.js';

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

const items = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ offset: i, value: i % 7 === 0 ? `"quoted" ✓ ${i}\n` : `v${i}` }));

function app(): Hono<Env> {
  const routes = new Hono<Env>();
  routes.get('/middle/:count', (c) => {
    const list = items(Number(c.req.param('count')));
    return jsonWithRecords(c, { topic: 't', records: [], nextOffset: list.length }, list, (item) => ({ ...item }));
  });
  routes.get('/first', (c) => jsonWithRecords(c, { records: [], next: 1 }, items(1500), (item) => item.value));
  routes.get('/last', (c) => jsonWithRecords(c, { generationId: 3, records: [] }, items(1500), (item) => item.offset));
  return routes;
}

describe('jsonWithRecords', () => {
  it.each([0, 1, SLICE_RECORDS, SLICE_RECORDS + 1, 3 * SLICE_RECORDS, 2345])(
    '%i records: the text c.json would write, over a socket',
    async (count) => {
      const server = await serveApp(app());
      servers.push(server);
      const response = await fetch(`${server.url}/middle/${count}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.text()).toBe(JSON.stringify({ topic: 't', records: items(count), nextOffset: count }));
    },
  );

  it('keeps the fields in place when the records come first or last, in-process too', async () => {
    const routes = app();
    expect(await (await routes.request('/first')).text()).toBe(
      JSON.stringify({ records: items(1500).map((item) => item.value), next: 1 }),
    );
    expect(await (await routes.request('/last')).text()).toBe(
      JSON.stringify({ generationId: 3, records: items(1500).map((item) => item.offset) }),
    );
  });
});
