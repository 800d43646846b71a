import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoggerService } from '@nestjs/common';
import type { ReportDocument } from '../../libs/reports/src/content/report-input.js';
import { BrowserPool, type BrowserPoolOptions } from '../../libs/reports/src/rendering/browser-pool.js';
import { resolveChromiumExecutable } from '../../libs/reports/src/rendering/chromium-launcher.js';
import { reapOrphanedChromium } from '../../libs/reports/src/rendering/chromium-orphan-reaper.js';
import { ChromiumPdfRenderer } from '../../libs/reports/src/rendering/chromium-pdf-renderer.js';
import { isRunning, readProcessTable } from '../../libs/reports/src/rendering/process-table.js';
import { RenderTimeoutError } from '../../libs/reports/src/rendering/render-errors.js';
import { defaultReportFontDirectory } from '../../libs/reports/src/rendering/report-font-directory.js';

/**
 * The worker's Chromium, for real: PDFs that are tagged and carry Japanese text in an embedded
 * font, a page that reaches nothing, recycling, crash recovery, timeouts, and no Chromium left
 * behind even when the worker is killed with -9.
 */

const executablePath = process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium';
const silent: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };
const scratch = mkdtempSync(join(tmpdir(), 'hks-rendering-test-'));
const pools: BrowserPool[] = [];

function makeRenderer(options: Partial<BrowserPoolOptions> = {}, renderTimeoutMs = 30_000) {
  const pool = new BrowserPool({ executablePath, concurrency: 2, maxRendersPerBrowser: 200, maxMemoryMb: 65536, logger: silent, ...options });
  pools.push(pool);
  return { pool, renderer: new ChromiumPdfRenderer(pool, { reports: { renderTimeoutMs } }) };
}

/** @font-face rules of @fontsource/noto-sans-jp 400, pointed at the font directory by file:// URL. */
const fontFaces = readFileSync(join(defaultReportFontDirectory(), '../400.css'), 'utf8').replaceAll('url(./files/', `url(${pathToFileURL(defaultReportFontDirectory()).href}/`);

function japaneseDocument(title: string, body: string, extraHead = ''): ReportDocument {
  const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title>
<style>${fontFaces}
@page { size: A4; margin: 20mm; @bottom-center { content: counter(page) " / " counter(pages); } }
body { font-family: 'Noto Sans JP', sans-serif; }</style>${extraHead}</head><body>${body}</body></html>`;
  return { html, title, lang: 'ja' };
}

const fourPages = (n: number) =>
  japaneseDocument(`健康相談レポート ${n}`, Array.from({ length: 4 }, (_, page) => `<section style="break-after: page"><h1>第${page + 1}章 働く女性の健康</h1><p>${'月経や更年期の症状について相談が寄せられました。'.repeat(20)}</p></section>`).join(''));

function pdfTool(tool: string, pdf: Buffer, args: string[] = []): string {
  const file = join(scratch, `${tool}-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

function chromiumOwnedBy(pid: number): number[] {
  return readProcessTable()
    .filter((entry) => entry.state !== 'Z' && entry.argv.some((arg) => arg.startsWith('--user-data-dir=') && arg.includes(`hks-chromium-${pid}-`)))
    .map((entry) => entry.pid);
}

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  rmSync(scratch, { recursive: true, force: true });
  expect(await waitUntil(() => chromiumOwnedBy(process.pid).length === 0, 5_000)).toBe(true);
});

