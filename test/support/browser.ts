import { mkdirSync } from 'node:fs';
/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser: they use its DOM types)
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
  // The click itself waits for the navigation it starts: it needs the same time (a release build under load).
  await Promise.all([page.waitForNavigation({ timeout }), page.getByRole('button', { name: buttonName }).click({ timeout })]);
  await expectAccessible(page);
}

/** Signs in through the Japanese sign-in page, as each role does. */
export async function signIn(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await visit(page, `${baseUrl}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(password);
  await submit(page, 'ログインする');
}

/** A phone (390 px, laid out as a phone does: the page's viewport meta decides its width) and a desk. */
export const PHONE = { width: 390, height: 844 } as const;
export const DESK = { width: 1280, height: 800 } as const;

/**
 * A fresh browser profile per person (no cookie carries over), in Japanese as a city user's would be.
 * Given a viewport narrower than a desk's, it is a phone: mobile layout, so a page without a
 * viewport meta lays out 980 px wide as it would on her phone.
 */
export async function personPage(browser: Browser, viewport?: { width: number; height: number }): Promise<{ page: Page; close: () => Promise<void> }> {
  const phone = viewport !== undefined && viewport.width < 768;
  const context = await browser.newContext({ locale: 'ja-JP', ...(viewport ? { viewport } : {}), ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  return { page: await context.newPage(), close: () => context.close() };
}

/** A person's page already signed in: her session cookie (`hks_session=…`, as `login` answers it) set for the portal's URL. */
export async function sessionPage(browser: Browser, baseUrl: string, cookie: string, viewport?: { width: number; height: number }): Promise<{ page: Page; close: () => Promise<void> }> {
  const person = await personPage(browser, viewport);
  const [name, value] = cookie.split('=') as [string, string];
  await person.page.context().addCookies([{ name, value, url: baseUrl }]);
  return person;
}

/**
 * Fails when the page does not read well at its viewport's width: laid out wider than the screen
 * (no viewport meta), wider than the viewport (`scrollWidth > innerWidth`: something forces a
 * sideways scroll of the whole page), or any visible text smaller than `minPx` (its computed
 * font size times any SVG scaling, so a shrunken chart counts). Names what is wrong and where.
 */
export async function expectReadable(page: Page, minPx = 12): Promise<void> {
  const width = page.viewportSize()?.width;
  const problems = await page.evaluate(
    ({ minPx, width }) => {
      const out: string[] = [];
      const where = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      const screen = width ?? window.innerWidth;
      const doc = document.documentElement;
      if (!document.querySelector('meta[name="viewport"]') && window.innerWidth !== screen) {
        out.push(`no viewport meta: the page lays out ${window.innerWidth} px wide on a ${screen} px screen`);
      } else if (doc.scrollWidth > window.innerWidth || window.innerWidth > screen) {
        // Too wide: a desk scrolls sideways; a phone zooms the whole page out (innerWidth grows) to fit it.
        const wide = [...document.body.querySelectorAll('*')]
          .filter((el) => el.getBoundingClientRect().right > screen + 0.5)
          .filter((el) => !el.parentElement?.closest('.table-scroll, [data-scroll]'))
          .slice(0, 5)
          .map((el) => `${where(el)} (right edge ${Math.round(el.getBoundingClientRect().right)})`);
        out.push(`the page is ${Math.max(doc.scrollWidth, window.innerWidth)} px wide on a ${screen} px screen: ${wide.join(', ')}`);
      }
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const small = new Map<string, string>();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim();
        const el = node.parentElement;
        if (!text || !el) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) continue; // not rendered
        const style = getComputedStyle(el);
        if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
        let size = parseFloat(style.fontSize);
        if (el instanceof SVGGraphicsElement) {
          const m = el.getScreenCTM();
          if (m) size *= Math.hypot(m.a, m.b);
        }
        if (size < minPx - 0.01) small.set(where(el), `${size.toFixed(1)} px "${text.slice(0, 30)}"`);
      }
      for (const [at, what] of [...small].slice(0, 8)) out.push(`text smaller than ${minPx} px at ${at}: ${what}`);
      return out;
    },
    { minPx, width },
  );
  if (problems.length) throw new Error(`${page.url()} does not read well at ${width} px:\n- ${problems.join('\n- ')}`);
}

/** HKS_SCREENSHOTS=dir keeps a full-page PNG of every page checked (to look at, not to compare). */
const SCREENSHOTS = process.env.HKS_SCREENSHOTS;

/** The page in front of her: readable at this width and accessible; kept as a PNG when asked. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectReadable(page);
  await expectAccessible(page);
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-${page.viewportSize()!.width}.png`, fullPage: true });
}
