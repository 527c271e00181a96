/**
 * The web console in a real browser: headless chromium against a broker child process
 * (apps/broker/dist) clicks through create topic → produce → browse messages (as text and
 * as hex) → alter a config → a consumer group's lag per partition → reset its offsets, reading what a person
 * would see. A screenshot of each page goes to packages/e2e/artifacts/console/ (gitignored).
 * Without chromium (apt-get install chromium) the test is skipped with a message.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { call } from '../support/json-call.js';
import { chromiumPath } from './chromium.js';

/** What the page's elements are read for (the e2e package compiles without the DOM's types). */
type Shown = { innerText: string };
type Row = { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
const cells = (rows: unknown[]): string[][] =>
  rows.slice(1).map((r) => Array.from((r as Row).querySelectorAll('td'), (td) => (td.textContent ?? '').trim()));

const chromium = chromiumPath();
const artifacts = fileURLToPath(new URL('../../artifacts/console/', import.meta.url));
if (chromium === undefined) {
  console.warn('web console browser test skipped: no chromium found (apt-get install chromium, or set CHROMIUM_PATH)');
}

describe.skipIf(chromium === undefined)('the web console in headless chromium', () => {
  const brokers = new Brokers();
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    ({ url } = await brokers.spawn(await brokers.dataDir()));
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await brokers.cleanup();
  });

  // innerText, not textContent: the text as rendered, which is what a person reads.
  // biome-ignore lint/performance/useDomNodeTextContent: see above
  const text = (selector = 'main'): Promise<string> => page.$eval(selector, (e) => (e as unknown as Shown).innerText);
  const shot = (name: string): Promise<unknown> => page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
  const submit = async (form: string): Promise<void> => {
    await Promise.all([page.waitForNavigation(), page.click(`form[aria-label="${form}"] button[type=submit]`)]);
  };

  it('creates a topic, produces to it, browses the records and shows a group lag', async () => {
    // Overview
    await page.goto(`${url}/`);
    expect(await page.title()).toBe('Overview · Mini Kafka');
    expect(await text()).toContain('Uptime');
    expect(await text()).toContain(url);

    // Create topic
    await page.click('nav a[href="/console/topics"]');
    await page.waitForSelector('form[aria-label="Create topic"]');
    await page.type('input[name=name]', 'orders');
    await page.$eval('input[name=partitions]', (e) => {
      (e as unknown as { value: string }).value = '3';
    });
    await page.type('textarea[name=configs]', 'retention.ms=3600000');
    await submit('Create topic');
    expect(page.url()).toContain('/console/topics/orders');
    expect(await text()).toContain('Created topic orders');
    expect(await text()).toMatch(/retention\.ms\s+3600000\s+TOPIC_CONFIG/);

    // Produce three records to partition 0 and one to partition 1
    for (const [partition, key, value] of [
      ['0', 'alice', '{"item":"book","qty":1}'],
      ['0', 'bob', '{"item":"pen","qty":2}'],
      ['0', 'carol', 'plain text <b>not bold</b>'],
      ['1', 'dave', 'hello'],
    ] as const) {
      await page.goto(`${url}/console/produce?topic=orders`);
      await page.type('input[name=partition]', partition);
      await page.type('input[name=key]', key);
      await page.type('textarea[name=value]', value);
      await page.type('textarea[name=headers]', 'source=console');
      await submit('Produce');
      expect(await text('.flash')).toMatch(new RegExp(`Produced to orders partition ${partition} at offset \\d`));
    }
    await shot('produce');

    // The topic page counts them
    await page.goto(`${url}/console/topics/orders`);
    const partitions = await page.$$eval('main table:first-of-type tr', cells);
    expect(partitions.map((row) => row.slice(0, 4))).toEqual([
      ['0', '0', '3', '3'],
      ['1', '0', '1', '1'],
      ['2', '0', '0', '0'],
    ]);
    await shot('topic');

    // Alter a config: the page shows the new value as the topic's own
    await page.type('textarea[name=set]', 'retention.ms=7200000');
    await submit('Alter configs');
    expect(await text('.flash')).toContain('Configs changed');
    expect(await text()).toMatch(/retention\.ms\s+7200000\s+TOPIC_CONFIG/);

    // Browse partition 0 as text, then JSON, then hex
    await Promise.all([page.waitForNavigation(), page.click('a[href="/console/topics/orders/messages"]')]);
    const messages = await text('table[aria-label=Messages]');
    expect(messages).toContain('alice');
    expect(messages).toContain('{"item":"book","qty":1}');
    expect(messages).toContain('plain text <b>not bold</b>');
    expect(messages).toContain('source: console');
    expect(await page.$('table[aria-label=Messages] b:not(pre b)')).toBeNull();
    await shot('messages-text');
    await page.goto(`${url}/console/topics/orders/messages?partition=0&offset=0&format=json`);
    expect(await text('table[aria-label=Messages]')).toContain('"qty": 2');
    await page.select('select[name=format]', 'hex');
    await Promise.all([page.waitForNavigation(), page.click('form[aria-label="Find messages"] button')]);
    expect(await text('table[aria-label=Messages]')).toContain('61 6c 69 63 65'); // "alice"
    await shot('messages-hex');

    // A group that committed partition 0 up to offset 1 and nothing else: lag 2, 1, 0
    expect(
      (await call(url, 'POST', '/v1/groups/billing/offsets/reset', { topic: 'orders', to: 'earliest' })).status,
    ).toBe(200);
    expect(
      (
        await call(url, 'POST', '/v1/groups/billing/offsets/reset', {
          topic: 'orders',
          partition: 0,
          to: { offset: 1 },
        })
      ).status,
    ).toBe(200);
    await page.goto(`${url}/console/groups`);
    expect(await text()).toContain('billing');
    await shot('groups');
    await Promise.all([page.waitForNavigation(), page.click('a[href="/console/groups/billing"]')]);
    const lag = await page.$$eval('table[aria-label=Lag] tr', cells);
    expect(lag).toEqual([
      ['orders', '0', '1', '0', '3', '2'],
      ['orders', '1', '0', '0', '1', '1'],
      ['orders', '2', '0', '0', '0', '0'],
    ]);
    expect(await page.$eval('svg[aria-label="Lag per partition (records)"]', (e) => e.textContent)).toContain(
      'orders-0',
    );
    await shot('group');

    // Reset to latest from the page: no lag left
    await page.select('select[name=to]', 'latest');
    await submit('Reset offsets');
    expect(await text('.flash')).toContain('Reset 3 partition(s) of orders');
    expect(await page.$eval('[data-total-lag]', (e) => e.textContent)).toBe('0');

    // The overview counts what went in, with the storage chart
    await page.goto(`${url}/`);
    expect(await page.$eval('svg[aria-label="Bytes stored per topic"]', (e) => e.textContent)).toContain('orders');
    await shot('overview');

    // Delete the topic
    await page.goto(`${url}/console/topics/orders`);
    await page.type('input[name=confirm]', 'orders');
    await submit('Delete topic');
    expect(await text('.flash')).toContain('Deleted topic orders');
    expect(await text('table')).toContain('No topics yet.');
    await shot('topics');
  });
});
