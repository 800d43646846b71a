import { subsidyWorld, TINY_PDF, type SubsidyWorld } from '../support/subsidy-staff-world.js';
import { signedInAs, startTestApp, withFormToken, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml';

/**
 * City staff's subsidy pages over HTTP, as her browser without script sends them: the queue and
 * its filters, the review page (changes since a return, the audit trail), each action through its
 * confirmation step, refusals beside their fields, the CSVs, and the public case stories.
 * This suite owns FY2085 (3,000,000 yen) and FY2086 (100,000 yen, set up through the page); the
 * browser suite owns FY2087.
 */
describe('subsidy pages for city staff', () => {
  let t: TestApp;
  let staff: { cookie: string; email: string };
  let w: SubsidyWorld;
  let form: { cookie: string; token: string };
  /** FY2086, set up through the page by the programme test (100,000 yen). */
  let smallProgramId: string;

  const page = (path: string, cookie = staff.cookie) => t.http.get(path).set('Accept', HTML).set('Cookie', cookie);
  const post = (path: string, body: Record<string, string | string[]>) => {
    const params = new URLSearchParams({ _csrf: form.token });
    for (const [k, v] of Object.entries(body)) for (const one of ([] as string[]).concat(v)) params.append(k, one);
    return t.http.post(path).type('form').set('Accept', HTML).set('Cookie', form.cookie).send(params.toString());
  };
  const api = (path: string, cookie = staff.cookie) => t.http.get(path).set('Cookie', cookie);
  /** The confirmation step's hidden fields, posted back by its final button. */
  const hidden = (html: string) => Object.fromEntries([...html.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].filter((m) => m[1] !== '_csrf').map((m) => [m[1]!, m[2]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')]));

  beforeAll(async () => {
    t = await startTestApp();
    staff = await signedInAs(t, 'city_staff');
    w = await subsidyWorld(t, staff.cookie, 2085);
    form = await withFormToken(t, staff.cookie, '/staff/subsidies');
  }, 60_000);
  afterAll(() => t.close());

  it('approves through the confirmation step: the amount pre-filled, the question asked, then the ledger moves', async () => {
    const a = await w.submitted();
    const review = await page(`/staff/subsidies/applications/${a.id}`).expect(200);
    expect(review.text).toContain('id="approve-amount_yen" name="amount_yen" type="number" min="1" max="75000" step="1" inputmode="numeric" value="75000"');
    const step = await post(`/staff/subsidies/applications/${a.id}/approve`, { amount_yen: '75000', reason: '' }).expect(200);
    expect(step.text).toContain('以下の内容で交付決定します。よろしいですか？');
    expect(step.text).toContain('75,000円');
    expect(step.text).toContain('>交付決定する</button>');
    // Nothing happened yet.
    expect((await api(`/api/v1/subsidy-applications/${a.id}`).expect(200)).body.state).toBe('submitted');
    const fields = hidden(step.text);
    expect(fields).toMatchObject({ amount_yen: '75000', step: 'final' });
    const done = await post(`/staff/subsidies/applications/${a.id}/approve`, fields).expect(303);
    expect(done.headers.location).toBe(`/staff/subsidies/applications/${a.id}?done=approve`);
    // The same final button pressed twice (a double click) acts once.
    await post(`/staff/subsidies/applications/${a.id}/approve`, fields).expect(303);
    const after = await page(done.headers.location!).expect(200);
    expect(after.text).toContain('交付決定しました。');
    expect(after.text).toContain('data-state="approved"');
    expect(after.text).toMatch(/<ul class="plain-list" data-notices>\s*<li>(<a href="\/api\/v1\/subsidy-notices\/[0-9a-f-]{36}\/pdf">)?交付決定通知書 旭女活第\d+号/);
    expect(after.text).toMatch(/<th scope="row" class="table__nowrap">\d{4}-\d\d-\d\d \d\d:\d\d<\/th><td data-label="操作した人">[^<]*@example\.jp<br><span class="field__hint">市の担当職員<\/span><\/td><td data-label="操作">交付決定/);
    const ledger = (await api(`/api/v1/subsidy-programs/${w.programId}/ledger`).expect(200)).body;
    expect(ledger.committed_yen).toBe(75_000);
  });

  it('offers a failed notice to be made again, and queues it with its number kept', async () => {
    const a = await w.submitted();
    const step = await post(`/staff/subsidies/applications/${a.id}/approve`, { amount_yen: '75000', reason: '' }).expect(200);
    await post(`/staff/subsidies/applications/${a.id}/approve`, hidden(step.text)).expect(303);
    const [notice] = (await api(`/api/v1/subsidy-applications/${a.id}/notices`).expect(200)).body as { id: string; number: string }[];
    // As if every render had failed (no worker runs in this suite).
    await w.db.query(`UPDATE subsidy_notices SET status = 'failed', error = 'Chromium crashed' WHERE id = $1`, [notice!.id]);
    const review = await page(`/staff/subsidies/applications/${a.id}`).expect(200);
    expect(review.text).toContain('（作成に失敗）');
    expect(review.text).toContain(`action="/staff/subsidies/applications/${a.id}/notices/${notice!.id}/render"`);
    const done = await post(`/staff/subsidies/applications/${a.id}/notices/${notice!.id}/render`, {}).expect(303);
    expect(done.headers.location).toBe(`/staff/subsidies/applications/${a.id}?done=notice-render`);
    expect((await page(done.headers.location!).expect(200)).text).toContain('通知書をもう一度作成しています。');
    const [after] = (await api(`/api/v1/subsidy-applications/${a.id}/notices`).expect(200)).body as { status: string; number: string }[];
    // Queued again (another suite's worker on the shared queue may already be rendering it).
    expect(after!.number).toBe(notice!.number);
    expect(['queued', 'rendering', 'done']).toContain(after!.status);
  });

  it('refuses a lower amount without a reason, and a higher one, beside the field (422), in English too', async () => {
    const a = await w.submitted();
    const lower = await post(`/staff/subsidies/applications/${a.id}/approve`, { amount_yen: '50000', reason: '' }).expect(422);
    expect(lower.text).toContain('<p class="field__error" id="approve-reason-error">交付申請額より低くする理由を入力してください</p>');
    expect(lower.text).toContain('<a href="#approve-reason">');
    expect(lower.text).toContain('value="50000"');
    const higher = await post(`/staff/subsidies/applications/${a.id}/approve?lang=en`, { amount_yen: '80000', reason: '' }).expect(422);
    expect(higher.text).toContain('id="approve-amount_yen-error">The amount must not exceed the computed 75,000 yen</p>');
    const lowered = await post(`/staff/subsidies/applications/${a.id}/approve`, { amount_yen: '50000', reason: '見積の一部が対象外' }).expect(200);
    expect(lowered.text).toContain('見積の一部が対象外');
  });

  it('sets up a programme with every setting: defaults filled in, errors beside the fields, a taken year refused', async () => {
    const blank = await page('/staff/subsidies/programs/new').expect(200);
    expect(blank.text).toContain('name="max_price_per_session_yen" type="text" value="15000"');
    expect(blank.text).toContain('<option value="1000" selected>千円未満切捨て</option>');
    const bad = await post('/staff/subsidies/programs', { fiscal_year: '2086', budget_yen: '', rate_numerator: '3', rate_denominator: '2', cap_per_company_yen: '300000', max_price_per_session_yen: '15000', min_minutes_per_session: '30', max_sessions_per_employee: '3', rounding_yen: '1000', opens_on: '2086-04-01', closes_on: '2086-12-28', notice_number_format: '旭女活第号' }).expect(422);
    expect(bad.text).toContain('<p class="field__error" id="budget_yen-error">予算額を入力してください</p>');
    expect(bad.text).toContain('<p class="field__error" id="notice_number_format-error">通知番号の書式には {n} を1つ含めてください（例：旭女活第{n}号）</p>');
    const rate = await post('/staff/subsidies/programs', { fiscal_year: '2086', budget_yen: '１，０００，０００', rate_numerator: '3', rate_denominator: '2', cap_per_company_yen: '300000', max_price_per_session_yen: '15000', min_minutes_per_session: '30', max_sessions_per_employee: '3', rounding_yen: '1000', opens_on: '2086-04-01', closes_on: '2086-12-28' }).expect(422);
    expect(rate.text).toContain('id="rate_numerator-error">補助率が100%を超えています（分子が分母より大きい）</p>');
    const ok = await post('/staff/subsidies/programs', { fiscal_year: '2086', budget_yen: '１００，０００', rate_numerator: '1', rate_denominator: '2', cap_per_company_yen: '100000', max_price_per_session_yen: '15000', min_minutes_per_session: '30', max_sessions_per_employee: '3', rounding_yen: '1000', opens_on: '2086-04-01', closes_on: '2086-12-28' }).expect(303);
    smallProgramId = /[0-9a-f-]{36}/.exec(ok.headers.location!)![0];
    const shown = await page(ok.headers.location!).expect(200);
    expect(shown.text).toContain('補助事業を登録しました。');
    expect(shown.text).toContain('<dd data-ledger="budget">100,000円</dd>');
    const taken = await post('/staff/subsidies/programs', { fiscal_year: '2086', budget_yen: '1000000', rate_numerator: '1', rate_denominator: '2', cap_per_company_yen: '300000', max_price_per_session_yen: '15000', min_minutes_per_session: '30', max_sessions_per_employee: '3', rounding_yen: '1000', opens_on: '2086-04-01', closes_on: '2086-12-28' }).expect(409);
    expect(taken.text).toContain('id="fiscal_year-error">この年度の補助事業はすでに登録されています</p>');
  });

  it('shows the budget exceeded on the page, beside the amount, with what is left (409)', async () => {
    // The programme the previous test set up through the page: 100,000 yen.
    const small = await subsidyWorld(t, staff.cookie, 2086, 100_000, smallProgramId);
    const first = await small.submitted();
    const second = await small.submitted();
    await t.http.post(`/api/v1/subsidy-applications/${first.id}/approve`).set('Cookie', staff.cookie).send({ amount_yen: 75_000 }).expect(200);
    const step = await post(`/staff/subsidies/applications/${second.id}/approve`, { amount_yen: '75000' }).expect(200);
    const refused = await post(`/staff/subsidies/applications/${second.id}/approve`, hidden(step.text)).expect(409);
    expect(refused.text).toContain('<p class="field__error" id="approve-amount_yen-error">予算の残額（25,000円）を超えるため交付決定できません。');
    expect(refused.text).toContain('aria-invalid="true"');
    expect((await api(`/api/v1/subsidy-applications/${second.id}`).expect(200)).body.state).toBe('submitted');
    // The dashboard of that year: the gauge in figures.
    const dash = await page(`/staff/subsidies?program=${small.programId}`).expect(200);
    expect(dash.text).toContain('<dd data-ledger="committed">75,000円</dd>');
    expect(dash.text).toContain('<dd data-ledger="available">25,000円</dd>');
    expect(dash.text).toContain('<meter class="visually-hidden" id="budget-meter" min="0" max="100000" value="75000">');
  });

  it('returns with a comment per field: the company gets return_fields, and after her correction staff see what changed', async () => {
    const a = await w.submitted();
    const missing = await post(`/staff/subsidies/applications/${a.id}/return`, { comment: '見積書と単価を確認してください', fields: ['price_per_session_yen', 'quote'], comment_price_per_session_yen: '単価が見積書と違います', comment_quote: '' }).expect(422);
    expect(missing.text).toContain('id="return-comment_quote-error">チェックした項目には、何を直すかを書いてください</p>');
    const step = await post(`/staff/subsidies/applications/${a.id}/return`, { comment: '見積書と単価を確認してください', fields: ['price_per_session_yen', 'quote'], comment_price_per_session_yen: '単価が見積書と違います', comment_quote: '税込の見積書にしてください' }).expect(200);
    expect(step.text).toContain('以下の内容で差し戻します。よろしいですか？');
    const params = new URLSearchParams({ _csrf: form.token });
    for (const m of step.text.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)) if (m[1] !== '_csrf') params.append(m[1]!, m[2]!);
    await t.http.post(`/staff/subsidies/applications/${a.id}/return`).type('form').set('Accept', HTML).set('Cookie', form.cookie).send(params.toString()).expect(303);
    const company = (await api(`/api/v1/subsidy-applications/${a.id}`, a.manager).expect(200)).body;
    expect(company.state).toBe('returned');
    expect(company.return_fields).toEqual([{ field: 'price_per_session_yen', comment: '単価が見積書と違います' }, { field: 'quote', comment: '税込の見積書にしてください' }]);

    await t.http.patch(`/api/v1/subsidy-applications/${a.id}`).set('Cookie', a.manager).send({ price_per_session_yen: 12000 }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${a.id}/files?kind=quote&name=quote2.pdf`).set('Cookie', a.manager).set('Content-Type', 'application/pdf').send(TINY_PDF);
    await t.http.post(`/api/v1/subsidy-applications/${a.id}/submit`).set('Cookie', a.manager).expect(200);
    const review = await page(`/staff/subsidies/applications/${a.id}`).expect(200);
    expect(review.text).toContain('差戻し後に変わった項目');
    expect(review.text).toMatch(/<tr><th scope="row">1回あたりの費用（円・税込）<\/th><td><del>15,000円<\/del><\/td><td><ins>12,000円<\/ins><\/td><\/tr>/);
    expect(review.text).toContain('data-changed="price_per_session_yen">12,000円 <span class="subsidy-plan__before">（前回：15,000円）</span>');
    expect(review.text).toContain('<td data-label="操作">差戻し<br><span class="field__hint">審査中 → 差戻し（修正待ち）</span></td>');
    expect(review.text).toContain('修正を求めた項目: 1回あたりの費用（円・税込）、見積書');
  });

  it('filters the queue by state, programme, waiting days and overdue; oldest first; a bad filter beside its field', async () => {
    const older = await w.submitted();
    const newer = await w.submitted();
    await w.db.query(`UPDATE subsidy_applications SET submitted_at = now() - interval '20 days' WHERE id = $1`, [older.id]);
    const all = await page(`/staff/subsidies/applications?program_id=${w.programId}&state=submitted`).expect(200);
    expect(all.text.indexOf(older.id)).toBeGreaterThan(0);
    expect(all.text.indexOf(older.id)).toBeLessThan(all.text.indexOf(newer.id));
    const waiting = await page(`/staff/subsidies/applications?program_id=${w.programId}&state=submitted&older_than_days=14`).expect(200);
    expect(waiting.text).toContain(older.id);
    expect(waiting.text).not.toContain(newer.id);
    // Approved with its report past due: the overdue filter and the dashboard's list.
    await t.http.post(`/api/v1/subsidy-applications/${newer.id}/approve`).set('Cookie', staff.cookie).send({ amount_yen: 75_000 }).expect(200);
    // Three days before today in the city (the pages count days in Asia/Tokyo; the database's current_date is UTC's).
    await w.db.query(`UPDATE subsidy_applications SET report_due_on = (now() AT TIME ZONE 'Asia/Tokyo')::date - 3 WHERE id = $1`, [newer.id]);
    const overdue = await page(`/staff/subsidies/applications?program_id=${w.programId}&state=&overdue=true`).expect(200);
    expect(overdue.text).toContain(newer.id);
    expect(overdue.text).not.toContain(older.id);
    const dash = await page(`/staff/subsidies?program=${w.programId}`).expect(200);
    expect(dash.text).toMatch(new RegExp(`<li class="subsidy-due subsidy-due--late"><a href="/staff/subsidies/applications/${newer.id}">[^<]+</a> <span>期限 \\d{4}-\\d\\d-\\d\\d（3日超過）</span>`));
    expect(dash.text).toMatch(/<tr data-state="submitted">\s*<th scope="row"><a href="\/staff\/subsidies\/applications\?program_id&#x3D;[0-9a-f-]{36}&amp;state&#x3D;submitted">審査中<\/a><\/th>\s*<td class="subsidy-num">\d+<\/td>/);
    expect(dash.text).toContain('data-decision-time');
    const bad = await page('/staff/subsidies/applications?older_than_days=abc').expect(422);
    expect(bad.text).toContain('<p class="field__error" id="older_than_days-error">待ち日数は0〜3650の整数で入力してください</p>');
  });

  it('reports, publishes the case story, confirms with the preview, records the payment; CSVs add up; the public page shows only published stories', async () => {
    const a = await w.submitted();
    const pending = await w.submitted();
    for (const x of [a, pending]) {
      await t.http.post(`/api/v1/subsidy-applications/${x.id}/approve`).set('Cookie', staff.cookie).send({ amount_yen: 75_000 }).expect(200);
      await t.http.post(`/api/v1/subsidy-applications/${x.id}/files?kind=invoice&name=invoice.pdf`).set('Cookie', x.manager).set('Content-Type', 'application/pdf').send(TINY_PDF);
    }
    await t.http.post(`/api/v1/subsidy-applications/${a.id}/report`).set('Cookie', a.manager).send({ sessions_held: 8, actual_cost_yen: 120_000, case_story: '復職した社員との面談で、\n\n短時間勤務の悩みが早く分かりました。', publish_case_story: true }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${pending.id}/report`).set('Cookie', pending.manager).send({ sessions_held: 10, actual_cost_yen: 150_000, case_story: 'まだ公表しない話', publish_case_story: true }).expect(200);

    const before = await t.http.get('/case-stories').set('Accept', HTML).expect(200);
    expect(before.text).not.toContain('短時間勤務の悩み');
    await post(`/staff/subsidies/applications/${a.id}/case-story`, { decision: 'publish' }).expect(303);
    const stories = await t.http.get('/case-stories').set('Accept', HTML).expect(200);
    expect(stories.text).toContain('<p>短時間勤務の悩みが早く分かりました。</p>');
    expect(stories.text).toContain('製造業・2085年度');
    expect(stories.text).not.toContain('まだ公表しない話');
    expect((await t.http.get('/case-stories?lang=en').set('Accept', HTML).expect(200)).text).toContain('Manufacturing・FY2085');

    // 8 sessions × 15,000 = 120,000 → 60,000 confirmed, 15,000 back to the budget.
    const review = await page(`/staff/subsidies/applications/${a.id}`).expect(200);
    expect(review.text).toContain('確定すると額は 60,000円 になり、15,000円 が予算に戻ります。');
    const step = await post(`/staff/subsidies/applications/${a.id}/confirm`, {}).expect(200);
    expect(step.text).toContain('以下の額で確定します。よろしいですか？');
    await post(`/staff/subsidies/applications/${a.id}/confirm`, hidden(step.text)).expect(303);
    await t.http.post(`/api/v1/subsidy-applications/${a.id}/claim`).set('Cookie', a.manager).send({ bank_name: '北洋銀行', branch_name: '旭川中央支店', account_type: 'ordinary', account_number: '1234567', account_holder_kana: 'カ）テストセイサクシヨ' }).expect(200);
    const future = await post(`/staff/subsidies/applications/${a.id}/pay`, { paid_on: '2999-01-01' }).expect(200);
    const refused = await post(`/staff/subsidies/applications/${a.id}/pay`, hidden(future.text)).expect(422);
    expect(refused.text).toMatch(/id="pay-paid_on-error">\d{4}-\d\d-\d\d 以前の日付を入力してください/);
    const payStep = await post(`/staff/subsidies/applications/${a.id}/pay`, { paid_on: (await api(`/api/v1/subsidy-programs/${w.programId}/dashboard`).expect(200)).body.today }).expect(200);
    expect(payStep.text).toContain('北洋銀行 旭川中央支店');
    await post(`/staff/subsidies/applications/${a.id}/pay`, hidden(payStep.text)).expect(303);
    expect((await api(`/api/v1/subsidy-applications/${a.id}`).expect(200)).body.state).toBe('paid');

    const ledger = (await api(`/api/v1/subsidy-programs/${w.programId}/ledger`).expect(200)).body;
    expect(ledger.paid_yen).toBe(60_000);
    const csv = await api(`/api/v1/subsidy-programs/${w.programId}/ledger.csv`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="subsidy-ledger-FY2085.csv"; filename*=UTF-8''${encodeURIComponent('予算執行簿_2085年度.csv')}`);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.headers['x-ledger-reconciles']).toBe('true');
    const lines = csv.text.slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('日時,処理,申請ID,事業者名,通知番号,交付決定額の増減,確定額の増減,支払額,交付決定済み（未確定）,確定済み（未払）,支払済み,残額');
    expect(lines[1]).toBe(',予算,,,,,,,0,0,0,3000000');
    const totals = lines.at(-1)!.split(',');
    expect(totals[0]).toBe('合計');
    expect(totals.slice(8).map(Number)).toEqual([ledger.committed_yen, ledger.confirmed_yen, ledger.paid_yen, ledger.available_yen]);
    // The running totals of the last movement are the totals.
    expect(lines.at(-2)!.split(',').slice(8)).toEqual(totals.slice(8));
    expect(lines.some((l) => /^\d{4}\/\d\d\/\d\d \d\d:\d\d,支払,/.test(l) && l.includes(',0,-60000,60000,'))).toBe(true);

    const apps = await api(`/api/v1/subsidy-programs/${w.programId}/applications.csv`).expect(200);
    expect(apps.text.charCodeAt(0)).toBe(0xfeff);
    expect(apps.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('交付申請一覧_2085年度.csv')}`);
    const row = apps.text.split('\r\n').find((l) => l.startsWith(a.id))!.split(',');
    expect(row.slice(3, 13)).toEqual(['製造業', '支払済み', '5', '2', '60', '15000', '150000', '75000', '75000', '60000']);
    expect(row[19]).toMatch(/^\d{4}\/\d\d\/\d\d$/);
  });

  it('rejects with a reason and decides a change request with the old and new plan side by side', async () => {
    const a = await w.submitted();
    const empty = await post(`/staff/subsidies/applications/${a.id}/reject`, { reason: '  ' }).expect(422);
    expect(empty.text).toContain('<p class="field__error" id="reject-reason-error">理由を入力してください</p>');
    expect(empty.text).toMatch(/<details class="subsidy-action subsidy-action--folded" open>\s*<summary><h3>不交付にする<\/h3>/);
    const step = await post(`/staff/subsidies/applications/${a.id}/reject`, { reason: '市外の事業所での実施のため' }).expect(200);
    expect(step.text).toContain('以下の理由で不交付決定します。よろしいですか？');
    await post(`/staff/subsidies/applications/${a.id}/reject`, hidden(step.text)).expect(303);
    expect((await api(`/api/v1/subsidy-applications/${a.id}`).expect(200)).body).toMatchObject({ state: 'rejected', decision_reason: '市外の事業所での実施のため' });

    const b = await w.submitted();
    await t.http.post(`/api/v1/subsidy-applications/${b.id}/approve`).set('Cookie', staff.cookie).send({ amount_yen: 75_000 }).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${b.id}/change-request`).set('Cookie', b.manager).send({ employees: 6, reason: '対象者が1名増えました' }).expect(200);
    const review = await page(`/staff/subsidies/applications/${b.id}`).expect(200);
    expect(review.text).toContain('変更の理由：対象者が1名増えました');
    expect(review.text).toMatch(/<tr class="subsidy-row--changed"><th scope="row">面談する従業員数<\/th><td>5<\/td><td><strong>6<\/strong><\/td><\/tr>/);
    expect(review.text).toContain('id="approve-change-amount_yen" name="amount_yen" type="number" min="0" max="90000" step="1" inputmode="numeric" value="90000"');
    const change = await post(`/staff/subsidies/applications/${b.id}/approve-change`, { amount_yen: '90000', reason: '' }).expect(200);
    expect(change.text).toContain('以下の内容で変更を承認します。よろしいですか？');
    await post(`/staff/subsidies/applications/${b.id}/approve-change`, hidden(change.text)).expect(303);
    expect((await api(`/api/v1/subsidy-applications/${b.id}`).expect(200)).body).toMatchObject({ approved_yen: 90_000, pending_change: null });
    const dashboard = (await api(`/api/v1/subsidy-programs/${w.programId}/dashboard`).expect(200)).body;
    expect(dashboard.counts.rejected).toBeGreaterThanOrEqual(1);
    expect(dashboard.decision_days.decided).toBeGreaterThanOrEqual(2);
    expect(dashboard.decision_days.median).toBeGreaterThanOrEqual(0);
    expect(dashboard.ledger.available_yen).toBe(dashboard.ledger.budget_yen - dashboard.ledger.committed_yen - dashboard.ledger.confirmed_yen - dashboard.ledger.paid_yen);
  });

  it('keeps staff pages and CSVs from managers (403) and lets anyone read the case stories', async () => {
    const a = await w.submitted();
    for (const path of ['/staff/subsidies', '/staff/subsidies/applications', `/staff/subsidies/applications/${a.id}`, '/staff/subsidies/programs/new']) {
      await page(path, a.manager).expect(403);
    }
    await api(`/api/v1/subsidy-programs/${w.programId}/applications.csv`, a.manager).expect(403);
    await api(`/api/v1/subsidy-programs/${w.programId}/ledger.csv`, a.manager).expect(403);
    await api(`/api/v1/subsidy-programs/${w.programId}/dashboard`, a.manager).expect(403);
    const anonymous = await t.http.get('/case-stories').set('Accept', HTML).expect(200);
    expect(anonymous.text).toContain('<a href="/case-stories" aria-current="page">活用事例</a>');
    const nav = await page('/staff/subsidies').expect(200);
    expect(nav.text).toContain('<a href="/staff/subsidies" aria-current="page">補助金</a>');
  });

});