describe('ChromiumPdfRenderer', () => {
  it('renders a tagged A4 PDF with the report title and Japanese text in an embedded subset font', async () => {
    const { renderer } = makeRenderer();
    const { pdf } = await renderer.render(japaneseDocument('女性の健康 相談報告 2046年度', '<h1>こんにちは、保健室です</h1><p>働く女性の健康を支えます。</p>'));
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const info = pdfTool('pdfinfo', pdf);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    expect(info).toMatch(/^Title:\s+女性の健康 相談報告 2046年度$/m);
    expect(info).toMatch(/^Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)$/m);
    // An embedded subset (the ABCDEF+ prefix) of Noto Sans JP.
    expect(pdfTool('pdffonts', pdf)).toMatch(/^[A-Z]{6}\+NotoSansJP\S*\s+CID TrueType\s+Identity-H\s+yes\s+yes/m);
    const text = pdfTool('pdftotext', pdf);
    expect(text).toContain('こんにちは、保健室です');
    expect(text).toContain('働く女性の健康を支えます。');
  });

  it('lets the document reach nothing: no network, no file outside the font directory, no script', async () => {
    const received: string[] = [];
    let connections = 0;
    const server: Server = createServer((request, response) => {
      received.push(request.url ?? '');
      response.end('body{background:red} /* root:x:0:0 */');
    });
    // Chromium preconnects to a navigation's host before interception sees the request: count sockets too.
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // A symlink inside a copy of the font directory must not lead out of it either.
      const fontCopy = join(scratch, 'fonts');
      mkdirSync(fontCopy);
      execFileSync('ln', ['-s', '/etc/passwd', join(fontCopy, 'passwd.woff2')]);
      const { renderer } = makeRenderer({ fontDirectory: fontCopy });
      const hostname = readFileSync('/etc/hostname', 'utf8').trim();
      const hostile = japaneseDocument(
        '攻撃テスト',
        `<p>BODY-MARKER</p>
<img src="${origin}/img"><iframe src="file:///etc/passwd"></iframe><object data="file:///etc/hostname"></object>
<img src="${pathToFileURL(join(fontCopy, 'passwd.woff2')).href}"><img src="file://${fontCopy}/../../../../etc/passwd">
<iframe src="${origin}/frame"></iframe><div style="background:url(${origin}/bg)">背景</div>
<script>fetch('${origin}/js'); document.write('スクリプト実行');</script>
<link rel="stylesheet" href="file:///etc/passwd"><video src="ws://127.0.0.1:1/ws"></video>`,
        `<link rel="stylesheet" href="${origin}/css"><style>@import url(${origin}/imp); body { background: url(${origin}/bodybg) }</style>
<meta http-equiv="refresh" content="0;url=${origin}/refresh"><link rel="prefetch" href="${origin}/prefetch">`,
      );
      const { pdf } = await renderer.render(hostile);
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // a late refresh or prefetch would arrive by now
      expect(received).toEqual([]);
      expect(connections).toBe(0);
      const text = pdfTool('pdftotext', pdf);
      expect(text).toContain('BODY-MARKER'); // (Japanese glyphs are missing here: the font copy holds no fonts)
      expect(text).not.toContain('root:');
      expect(text).not.toContain('スクリプト実行');
      if (hostname.length >= 3) expect(text).not.toContain(hostname);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('recycles the browser after browserMaxRenders renders, and the old browsers are gone', async () => {
    const { pool, renderer } = makeRenderer({ maxRendersPerBrowser: 3, concurrency: 1 });
    for (let n = 0; n < 7; n++) {
      const { pdf } = await renderer.render(fourPages(n));
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    }
    const stats = pool.stats();
    expect(stats.generation).toBe(3);
    expect(new Set(stats.launchedPids).size).toBe(3);
    expect(stats.retired.renders).toBe(2);
    const [first, second, third] = stats.launchedPids;
    expect(await waitUntil(() => !isRunning(first) && !isRunning(second), 5_000)).toBe(true);
    expect(isRunning(third)).toBe(true);
    await pool.close();
    expect(await waitUntil(() => !isRunning(third), 5_000)).toBe(true);
  });

  it('recycles the browser when its process tree passes browserMaxMemoryMb', async () => {
    const { pool, renderer } = makeRenderer({ maxMemoryMb: 64 });
    await renderer.render(fourPages(1));
    expect(pool.stats().retired.memory).toBe(1);
    await renderer.render(fourPages(2));
    const stats = pool.stats();
    expect(stats.generation).toBe(2);
    expect(await waitUntil(() => !isRunning(stats.launchedPids[0]), 5_000)).toBe(true);
  });

  it('replaces a browser killed with -9 on the next render', async () => {
    const { pool, renderer } = makeRenderer();
    await renderer.render(fourPages(1));
    const killed = pool.stats().browserPid as number;
    process.kill(killed, 'SIGKILL');
    const { pdf } = await renderer.render(fourPages(2));
    expect(pdfTool('pdftotext', pdf)).toContain('働く女性の健康');
    expect(pool.stats().browserPid).not.toBe(killed);
    expect(pool.stats().generation).toBe(2);
    // Nothing of the killed browser's process group is left.
    expect(await waitUntil(() => !readProcessTable().some((entry) => entry.pgid === killed && entry.state !== 'Z'), 5_000)).toBe(true);
  });

  it('recovers a render whose browser dies under it, on a fresh browser', async () => {
    const { pool, renderer } = makeRenderer();
    await renderer.render(fourPages(1));
    const victim = pool.stats().browserPid as number;
    const rendering = renderer.render(fourPages(2));
    setTimeout(() => process.kill(victim, 'SIGKILL'), 30);
    const { pdf } = await rendering;
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pool.stats().browserPid).not.toBe(victim);
  });

  it('fails a render past renderTimeoutMs with a timeout error, and renders the next document', async () => {
    const { pool, renderer } = makeRenderer({ concurrency: 1 }, 1_000);
    const rows = Array.from({ length: 60_000 }, (_, i) => `<tr><td>${i}</td><td>相談</td><td>健康</td></tr>`).join('');
    const huge = japaneseDocument('巨大', `<table>${rows}</table>`);
    const started = Date.now();
    await expect(renderer.render(huge)).rejects.toBeInstanceOf(RenderTimeoutError);
    expect(Date.now() - started).toBeLessThan(8_000);
    const { pdf } = await renderer.render(japaneseDocument('次の文書', '<p>次の文書です</p>'));
    expect(pdfTool('pdftotext', pdf)).toContain('次の文書です');
    expect(pool.stats().generation).toBe(1);
  });

  it('refuses a render once closed', async () => {
    const { pool, renderer } = makeRenderer();
    await pool.close();
    await expect(renderer.render(fourPages(1))).rejects.toMatchObject({ code: 'RENDERER_CLOSED', retryable: true });
  });
});

