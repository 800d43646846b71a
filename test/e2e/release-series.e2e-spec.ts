import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { NextCostService } from '@hokenshitsu/digests';
import { seedConsultations } from '../support/consultation-seed.js';
import { ownQueuePrefix } from '../support/reports.js';
import { login, registeredCompany, signedInAs, startTestApp, withFormToken, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface SeriesEntry {
  id: string;
  label: string;
  period_start: string;
  period_end: string;
  status: string;
  large_cells: number | null;
  large_cells_kept: number | null;
  kept_share: number | null;
  suppressed_cells: number;
  total_cells: number;
  built_at: string;
  published_at: string | null;
}

/**
 * The release series for staff and what publishing a draft would cost the fiscal year's release.
 * This suite owns the fiscal year 2047 (April 2047 to March 2048); it runs its own worker on its
 * own queue prefix, so the next-cost jobs it queues are the ones it runs.
 */
describe('release series for city staff: what each release keeps, and what one more would cost the year', () => {
  let t: TestApp;
  let staff: { cookie: string; id: string };
  let manager: string;
  const ids: Record<'q1' | 'q2' | 'h1' | 'fy', string> = { q1: '', q2: '', h1: '', fy: '' };

  const api = (path: string, cookie = staff.cookie) => t.http.get(path).set('Cookie', cookie);
  /** A page's text with its no-break spaces (which keep "64.4 %" on one line) as plain ones. */
  const plain = (html: string) => html.replace(/\u00a0/g, ' ');
  const build = async (label: string, start: string, end: string) =>
    (await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label, period_start: start, period_end: end }).expect(201)).body.id as string;
  const stored = async (id: string) =>
    ((await t.app.get(DataSource).query(`SELECT information_loss FROM releases WHERE id = $1`, [id])) as { information_loss: Record<string, number> }[])[0]!.information_loss;

  /** Polls a draft's next cost until the worker has an outcome. */
  async function finished(releaseId: string, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await api(`/api/v1/releases/${releaseId}/next-cost`).expect(200);
      if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
      if (Date.now() > deadline) throw new Error(`next cost still ${res.body.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ QUEUE_PREFIX: ownQueuePrefix() }, { worker: true });
    staff = await signedInAs(t, 'city_staff');
    const company = await registeredCompany(t, { verifiedBy: staff.cookie });
    manager = await login(t, company.managerEmail);
    await seedConsultations(t.app.get(DataSource), { clients: 400, periodStart: '2047-04-01', periodEnd: '2048-03-31', recordedBy: staff.id, seed: 47 });
    // Built in an order unlike the periods', so the series' own order shows.
    ids.fy = await build('2047年度', '2047-04-01', '2048-03-31');
    ids.q2 = await build('2047年度 第2四半期', '2047-07-01', '2047-09-30');
    ids.q1 = await build('2047年度 第1四半期', '2047-04-01', '2047-06-30');
    ids.h1 = await build('2047年度 上半期', '2047-04-01', '2047-09-30');
    await t.http.post(`/api/v1/releases/${ids.q1}/publish`).set('Cookie', staff.cookie).expect(200);
  }, 180_000);
  afterAll(() => t?.close());

  it('lists the fiscal year\'s releases by period start, then end, with what each keeps of its large cells', async () => {
    const res = await api('/api/v1/release-series?fiscal_year=2047').expect(200);
    expect(res.body.fiscal_year).toBe(2047);
    const series: SeriesEntry[] = res.body.releases;
    expect(series.map((r) => r.id)).toEqual([ids.q1, ids.h1, ids.fy, ids.q2]);
    expect(series.map((r) => r.status)).toEqual(['published', 'draft', 'draft', 'draft']);
    for (const entry of series) {
      const loss = await stored(entry.id);
      expect(loss.largeCells).toBeGreaterThan(0);
      expect(entry).toEqual({
        id: entry.id,
        label: expect.stringMatching(/^2047年度/),
        period_start: expect.stringMatching(/^2047-/),
        period_end: expect.stringMatching(/^204[78]-/),
        status: entry.status,
        large_cells: loss.largeCells,
        large_cells_kept: loss.largeCellsKept,
        kept_share: Math.round((loss.largeCellsKept! / loss.largeCells!) * 1000) / 1000,
        suppressed_cells: loss.suppressedCells,
        total_cells: loss.totalCells,
        built_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        published_at: entry.status === 'published' ? expect.stringMatching(/^\d{4}-\d\d-\d\dT/) : null,
      });
      expect(entry.large_cells_kept).toBeLessThanOrEqual(entry.large_cells!);
    }
    // A release built before large cells were counted reads null, not 0.
    await t.app.get(DataSource).query(`UPDATE releases SET information_loss = information_loss - 'largeCells' - 'largeCellsKept' WHERE id = $1`, [ids.q2]);
    const old = ((await api('/api/v1/release-series?fiscal_year=2047').expect(200)).body.releases as SeriesEntry[]).find((r) => r.id === ids.q2)!;
    expect([old.large_cells, old.large_cells_kept, old.kept_share]).toEqual([null, null, null]);
    // Another year holds none of these.
    const other = (await api('/api/v1/release-series?fiscal_year=2046').expect(200)).body.releases as SeriesEntry[];
    expect(other.map((r) => r.id)).not.toContain(ids.q1);
    for (const r of other) expect(r.period_start >= '2046-04-01' && r.period_end <= '2047-03-31').toBe(true);
  });

  it('refuses a missing or malformed fiscal year by its name (400)', async () => {
    for (const query of ['', '?fiscal_year=', '?fiscal_year=FY2047', '?fiscal_year=47', '?fiscal_year=2047.5']) {
      const res = await api(`/api/v1/release-series${query}`).expect(400);
      expect(res.body.message).toContain('fiscal_year');
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain('fiscal_year');
      // Its three rules share one message: said once, not three times.
      expect(res.body.message).toBe('fiscal_year must be a fiscal year such as 2025 (April 2025 to March 2026)');
    }
  });

  it('is for staff only: a manager gets 403 from the series, the next cost and their page', async () => {
    await api('/api/v1/release-series?fiscal_year=2047', manager).expect(403);
    await t.http.post(`/api/v1/releases/${ids.q2}/next-cost`).set('Cookie', manager).expect(403);
    await api(`/api/v1/releases/${ids.q2}/next-cost`, manager).expect(403);
    await api('/staff/release-series?fiscal_year=2047', manager).set('Accept', HTML).expect(403);
  });

  it('never puts the large-cell counts in the release answer, for staff or a manager (its public shape stays)', async () => {
    const staffView = await api(`/api/v1/releases/${ids.q1}`).expect(200);
    const managerView = await api(`/api/v1/releases/${ids.q1}`, manager).expect(200);
    const list = await api('/api/v1/releases').expect(200);
    for (const text of [staffView.text, managerView.text, list.text, (await api(`/api/v1/releases/${ids.h1}`).expect(200)).text]) {
      expect(text).not.toMatch(/largeCells|large_cells|largeCellsKept/);
    }
    expect(Object.keys(staffView.body.information_loss).sort()).toEqual(['cellShare', 'clientShare', 'suppressedCells', 'totalCells']);
    expect(managerView.body.information_loss).toEqual(staffView.body.information_loss);
  });

  it('refuses the next cost where there is none to compute: unknown 404, published or the year itself 409', async () => {
    await t.http.post(`/api/v1/releases/${UNKNOWN}/next-cost`).set('Cookie', staff.cookie).expect(404);
    await api(`/api/v1/releases/${UNKNOWN}/next-cost`).expect(404);
    await t.http.post('/api/v1/releases/not-a-uuid/next-cost').set('Cookie', staff.cookie).expect(404);
    // Nothing asked for yet: not found.
    await api(`/api/v1/releases/${ids.h1}/next-cost`).expect(404);

    const published = await t.http.post(`/api/v1/releases/${ids.q1}/next-cost`).set('Cookie', staff.cookie).expect(409);
    expect(published.body.message).toMatch(/published/);
    const year = await t.http.post(`/api/v1/releases/${ids.fy}/next-cost`).set('Cookie', staff.cookie).expect(409);
    expect(year.body.message).toContain('no later release in that year');
  });

  it('computes what publishing a quarter would cost the year: queued once, both builds run, the same truth', async () => {
    const first = await t.http.post(`/api/v1/releases/${ids.q2}/next-cost`).set('Cookie', staff.cookie).expect(202);
    expect(first.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: expect.stringMatching(/^(queued|running|done)$/), progress: expect.any(Number) });
    // Asked again while it is queued or running: the same computation, one job.
    const again = await t.http.post(`/api/v1/releases/${ids.q2}/next-cost`).set('Cookie', staff.cookie).expect(202);
    expect(again.body.id).toBe(first.body.id);

    const done = await finished(ids.q2);
    expect(done).toEqual({
      id: first.body.id,
      status: 'done',
      progress: 100,
      next: { period_start: '2047-04-01', period_end: '2048-03-31' },
      with: { large_cells: expect.any(Number), large_cells_kept: expect.any(Number), kept_share: expect.any(Number), suppressed_cells: expect.any(Number), build_ms: expect.any(Number) },
      without: { large_cells: expect.any(Number), large_cells_kept: expect.any(Number), kept_share: expect.any(Number), suppressed_cells: expect.any(Number), build_ms: expect.any(Number) },
    });
    // The year's truth is the same either way: as many large cells; only what stays published may differ.
    expect(done.with.large_cells).toBe(done.without.large_cells);
    expect(done.with.large_cells).toBeGreaterThan(0);
    for (const f of [done.with, done.without]) {
      expect(f.large_cells_kept).toBeLessThanOrEqual(f.large_cells);
      expect(f.kept_share).toBe(Math.round((f.large_cells_kept / f.large_cells) * 1000) / 1000);
    }

    // One job, on the releases queue, that reported its progress to the end.
    const queue = t.app.get<Queue>(getQueueToken('releases'));
    const jobsOf = async () => (await queue.getJobs(['completed', 'active', 'waiting', 'delayed', 'failed'])).filter((j) => j.name === 'release-next-cost' && j.data.costId === first.body.id);
    // The answer is written before the job returns: wait for the job itself to finish.
    let jobs = await jobsOf();
    for (const deadline = Date.now() + 15_000; jobs.length === 1 && !jobs[0]!.finishedOn && Date.now() < deadline; jobs = await jobsOf()) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(jobs.map((j) => j.id)).toEqual([`release-next-cost.${first.body.id}.r1`]);
    expect(jobs[0]!.progress).toBe(100);
    expect(jobs[0]!.returnvalue).toEqual({ status: 'done' });

    // A retried job (the worker run again on the same answer) changes nothing.
    const before = (await api(`/api/v1/releases/${ids.q2}/next-cost`).expect(200)).body;
    await t.worker!.get(NextCostService).run(first.body.id);
    expect((await api(`/api/v1/releases/${ids.q2}/next-cost`).expect(200)).body).toEqual(before);
    // Asked again once done: the answer stands, nothing is queued.
    const repeat = await t.http.post(`/api/v1/releases/${ids.q2}/next-cost`).set('Cookie', staff.cookie).expect(202);
    expect(repeat.body).toEqual({ id: first.body.id, status: 'done', progress: 100 });
  }, 180_000);

  it('shows the series page with Japanese dates, the figures, one button per quarter or half draft, and follows the computation', async () => {
    const list = await api('/staff/releases').set('Accept', HTML).expect(200);
    expect(list.text).toContain('<a href="/staff/release-series">');
    const nav = /<nav[\s\S]*?<\/nav>/.exec(list.text)![0];
    expect(nav).not.toContain('/staff/release-series');

    const page = await api('/staff/release-series?fiscal_year=2047').set('Accept', HTML).expect(200);
    expect(page.text).toContain('<option value="2047" selected>2047年度</option>');
    const rows = [...plain(page.text).matchAll(/<tr data-release="([0-9a-f-]{36})">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((r) => r[1])).toEqual([ids.q1, ids.h1, ids.fy, ids.q2]);
    const row = (id: string) => rows.find((r) => r[1] === id)![2]!;
    expect(row(ids.q1)).toContain('<th scope="row"><span class="series-table__date">2047年4月1日</span>〜<span class="series-table__date">2047年6月30日</span></th>');
    expect(row(ids.fy)).toContain('2047年4月1日</span>〜<span class="series-table__date">2048年3月31日');
    const q1 = await stored(ids.q1);
    expect(row(ids.q1)).toContain(`公開 ${q1.largeCellsKept} / ${q1.largeCells}（${((q1.largeCellsKept! / q1.largeCells!) * 100).toFixed(1)} %）`);
    expect(row(ids.q1)).toContain(`${q1.suppressedCells} / ${q1.totalCells}`);
    expect(row(ids.q2)).toContain('この数え方を始める前に作成');
    // The button for the half (not yet computed); the quarter shows its figures; the year and the published quarter none.
    expect(row(ids.h1)).toMatch(/<form class="series-table__form" method="post" action="\/staff\/release-series\/costs" data-long-operation="[^"]+">\s*<input type="hidden" name="_csrf"/);
    expect(row(ids.h1)).toContain('年度の統計への影響を計算する');
    expect(row(ids.q2)).toMatch(/年度の統計で3k以上のセルの公開：この下書きを公開した場合 \d+\.\d % \/ 公開しない場合 \d+\.\d %/);
    expect(row(ids.fy)).toContain('年度全体の統計です。');
    expect(row(ids.fy)).not.toContain('<form');
    expect(row(ids.q1)).not.toContain('<form');
    expect(page.text).toContain('「3k以上のセル」と、公表が年度の統計に与える影響');

    // The button: a POST with the page's form token, then the progress page, then both figures.
    const form = await withFormToken(t, staff.cookie, '/staff/release-series?fiscal_year=2047');
    const posted = await t.http.post('/staff/release-series/costs').type('form').set('Accept', HTML).set('Cookie', form.cookie).send({ _csrf: form.token, release_id: ids.h1 }).expect(303);
    const costPath = posted.headers.location!;
    expect(costPath).toMatch(/^\/staff\/release-series\/costs\/[0-9a-f-]{36}$/);
    const progress = await api(costPath).set('Accept', HTML).expect(200);
    if (!progress.text.includes('data-cost-status="done"')) {
      expect(progress.text).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
      expect(progress.text).toMatch(/<p class="build-progress__status" role="status" data-build-status>(計算の順番を待っています…|段階 [12] \/ 2：[^<]+…)<\/p>/);
      expect(progress.text).toMatch(/<progress class="build-progress__bar" max="100" value="(0|50)"/);
      expect(progress.text).toContain(`data-build-poll="${costPath}/status"`);
    }
    const status = await api(`${costPath}/status`).expect(200);
    expect(['queued', 'without', 'with', 'done']).toContain(status.body.stage);
    await finished(ids.h1);
    expect((await api(`${costPath}/status`).expect(200)).body).toMatchObject({ stage: 'done', finished: true, value: 100, location: costPath });
    const result = plain((await api(costPath).set('Accept', HTML).expect(200)).text);
    const cost = (await api(`/api/v1/releases/${ids.h1}/next-cost`).expect(200)).body;
    const pct = (f: { kept_share: number }) => (f.kept_share * 100).toFixed(1);
    expect(result).toContain(`この下書きを公開した場合 / 公開しない場合：年度の統計で3k以上のセルの公開 ${pct(cost.with)} % / ${pct(cost.without)} %`);
    expect(result).toMatch(/data-cost-effect="(loses|same|gains)">この下書きを先に公表/);
    expect(result).not.toContain('http-equiv="refresh"');
    const english = await api(`${costPath}?lang=en`).set('Accept', HTML).expect(200);
    expect(plain(english.text)).toContain(`If this draft is published / if not: cells of 3k or more published in the year&#x27;s statistics ${pct(cost.with)} % / ${pct(cost.without)} %`);
    await api(costPath, manager).set('Accept', HTML).expect(403);
    await api(`/staff/release-series/costs/${UNKNOWN}`).set('Accept', HTML).expect(404);
    await api('/staff/release-series?fiscal_year=next').set('Accept', HTML).expect(400);
  }, 180_000);

  it('computes again once another release is published (the old answer is stale, not shown)', async () => {
    const before = (await api(`/api/v1/releases/${ids.q2}/next-cost`).expect(200)).body;
    // A month built now (the first quarter already public) and published: the year's published set changes.
    const october = await build('2047年10月', '2047-10-01', '2047-10-31');
    await t.http.post(`/api/v1/releases/${october}/publish`).set('Cookie', staff.cookie).expect(200);
    await api(`/api/v1/releases/${ids.q2}/next-cost`).expect(404);
    const asked = await t.http.post(`/api/v1/releases/${ids.q2}/next-cost`).set('Cookie', staff.cookie).expect(202);
    expect(asked.body.id).not.toBe(before.id);
    const done = await finished(ids.q2);
    expect(done).toMatchObject({ id: asked.body.id, status: 'done' });
    expect(done.with.large_cells).toBe(before.with.large_cells);
  }, 180_000);
});
