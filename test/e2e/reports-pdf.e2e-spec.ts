import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { holdAdviceLock, ownQueuePrefix, readPdf, reportWorld, waitForReport, type ReportWorld } from '../support/reports.js';

/**
 * A real report through the whole pipeline (api → Redis → worker → Chromium → PostgreSQL → download),
 * checked against the digest API's own figures. Owns FY2055.
 */
describe('feedback report PDF', () => {
  let t: TestApp;
  let w: ReportWorld;
  let release: () => Promise<void>;

  beforeAll(async () => {
    release = await holdAdviceLock('shared');
    t = await startTestApp({ QUEUE_PREFIX: ownQueuePrefix() }, { worker: true });
    w = await reportWorld(t, 2055, 700);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await release();
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

  it('makes one render and one stored PDF of 100 concurrent identical requests', async () => {
    const ask = () => t.http.post('/api/v1/reports').set('Cookie', w.manager).send({ release_id: w.releaseId, industry: 'P', size_class: '20-99', locale: 'ja' });
    const answers = await Promise.all(Array.from({ length: 100 }, ask));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202]));
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const [id] = [...ids] as string[];
    expect((await waitForReport(t, w.manager, id!, 90_000)).status).toBe('done');
    // Asked again once done: answered done at once, nothing queued or rendered again.
    expect((await ask().expect(202)).body).toEqual({ id, status: 'done' });
    const rows = await t.app.get(DataSource).query(`SELECT renders, (SELECT count(*)::int FROM report_pdfs WHERE report_id = $1) AS pdfs FROM reports WHERE id = $1`, [id]);
    expect(rows).toEqual([{ renders: 1, pdfs: 1 }]);
  }, 120_000);
});
