import type { Browser, HTTPRequest, Page } from 'puppeteer';
import type { RenderRequestPolicy } from './render-request-policy.js';

/** A pooled tab that runs no script and loads nothing but the blank page, data: URLs and the fonts. */
export class LockedDownPage {
  private refused = new Map<string, number>();

  private constructor(
    readonly page: Page,
    private readonly blankPageUrl: string,
  ) {}

  static async open(browser: Browser, policy: RenderRequestPolicy, blankPageUrl: string): Promise<LockedDownPage> {
    const page = await browser.newPage();
    const locked = new LockedDownPage(page, blankPageUrl);
    try {
      // Takes effect from the next navigation, hence before the first one.
      await page.setJavaScriptEnabled(false);
      await page.setBypassCSP(false);
      // Belt and braces: even a request the policy let through could not reach the network.
      // (Offline emulation leaves file:// alone, so the fonts still load.)
      await page.setOfflineMode(true);
      await page.setRequestInterception(true);
      page.on('request', (request) => locked.decide(policy, request));
      await locked.reset(30_000);
      return locked;
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Back to the blank file:// page. A fresh navigation before every render drops the previous
   * report's DOM, styles and fonts, so no company's figures can bleed into the next PDF, and gives
   * setContent() the file:// origin it needs to load the font files.
   */
  async reset(timeoutMs: number): Promise<void> {
    this.refused = new Map();
    await this.page.goto(this.blankPageUrl, { waitUntil: 'load', timeout: timeoutMs });
  }

  /** Requests refused since the last reset, by scheme only: URLs may carry document content. */
  refusedRequests(): { total: number; bySchemes: string } {
    let total = 0;
    const parts: string[] = [];
    for (const [scheme, count] of this.refused) {
      total += count;
      parts.push(`${scheme}×${count}`);
    }
    return { total, bySchemes: parts.join(', ') };
  }

  private decide(policy: RenderRequestPolicy, request: HTTPRequest): void {
    // Interception holds every request until it is continued or aborted: answer each one, always.
    void policy
      .verdict(request.url())
      .then(async (verdict) => {
        if (request.isInterceptResolutionHandled()) return;
        if (verdict === 'allow') return request.continue();
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(request.url())?.[1]?.toLowerCase() ?? 'other';
        this.refused.set(scheme, (this.refused.get(scheme) ?? 0) + 1);
        // An aborted navigation (a <meta http-equiv="refresh">, an iframe) replaces the frame with
        // Chromium's error page; a 204 answer makes Chromium keep the document it has.
        if (request.isNavigationRequest()) return request.respond({ status: 204, body: '' });
        return request.abort('blockedbyclient');
      })
      .catch(() => undefined); // the page closed while we decided
  }
}
