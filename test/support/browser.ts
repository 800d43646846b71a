import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD } from './test-app.js';

/** Debian's Chromium, headless; flags that keep it quiet and fast in a container. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
}

/** Fails with every serious or critical axe-core violation on the page, each with where it is. */
export async function expectAccessible(page: Page): Promise<void> {
  // Legacy mode runs axe in the page itself instead of opening a blank page per check: three times
  // faster, and our pages have no cross-origin frames for the newer mode to reach into.
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length === 0) return;
  const lines = bad.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n    at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  throw new Error(`accessibility violations on ${page.url()}:\n${lines.join('\n')}`);
}

/** Opens a page the way a person does and checks it with axe; answers its HTTP status. */
export async function visit(page: Page, url: string): Promise<number> {
  const response = await page.goto(url);
  await expectAccessible(page);
  return response?.status() ?? 0;
}

/** Submits a form by its button and checks the page that comes back. */
export async function submit(page: Page, buttonName: string | RegExp, timeout = 30_000): Promise<void> {
  await Promise.all([page.waitForNavigation({ timeout }), page.getByRole('button', { name: buttonName }).click()]);
  await expectAccessible(page);
}

/** Signs in through the Japanese sign-in page, as each role does. */
export async function signIn(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await visit(page, `${baseUrl}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await submit(page, 'ログインする');
}

/** A fresh browser profile per person (no cookie carries over), in Japanese as a city user's would be. */
export async function personPage(browser: Browser): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  return { page: await context.newPage(), close: () => context.close() };
}