describe('no orphaned Chromium', () => {
  it('kills the browser of a worker killed with -9 within seconds (watchdog)', async () => {
    const fixture = spawn(process.execPath, [join(process.cwd(), 'test/support/chromium-orphan-fixture.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      fixture.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      fixture.on('exit', (code) => reject(new Error(`fixture exited (${code}) before it printed: ${out}`)));
    });
    const { browserPid } = JSON.parse(line) as { browserPid: number };
    const workerPid = fixture.pid as number;
    expect(chromiumOwnedBy(workerPid)).toContain(browserPid);
    fixture.kill('SIGKILL');
    expect(await waitUntil(() => !isRunning(browserPid) && chromiumOwnedBy(workerPid).length === 0, 5_000)).toBe(true);
  });

  it('reaps at start-up a Chromium whose owning worker is gone, and leaves live owners alone', async () => {
    let deadPid = 999_999;
    while (isRunning(deadPid)) deadPid++;
    const directory = join(tmpdir(), `hks-chromium-${deadPid}-x${process.pid}`);
    const orphan = spawn(resolveChromiumExecutable(executablePath), ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', `--user-data-dir=${directory}`, '--remote-debugging-port=0', 'about:blank'], { detached: true, stdio: 'ignore' });
    const { pool, renderer } = makeRenderer();
    await renderer.render(fourPages(1));
    const ours = pool.stats().browserPid as number;
    expect(await waitUntil(() => existsSync(directory) && chromiumOwnedBy(deadPid).length > 0, 5_000)).toBe(true);
    const reaped = reapOrphanedChromium({ logger: silent });
    const mine = reaped.find((entry) => entry.directory === directory);
    expect(mine?.ownerPid).toBe(deadPid);
    expect(mine?.killedPids).toContain(orphan.pid);
    expect(await waitUntil(() => !isRunning(orphan.pid as number) && chromiumOwnedBy(deadPid).length === 0, 5_000)).toBe(true);
    expect(existsSync(directory)).toBe(false);
    // This process's own browser belongs to a live worker.
    expect(isRunning(ours)).toBe(true);
    expect(reaped.every((entry) => entry.ownerPid !== process.pid)).toBe(true);
  });
});
