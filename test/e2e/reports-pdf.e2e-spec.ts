import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ownQueuePrefix, reportWorld, waitForReport, type ReportWorld } from '../support/reports.js';

const tmp = mkdtempSync(join(tmpdir(), 'hks-pdf-'));

/** A PDF read back the way a person and an accessibility checker would: poppler's tools. */
function readPdf(pdf: Buffer, name: string) {
  const file = join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  return {
    info,
    title: field('Title'),
    tagged: field('Tagged'),
    pages: Number(field('Pages')),
    pageSize: field('Page size'),
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
    // -layout off: one logical line per text run, as a screen reader gets it.
    text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
    raw: pdf.toString('latin1'),
  };
}

/**
 * A real report through the whole pipeline (api → Redis → worker → Chromium → PostgreSQL → download),
 * checked against the digest API's own figures. Owns FY2055.
 */
describe('feedback report PDF', () => {
  let t: TestApp;
  let w: ReportWorld;
  let listener: Server;
  const hits: string[] = [];
  let port = 0;

  beforeAll(async () => {
    listener = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    port = (listener.address() as { port: number }).port;
    t = await startTestApp({ QUEUE_PREFIX: ownQueuePrefix() }, { worker: true });
    w = await reportWorld(t, 2055, 700);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    listener.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  const request = async (locale: 'ja' | 'en', industry = 'E', sizeClass = '20-99') => {
    const res = await t.http.post('/api/v1/reports').set('Cookie', w.manager).send({ release_id: w.releaseId, industry, size_class: sizeClass, locale }).expect(202);
    const done = await waitForReport(t, w.manager, res.body.id, 90_000);
    expect(done.status).toBe('done');
    return { id: res.body.id as string, ...done };
  };

  it('holds the digest API\'s figures in Japanese: scope, period, themes and shares, bands, "—" for withheld values; tagged, titled, A4, fonts embedded', async () => {
    const digest = (await t.http.get(`/api/v1/releases/${w.releaseId}/digest?industry=E&size_class=20-99`).set('Cookie', w.manager).expect(200)).body;
    const report = await request('ja');
    const res = await t.http.get(`/api/v1/reports/${report.id}/pdf`).set('Cookie', w.manager).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const pdf = res.body as Buffer;
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="feedback-report-E-20-99-ja\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'])![1]!)).toBe('フィードバックレポート_製造業_20〜99人.pdf');
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(res.headers.etag).toBe(`"${sha}"`);
    expect(report.sha256).toBe(sha);
    expect(report.bytes).toBe(pdf.length);
    await t.http.get(`/api/v1/reports/${report.id}/pdf`).set('Cookie', w.manager).set('If-None-Match', `"${sha}"`).expect(304);

    const read = readPdf(pdf, 'ja');
    expect(read.tagged).toBe('yes');
    expect(read.title).toContain('製造業・20〜99人');
    expect(read.raw).toMatch(/\/Lang \(ja\)/);
    expect(read.pages).toBeGreaterThanOrEqual(3);
    expect(read.pages).toBeLessThanOrEqual(6);
    expect(read.pageSize).toMatch(/^59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(read.raw).toMatch(/\/Outlines \d+ 0 R/);
    const fontLines = read.fonts.split('\n').slice(2).filter(Boolean);
    expect(fontLines.length).toBeGreaterThan(0);
    for (const line of fontLines) {
      expect(line).toMatch(/^[A-Z]{6}\+NotoSansJP/);
      expect(line).toMatch(/\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
    expect(read.text).toContain(digest.scope.label_ja);
    expect(read.text).toMatch(/年4月1日〜\d{4}年3月31日/);
    for (const theme of digest.top_themes) {
      expect(read.text).toContain(theme.ja);
      expect(read.text).toContain(`${Math.round(theme.share * 100)}%`);
    }
    // A band, never the exact number of people.
    expect(read.text).toMatch(/\d+〜\d+名|\d+名以上/);
    expect(read.text).not.toContain(`${digest.clients}名`);
    const withheld = Object.values(digest.dimensions as Record<string, { count: number | null }[]>).flat().some((c) => c.count === null) || digest.withheld_themes.length > 0;
    if (withheld) {
      expect(read.text).toContain('—');
      expect(read.text).toContain('少人数のため公表を控えた値');
    }
  }, 120_000);

  it('renders the same report in English on request', async () => {
    const digest = (await t.http.get(`/api/v1/releases/${w.releaseId}/digest?industry=E&size_class=20-99`).set('Cookie', w.manager).expect(200)).body;
    const report = await request('en');
    const pdf = (await t.app.get(DataSource).query(`SELECT pdf FROM report_pdfs WHERE report_id = $1`, [report.id]))[0].pdf as Buffer;
    const read = readPdf(pdf, 'en');
    expect(read.tagged).toBe('yes');
    expect(read.raw).toMatch(/\/Lang \(en\)/);
    expect(read.text).toContain(digest.scope.label_en);
    for (const theme of digest.top_themes) expect(read.text).toContain(theme.en.split(',')[0]);
    expect(read.pages).toBeGreaterThanOrEqual(3);
    expect(read.pages).toBeLessThanOrEqual(6);
  }, 120_000);

  it('escapes advice text: hostile markup fetches nothing and reads no file', async () => {
    const digest = (await t.http.get(`/api/v1/releases/${w.releaseId}/digest?industry=I&size_class=1-19`).set('Cookie', w.manager).expect(200)).body;
    const top: string = digest.top_themes[0].code;
    const hostile = [
      `<img src="http://127.0.0.1:${port}/img">`,
      `<link rel="stylesheet" href="http://127.0.0.1:${port}/css">`,
      `<iframe src="file:///etc/passwd"></iframe>`,
      `<div style="background:url(http://127.0.0.1:${port}/bg)">x</div>`,
      `<style>@import url(http://127.0.0.1:${port}/imp);</style>`,
      `<script>fetch('http://127.0.0.1:${port}/js')</script>`,
    ].join(' ');
    const current = (await t.http.get('/api/v1/report-advice').set('Cookie', w.staff.cookie).expect(200)).body;
    const entries = current.entries.map((e: { theme: string }) => (e.theme === top ? { ...e, ja: `注意 ${hostile}`, en: `Note ${hostile}` } : e));
    await t.http.post('/api/v1/report-advice').set('Cookie', w.staff.cookie).send({ version: current.version, entries }).expect(201);
    const report = await request('ja', 'I', '1-19');
    const pdf = (await t.app.get(DataSource).query(`SELECT pdf FROM report_pdfs WHERE report_id = $1`, [report.id]))[0].pdf as Buffer;
    const read = readPdf(pdf, 'hostile');
    expect(hits).toEqual([]);
    expect(read.text).not.toMatch(/root:x?:0:0/);
    // The markup is there as text a person can read, not as markup.
    expect(read.text).toContain('<img src="http://127.0.0.1');
    expect(read.text).toContain('<script>');
  }, 120_000);
});
