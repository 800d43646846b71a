import { DataSource } from 'typeorm';
import { signedInAs, startTestApp, withFormToken, registeredCompany, login, type TestApp } from '../support/test-app.js';
import { attachQuote, completePlan, draftOf, PDF, subsidyWorld, type SubsidyWorld } from '../support/subsidy-company.js';

const HTML = 'text/html,application/xhtml+xml';
/** This suite's fiscal year. */
const FY = 2080;

/** The text of the error shown beside a field (its id-error paragraph), or undefined. */
const errorBeside = (html: string, id: string) => new RegExp(`<p class="field__error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];

/**
 * The company manager's subsidy pages without script: the list with the programme's terms, the
 * 交付申請 form (save, submit, errors beside the fields in both languages, staff's comments beside
 * the returned fields), the status page with her next actions, and the refusals (another company's
 * application is not found, a counsellor is refused).
 */
describe('subsidy pages for company managers (server-rendered)', () => {
  let t: TestApp;
  let w: SubsidyWorld;
  let form: { cookie: string; token: string };

  const page = (path: string, cookie: string) => t.http.get(path).set('Accept', HTML).set('Cookie', cookie);
  const post = (path: string, f: { cookie: string; token: string }, body: Record<string, string>) =>
    t.http.post(path).type('form').set('Accept', HTML).set('Cookie', f.cookie).send({ _csrf: f.token, ...body });
  const revisionOf = async (id: string) => (await t.http.get(`/api/v1/subsidy-applications/${id}`).set('Cookie', w.manager).expect(200)).body.revision as number;

  beforeAll(async () => {
    t = await startTestApp();
    w = await subsidyWorld(t, FY);
    form = await withFormToken(t, w.manager, '/subsidies');
  }, 60_000);
  afterAll(() => t?.close());

  it('shows the open programme in plain words and starts a draft from its button', async () => {
    const res = await page('/subsidies', w.manager).expect(200);
    expect(res.text).toContain('<a href="/subsidies" aria-current="page">補助金</a>');
    expect(res.text).toContain('費用の 1/2');
    expect(res.text).toContain('15,000 円まで');
    expect(res.text).toContain('1対1で 30 分以上');
    expect(res.text).toContain('予算に残りがあります');
    const home = await page('/', w.manager).expect(200);
    expect(home.text).toContain('<a href="/subsidies">補助金の申請</a>');
    expect((await page('/subsidies?lang=en', w.manager)).text).toContain('<a href="/subsidies" aria-current="page">Subsidy</a>');
    expect(res.text).toContain(`<input type="hidden" name="program_id" value="${w.programId}">`);
    const created = await post('/subsidies/applications', form, { form_key: '00000000-0000-4000-8000-000000000001', program_id: w.programId }).expect(303);
    expect(created.headers.location).toMatch(/^\/subsidies\/applications\/[0-9a-f-]{36}\/edit$/);
    const draftId = /applications\/([0-9a-f-]{36})\/edit$/.exec(created.headers.location!)![1];
    expect((await t.app.get(DataSource).query(`SELECT program_id FROM subsidy_applications WHERE id = $1`, [draftId]))[0].program_id).toBe(w.programId);
    const edit = await page(created.headers.location!, w.manager).expect(200);
    expect(edit.text).toContain('<h1>交付申請書</h1>');
    const list = await page('/subsidies', w.manager).expect(200);
    expect(list.text).toContain('申請書を入力して「申請する」を押してください。');
    expect(list.text).toContain(`href="${created.headers.location}"`);
  });

  it('saves the form without script and shows the figures with the rules that made them', async () => {
    const id = await draftOf(t, w);
    const plan = completePlan(FY);
    const res = await post(`/subsidies/applications/${id}/edit`, form, {
      revision: String(await revisionOf(id)), intent: 'save',
      employees: '５', sessions_per_employee: '2', minutes_per_session: '45', price_per_session_yen: '16,500', target: 'childcare_return',
      consultant_name: String(plan.consultant_name), consultant_registration_no: '１６０１２３４５', period_start: `${FY}-06-01`, period_end: `${FY}-09-30`, no_other_subsidy: 'true',
    }).expect(303);
    expect(res.headers.location).toBe(`/subsidies/applications/${id}/edit?saved=1`);
    const edit = await page(res.headers.location!, w.manager).expect(200);
    expect(edit.text).toContain('一時保存しました。');
    expect(edit.text).toContain('id="employees" name="employees" type="text" value="5"');
    expect(edit.text).toMatch(/id="target-childcare_return" name="target" value="childcare_return" checked/);
    expect(edit.text).toContain('value="16012345"');
    // 10 sessions × min(16,500, 15,000) = 150,000; × 1/2 = 75,000.
    expect(edit.text).toContain('<span class="subsidy-figures__amount" data-eligible>150,000 円</span>');
    expect(edit.text).toContain('data-requested>75,000 円</span>');
    expect(edit.text).toContain('<li data-rule="price_cap">1回あたりの費用は上限 15,000 円までが対象です → 15,000 円</li>');
    expect(edit.text).toContain('<li data-rule="rate">補助率 1/2 を掛けます → 75,000 円</li>');
    const saved = (await t.http.get(`/api/v1/subsidy-applications/${id}`).set('Cookie', w.manager).expect(200)).body;
    expect(saved).toMatchObject({ employees: 5, price_per_session_yen: 16_500, requested_yen: 75_000, no_other_subsidy: true });
  });

  it('shows each refusal beside its field, in Japanese and in English', async () => {
    const id = await draftOf(t, w, { ...completePlan(FY), no_other_subsidy: false });
    const bad = await post(`/subsidies/applications/${id}/edit`, form, { revision: String(await revisionOf(id)), intent: 'save', employees: 'たくさん', minutes_per_session: '45' }).expect(422);
    expect(errorBeside(bad.text, 'employees')).toBe('面談する従業員数は 1〜10000 の整数で入力してください');
    expect(bad.text).toContain('value="たくさん"');
    expect(bad.text).toMatch(/id="employees" name="employees" type="text" value="たくさん" aria-invalid="true" aria-describedby="employees-hint employees-error"/);
    expect(bad.text).toContain('<a href="#employees">面談する従業員数は 1〜10000 の整数で入力してください</a>');

    // Submitting names what the service refuses: no quote, no declaration, sessions too short.
    const submit = await post(`/subsidies/applications/${id}/edit`, form, { revision: String(await revisionOf(id)), intent: 'submit', ...stringPlan({ ...completePlan(FY), minutes_per_session: 20, no_other_subsidy: '' }) }).expect(422);
    expect(errorBeside(submit.text, 'quote')).toBe('見積書をアップロードしてください');
    expect(errorBeside(submit.text, 'no_other_subsidy')).toBe('他の補助金を受けていないことを申告してください');
    expect(errorBeside(submit.text, 'minutes_per_session')).toBe('1回あたりの面談時間は 30 分以上にしてください（それより短い面談は対象外です）');
    expect((await t.http.get(`/api/v1/subsidy-applications/${id}`).set('Cookie', w.manager)).body.state).toBe('draft');

    const english = { cookie: `${form.cookie}; lang=en`, token: form.token };
    const en = await post(`/subsidies/applications/${id}/edit`, english, { revision: String(await revisionOf(id)), intent: 'submit', ...stringPlan({ ...completePlan(FY), minutes_per_session: 20, no_other_subsidy: '' }) }).expect(422);
    expect(en.text).toContain('<html lang="en">');
    expect(errorBeside(en.text, 'quote')).toBe('Upload the consultant&#x27;s quote');
    expect(errorBeside(en.text, 'minutes_per_session')).toBe('Sessions must last 30 minutes or longer to count');
    const enBad = await post(`/subsidies/applications/${id}/edit`, english, { revision: String(await revisionOf(id)), intent: 'save', employees: 'many' }).expect(422);
    expect(errorBeside(enBad.text, 'employees')).toBe('Employees must be a whole number from 1 to 10000');

    // A form opened before another save is refused, not merged.
    const stale = await post(`/subsidies/applications/${id}/edit`, form, { revision: '1', intent: 'save', employees: '3' }).expect(409);
    expect(stale.text).toContain('別の画面でこの申請書が新しく保存されています。ページを読み込み直してください。');
  });

  it('uploads the quote from the page, submits, and shows where it stands', async () => {
    const id = await draftOf(t, w, completePlan(FY));
    const noFile = await t.http.post(`/subsidies/applications/${id}/files`).set('Accept', HTML).set('Cookie', form.cookie)
      .field('_csrf', form.token).field('kind', 'quote').attach('file', Buffer.alloc(0), 'empty.pdf').expect(400);
    expect(errorBeside(noFile.text, 'quote')).toBe('見積書をアップロードしてください');
    const notPdf = await t.http.post(`/subsidies/applications/${id}/files`).set('Accept', HTML).set('Cookie', form.cookie)
      .field('_csrf', form.token).field('kind', 'quote').attach('file', Buffer.from('just text'), 'quote.pdf').expect(415);
    expect(errorBeside(notPdf.text, 'quote')).toBe('見積書は PDF・PNG・JPEG（10MBまで）にしてください');
    const up = await t.http.post(`/subsidies/applications/${id}/files`).set('Accept', HTML).set('Cookie', form.cookie)
      .field('_csrf', form.token).field('kind', 'quote').attach('file', PDF, '見積書.pdf').expect(303);
    expect(up.headers.location).toBe(`/subsidies/applications/${id}/edit?uploaded=1`);
    const edit = await page(up.headers.location!, w.manager).expect(200);
    expect(edit.text).toContain('見積書.pdf</a>');

    const submitted = await post(`/subsidies/applications/${id}/edit`, form, { revision: String(await revisionOf(id)), intent: 'submit', form_key: '00000000-0000-4000-8000-00000000a001', ...stringPlan(completePlan(FY)) }).expect(303);
    expect(submitted.headers.location).toBe(`/subsidies/applications/${id}?done=submit`);
    const show = await page(submitted.headers.location!, w.manager).expect(200);
    expect(show.text).toContain('申請しました。市の審査をお待ちください。');
    expect(show.text).toMatch(/<li class="subsidy-steps__item subsidy-steps__item--current" aria-current="step">\s*<span class="subsidy-steps__name">審査<\/span>/);
    expect(show.text).toContain('75,000 円');
    // A submitted application is read, not edited: its form leads back here.
    const again = await page(`/subsidies/applications/${id}/edit`, w.manager).expect(303);
    expect(again.headers.location).toBe(`/subsidies/applications/${id}`);
  });

  it('shows staff comments beside the returned fields and the general comment at the top', async () => {
    const id = await draftOf(t, w, completePlan(FY));
    await attachQuote(t, w, id);
    await t.http.post(`/api/v1/subsidy-applications/${id}/submit`).set('Cookie', w.manager).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${id}/return`).set('Cookie', w.staff).send({
      comment: '見積書の内容と申請書が一致していません。', fields: [{ field: 'price_per_session_yen', comment: '見積書では1回15,000円です' }, { field: 'quote', comment: '押印のある見積書をお願いします' }],
    }).expect(200);
    const edit = await page(`/subsidies/applications/${id}/edit`, w.manager).expect(200);
    expect(edit.text).toContain('市から修正の依頼があります');
    expect(edit.text).toContain('<strong>市からのコメント:</strong> 見積書の内容と申請書が一致していません。');
    expect(edit.text).toContain('<p class="field__returned" id="price_per_session_yen-returned"><strong>市からのコメント:</strong> 見積書では1回15,000円です</p>');
    expect(edit.text).toContain('<p class="field__returned" id="quote-returned"><strong>市からのコメント:</strong> 押印のある見積書をお願いします</p>');
    expect(edit.text).toMatch(/id="price_per_session_yen"[^>]*aria-describedby="price_per_session_yen-hint price_per_session_yen-returned"/);
    expect(edit.text).not.toContain('id="employees-returned"');
    // She corrects and submits again from the page.
    await post(`/subsidies/applications/${id}/edit`, form, { revision: String(await revisionOf(id)), intent: 'submit', ...stringPlan({ ...completePlan(FY), price_per_session_yen: 15_000 }) }).expect(303);
    const changes = (await t.http.get(`/api/v1/subsidy-applications/${id}/changes`).set('Cookie', w.staff).expect(200)).body as { field: string }[];
    expect(changes.map((c) => c.field)).toContain('price_per_session_yen');
  });

  it('autosaves as JSON with the figures and rule lines in her language; a stale or signed-out save is refused', async () => {
    const id = await draftOf(t, w);
    const rev = await revisionOf(id);
    const save = (body: Record<string, unknown>, cookie = form.cookie) =>
      t.http.post(`/subsidies/applications/${id}/autosave`).set('Accept', 'application/json').set('Cookie', cookie).send({ _csrf: form.token, ...body });
    const res = await save({ revision: rev, employees: '4', sessions_per_employee: '3', minutes_per_session: '60', price_per_session_yen: '10000', consultant_name: '', no_other_subsidy: '' }).expect(200);
    // 12 sessions × 10,000 = 120,000 × 1/2 = 60,000.
    expect(res.body).toMatchObject({ revision: rev + 1, eligible_cost_yen: 120_000, requested_yen: 60_000, requested_text: '60,000 円', errors: [] });
    expect(res.body.steps).toEqual([{ rule: 'rate', text: '補助率 1/2 を掛けます', yen: '60,000', yen_text: '60,000 円' }]);
    expect(res.body.saved_at).toMatch(/^\d\d:\d\d に保存しました$/);
    // A half-typed number is named; the rest is saved.
    const partial = await save({ revision: rev + 1, employees: '4x', sessions_per_employee: '1', consultant_name: '佐藤' }, `${form.cookie}; lang=en`).expect(200);
    expect(partial.body.errors).toEqual([{ field: 'employees', text: 'Employees must be a whole number from 1 to 10000' }]);
    expect(partial.body.requested_yen).toBe(20_000);
    expect(partial.body.steps[0].text).toBe('Times the subsidy rate 1/2');
    // Emptying a figure clears it: the form shows no subsidy rather than an old one.
    const cleared = await save({ revision: rev + 2, price_per_session_yen: '' }).expect(200);
    expect(cleared.body).toMatchObject({ requested_yen: null, eligible_cost_yen: null, requested_text: null, steps: [] });
    expect((await t.http.get(`/api/v1/subsidy-applications/${id}`).set('Cookie', w.manager)).body).toMatchObject({ price_per_session_yen: null, employees: 4, consultant_name: '佐藤' });
    await save({ revision: rev, employees: '9' }).expect(409);
    const csrf = form.cookie.split('; ').find((c) => c.startsWith('hks_csrf='))!;
    await save({ revision: rev + 3, employees: '9' }, csrf).expect(401);
  });

  it('walks her next actions on the status page: report, claim (errors beside fields), notices, withdraw with a confirmation', async () => {
    const id = await draftOf(t, w, completePlan(FY));
    await attachQuote(t, w, id);
    await t.http.post(`/api/v1/subsidy-applications/${id}/submit`).set('Cookie', w.manager).expect(200);
    await t.http.post(`/api/v1/subsidy-applications/${id}/approve`).set('Cookie', w.staff).send({ amount_yen: 75_000 }).expect(200);

    // Past its due date the report is flagged (not refused), on the card and on the page.
    await t.app.get(DataSource).query(`UPDATE subsidy_applications SET report_due_on = (now() AT TIME ZONE 'Asia/Tokyo')::date - 1 WHERE id = $1`, [id]);
    const card = /<li class="subsidy-card" data-application="([^"]+)"[\s\S]*?<\/li>\s*(?=<li class="subsidy-card"|<\/ul>)/g;
    const cards = [...(await page('/subsidies', w.manager)).text.matchAll(card)];
    expect(cards.find((c) => c[1] === id)?.[0]).toContain('<span class="badge badge--overdue">期限を過ぎています</span>');
    const approved = await page(`/subsidies/applications/${id}`, w.manager).expect(200);
    expect(approved.text).toMatch(/<dt>実績報告の期限<\/dt><dd>[^<]+ <span class="badge badge--overdue">期限を過ぎています<\/span>/);
    expect(approved.text).toContain('<li data-rule="rate">補助率 1/2 を掛けます → 75,000 円</li>');
    expect(approved.text).toContain(`data-subsidy-submitted="${id}"`);
    expect(approved.text).toContain('実績報告をする');
    expect(approved.text).toContain('変更承認申請');
    expect(approved.text).toMatch(/<li data-notice="decision">[\s\S]*交付決定通知書（旭女活第\d+号） <span class="badge badge--draft">作成中<\/span>/);

    // 変更承認申請: the reason is required; while it waits, the report form is not offered.
    const noReason = await post(`/subsidies/applications/${id}/change-request`, form, { employees: '6', reason: '' }).expect(422);
    expect(errorBeside(noReason.text, 'reason')).toBe('変更の理由を書いてください');
    expect(noReason.text).toContain('<details class="disclosure" open>');
    await post(`/subsidies/applications/${id}/change-request`, form, { employees: '6', reason: '希望者が増えたため' }).expect(303).expect('Location', `/subsidies/applications/${id}?done=change-request`);
    const pending = await page(`/subsidies/applications/${id}`, w.manager).expect(200);
    expect(pending.text).toContain('変更承認申請の審査中です（新しい申請額 90,000 円）。');
    expect(pending.text).not.toContain('action="/subsidies/applications/' + id + '/report"');
    await t.http.post(`/api/v1/subsidy-applications/${id}/refuse-change`).set('Cookie', w.staff).send({ reason: '予算の都合' }).expect(200);

    const noReceipt = await post(`/subsidies/applications/${id}/report`, form, { sessions_held: '9', actual_cost_yen: '148,500' }).expect(422);
    expect(noReceipt.text).toContain('<p class="field__error" id="invoices">請求書か領収書をアップロードしてください</p>');
    expect(noReceipt.text).toContain('value="148,500"');
    const badReport = await post(`/subsidies/applications/${id}/report`, form, { sessions_held: 'nine', actual_cost_yen: '' }).expect(422);
    expect(errorBeside(badReport.text, 'sessions_held')).toBe('実施した面談回数は0以上の整数で入力してください');
    expect(errorBeside(badReport.text, 'actual_cost_yen')).toBe('実際にかかった費用を入力してください');

    await t.http.post(`/subsidies/applications/${id}/files`).set('Accept', HTML).set('Cookie', form.cookie)
      .field('_csrf', form.token).field('kind', 'receipt').attach('file', PDF, '領収書.pdf').expect(303);
    const reported = await post(`/subsidies/applications/${id}/report`, form, { sessions_held: '9', actual_cost_yen: '148,500', case_story: '復職した社員が前向きになりました。', publish_case_story: 'true' }).expect(303);
    expect(reported.headers.location).toBe(`/subsidies/applications/${id}?done=report`);
    expect((await page(reported.headers.location!, w.manager)).text).toContain('実績報告をしました。');

    await t.http.post(`/api/v1/subsidy-applications/${id}/confirm`).set('Cookie', w.staff).expect(200);
    const confirmed = await page(`/subsidies/applications/${id}`, w.manager).expect(200);
    expect(confirmed.text).toContain('確定した補助額 67,000 円を、次の口座に振り込むよう請求します。');
    const badClaim = await post(`/subsidies/applications/${id}/claim`, form, { bank_name: '北洋銀行', branch_name: '旭川中央支店', account_type: 'ordinary', account_number: '12345', account_holder_kana: 'テスト製作所' }).expect(422);
    expect(errorBeside(badClaim.text, 'account_number')).toBe('口座番号は7桁の数字で入力してください');
    expect(errorBeside(badClaim.text, 'account_holder_kana')).toBe('口座名義はカタカナで入力してください');
    expect(badClaim.text).toContain('value="北洋銀行"');
    await post(`/subsidies/applications/${id}/claim`, form, { bank_name: '北洋銀行', branch_name: '旭川中央支店', account_type: 'ordinary', account_number: '１２３４５６７', account_holder_kana: 'カ）テストセイサクシヨ' }).expect(303);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    await t.http.post(`/api/v1/subsidy-applications/${id}/pay`).set('Cookie', w.staff).send({ paid_on: today }).expect(200);
    expect((await page(`/subsidies/applications/${id}`, w.manager)).text).toContain('支払が完了しました。');

    // The worker makes the PDFs; once made, both notices are download links.
    const db = t.app.get(DataSource);
    await db.query(`INSERT INTO subsidy_notice_pdfs (notice_id, pdf) SELECT id, $2 FROM subsidy_notices WHERE application_id = $1`, [id, PDF]);
    await db.query(`UPDATE subsidy_notices SET status = 'done', sha256 = encode(sha256($2), 'hex'), bytes = $3 WHERE application_id = $1`, [id, PDF, PDF.length]);
    const done = await page(`/subsidies/applications/${id}`, w.manager).expect(200);
    const links = [...done.text.matchAll(/<a href="(\/api\/v1\/subsidy-notices\/[0-9a-f-]{36}\/pdf)" download>([^<]+)<\/a>/g)];
    expect(links.map((l) => l[2])).toEqual([expect.stringMatching(/^交付決定通知書（旭女活第\d+号）をダウンロード$/), expect.stringMatching(/^額確定通知書（旭女活第\d+号）をダウンロード$/)]);
    // She downloads both from her page's links.
    for (const [, href] of links) {
      const pdf = await t.http.get(href!).set('Cookie', w.manager).buffer(true).expect(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
    }

    // 取下げ asks first, without script: the button leads to a question, only its own post withdraws.
    const other = await draftOf(t, w);
    const ask = await page(`/subsidies/applications/${other}/withdraw`, w.manager).expect(200);
    expect(ask.text).toContain('本当に取り下げますか？');
    expect(ask.text).toContain('取り下げると元に戻せません。');
    await post(`/subsidies/applications/${other}/withdraw`, form, {}).expect(303).expect('Location', `/subsidies/applications/${other}/withdraw`);
    expect((await t.http.get(`/api/v1/subsidy-applications/${other}`).set('Cookie', w.manager)).body.state).toBe('draft');
    await post(`/subsidies/applications/${other}/withdraw`, form, { confirm: 'yes' }).expect(303).expect('Location', `/subsidies/applications/${other}?done=withdraw`);
    expect((await t.http.get(`/api/v1/subsidy-applications/${other}`).set('Cookie', w.manager)).body.state).toBe('withdrawn');
  });

  it('answers another company\'s application as not found and refuses a counsellor', async () => {
    const id = await draftOf(t, w, completePlan(FY));
    const rival = await registeredCompany(t, { verifiedBy: w.staff });
    const rivalManager = await login(t, rival.managerEmail);
    const rivalForm = await withFormToken(t, rivalManager, '/subsidies');
    for (const path of [`/subsidies/applications/${id}`, `/subsidies/applications/${id}/edit`, `/subsidies/applications/${id}/withdraw`]) {
      await page(path, rivalManager).expect(404);
    }
    await post(`/subsidies/applications/${id}/edit`, rivalForm, { intent: 'save', employees: '1' }).expect(404);
    await post(`/subsidies/applications/${id}/withdraw`, rivalForm, { confirm: 'yes' }).expect(404);
    await t.http.post(`/subsidies/applications/${id}/autosave`).set('Accept', 'application/json').set('Cookie', rivalForm.cookie).send({ _csrf: rivalForm.token, employees: '1' }).expect(404);
    expect((await page('/subsidies', rivalManager)).text).not.toContain(id);

    const counsellor = await signedInAs(t, 'counsellor');
    await page('/subsidies', counsellor.cookie).expect(403);
    await page(`/subsidies/applications/${id}`, counsellor.cookie).expect(403);
    const home = await page('/', counsellor.cookie).expect(200);
    expect(home.text).not.toContain('href="/subsidies"');
  });
});

/** A plan as a form posts it (strings; the declaration a checkbox). */
function stringPlan(plan: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(plan)) {
    if (k === 'no_other_subsidy') {
      if (v === true || v === 'true') out[k] = 'true';
    } else out[k] = String(v);
  }
  return out;
}
