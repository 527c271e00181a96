import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Broker, createBroker } from '../../broker.js';
import { ROUTE_TABLE } from './route-table.js';

let broker: Broker;
beforeAll(async () => {
  broker = await createBroker({ inMemory: true, port: 0, kafkaPort: -1, logLevel: 'silent' });
});
afterAll(() => broker.close());

describe('/docs', () => {
  it('is a page of every route and schema that loads nothing from anywhere', async () => {
    const response = await fetch(`${broker.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    const page = await response.text();
    for (const operation of ROUTE_TABLE) {
      expect(page).toContain(`<span class="method">${operation.method}</span> <code>${operation.path}</code>`);
    }
    expect(page).toContain('id="schema-TopicDescription"');
    expect(page).not.toMatch(/<script|<link|<img|src=|https?:\/\//i);
    expect(page).toContain('href="/openapi.json"');
  });

  it('answers the same document to every request', async () => {
    const [first, second] = await Promise.all([
      fetch(`${broker.url}/openapi.json`).then((r) => r.text()),
      fetch(`${broker.url}/openapi.json`).then((r) => r.text()),
    ]);
    expect(first).toBe(second);
    expect(JSON.parse(first).openapi).toBe('3.1.0');
  });
});
