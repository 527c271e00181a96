/**
 * The web console's login in a real browser: headless chromium against a broker child process
 * (apps/broker/dist) started with `--auth`: the console sends it to the login page, a
 * wrong token stays there with a message, the right API token logs in and lands on the page
 * first asked for, the principal shows in the navigation bar, and logging out goes back to
 * the login page. The token is written into the credentials file as the broker keeps it (a
 * salted SHA-256 of its secret). Without chromium the test is skipped with a message.
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Brokers } from '../support/brokers.js';
import { chromiumPath } from './chromium.js';

type Shown = { innerText: string };
const chromium = chromiumPath();

/** A token for `principal` and the credentials file entry the broker checks it against. */
function tokenFor(principal: string): { token: string; entry: Record<string, string> } {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = createHash('sha256').update(salt).update(secret).digest('base64');
  return {
    token: `mk_${id}_${secret}`,
    entry: { id, principal, salt: salt.toString('base64'), hash, createdAt: new Date().toISOString() },
  };
}

describe.skipIf(chromium === undefined)('the web console login in headless chromium', () => {
  const brokers = new Brokers();
  let url: string;
  let browser: Browser;
  let page: Page;
  const { token, entry } = tokenFor('User:admin');

  beforeAll(async () => {
    const dataDir = await brokers.dataDir();
    writeFileSync(join(dataDir, 'credentials.json'), JSON.stringify({ version: 1, users: {}, tokens: [entry] }));
    ({ url } = await brokers.spawn(dataDir, ['--auth', '--super-users', 'User:admin']));
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await brokers.cleanup();
  });

  // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, as a person reads it
  const text = (selector = 'body'): Promise<string> => page.$eval(selector, (e) => (e as unknown as Shown).innerText);
  const logIn = async (value: string): Promise<void> => {
    await page.type('input[name=token]', value);
    await Promise.all([page.waitForNavigation(), page.click('form[aria-label="Log in"] button[type=submit]')]);
  };

  it('logs in with an API token, shows who is logged in, and logs out', async () => {
    await page.goto(`${url}/console/groups`);
    expect(page.url()).toBe(`${url}/console/login?next=%2Fconsole%2Fgroups`);
    expect(await page.title()).toBe('Log in · Mini Kafka');

    await logIn(`${token}x`);
    expect(page.url()).toContain('/console/login?failed=1');
    expect(await text()).toContain('Wrong user, password or token');

    await logIn(token);
    expect(page.url()).toBe(`${url}/console/groups`);
    expect(await text('nav')).toContain('User:admin');

    await Promise.all([page.waitForNavigation(), page.click('nav form[action="/console/logout"] button')]);
    expect(page.url()).toBe(`${url}/console/login`);
    await page.goto(`${url}/console/topics`);
    expect(page.url()).toContain('/console/login');
  });
});
