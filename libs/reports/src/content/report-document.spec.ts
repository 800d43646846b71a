import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatePaths } from '@hokenshitsu/web';
import { REPORT_TEMPLATE_VERSION, reportDocument } from './report-document.js';
import { cssUrls, REPORT_FONT_DIRECTORY } from './report-fonts.js';
import { sampleDigest, sampleReportInput } from './report-input.fixtures.js';

/** The document's text without tags, styles or the chart's SVG markup: what a reader sees. */
function visibleText(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

/** The <tr> whose row header is `label`. */
function tableRow(html: string, label: string): string {
  const row = html.match(new RegExp(`<tr[^>]*><th scope="row">${label}</th>.*?</tr>`));
  if (!row) throw new Error(`no row ${label}`);
  return row[0];
}

describe('reportDocument', () => {
  const ja = reportDocument(sampleReportInput('ja'));
  const en = reportDocument(sampleReportInput('en'));

  it('is a Japanese document by default and an English one on request', () => {
    expect(ja.lang).toBe('ja');
    expect(ja.html).toMatch(/^<!DOCTYPE html>\s*<html lang="ja" class="report">/);
    expect(ja.title).toBe('製造業・20〜99人 相談の傾向（2026年度上期）');
    expect(ja.html).toContain(`<title>${ja.title}</title>`);
    expect(en.lang).toBe('en');
    expect(en.html).toMatch(/<html lang="en" class="report">/);
    expect(en.title).toBe('What people consulted about: Manufacturing, 20–99 employees (FY2026 first half)');
  });

  it('names the requested group in the title, and the broader scope the figures come from', () => {
    expect(ja.html).toContain('<h1 class="report-cover__title">製造業・20〜99人 相談の傾向</h1>');
    expect(ja.html).toContain('範囲を広げた「製造業・全規模」の数値を示しています');
    expect(en.html).toContain('so this report shows the broader group Manufacturing, all sizes.');
  });

  it('gives the period and the release with its Tokyo publication date', () => {
    expect(ja.html).toContain('2026年4月1日〜2026年9月30日');
    expect(ja.html).toContain('2026年度上期（2026年10月15日公表）');
    expect(en.html).toContain('1 April 2026 – 30 September 2026');
    expect(en.html).toContain('FY2026 first half (published 15 October 2026)');
  });

  it('says a draft is a draft', () => {
    const draft = reportDocument(sampleReportInput('ja', { release: { ...sampleReportInput().release, status: 'draft', publishedAt: null } }));
    expect(draft.html).toContain('2026年度上期（下書き・未公表）');
    expect(draft.html).toContain('class="report-draft"');
    expect(ja.html).not.toContain('class="report-draft"');
  });

  it('shows how many consulted as a band, never the count', () => {
    expect(sampleDigest().clients).toBe(46);
    expect(ja.html).toContain('20〜49名');
    expect(en.html).toContain('20–49 people');
    expect(visibleText(ja.html)).not.toMatch(/46/);
    expect(visibleText(en.html)).not.toMatch(/46/);
  });

  it('lists every published theme with its whole-percent share and the city-wide share', () => {
    // working conditions: 15 of 46 = 33 %, city-wide 110 of 620 = 18 %
    expect(tableRow(ja.html, '労働条件・待遇・賃金')).toMatch(/>33%<.*>18%</);
    expect(tableRow(en.html, 'Working conditions and pay')).toMatch(/>33%<.*>18%</);
    expect(tableRow(ja.html, '起業・独立')).toMatch(/>11%<.*>21%</);
    for (const t of sampleDigest().themes) expect(ja.html).toContain(`<th scope="row">${t.ja}</th>`);
  });

  it('draws the top themes and reads the chart in plain words', () => {
    expect(ja.html).toContain('<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-themes-title chart-themes-desc"');
    expect(ja.html).toContain('<figcaption class="report-figure__caption">図　相談の多いテーマ（上位5件）：製造業・全規模と市全体の割合。');
    expect(ja.html).toContain('<desc id="chart-themes-desc">労働条件・待遇・賃金: 33% (市全体 18%); 転職・キャリアチェンジ: 26% (市全体 24%)');
    expect(ja.html).toContain('「労働条件・待遇・賃金」は市全体の約2倍の割合で挙がっています。');
    expect(ja.html).toContain('「出産・育児と仕事の両立」は市全体の約2倍の割合で挙がっています。');
    expect(en.html).toContain('“Working conditions and pay” is raised about twice as often in your sector as city-wide.');
  });

  it('shows a withheld figure as — with its footnote, never as 0%', () => {
    expect(tableRow(ja.html, 'ハラスメント')).toMatch(/>—<.*>7%</);
    expect(tableRow(ja.html, '60歳以上')).toContain('>—<');
    expect(tableRow(ja.html, '60歳以上')).not.toContain('0%');
    expect(tableRow(ja.html, '3〜10年')).toContain('>—<');
    expect(tableRow(en.html, 'Branch office booth')).toContain('>—<');
    // a published zero is a zero
    expect(tableRow(ja.html, '19歳以下')).toContain('>0%<');
    expect(ja.html).toContain('— は、少人数のため公表を控えた値です');
    expect(en.html).toContain('— marks a value withheld because too few people are behind it');
  });

  it('calls out web and online demand, and says evening and weekend demand is not recorded', () => {
    expect(ja.html).toContain('Web・オンラインでの相談希望：オンラインは30%、Web相談フォームは20%の方が利用しました。');
    expect(en.html).toContain('Web and online consultation: 30% used online consultation, 20% used the web consultation form.');
    expect(ja.html).toContain('夜間・休日の相談希望はこのデータには含まれていません');
  });

  it('says satisfaction is not published, and shows it when given', () => {
    expect(ja.html).toContain('このリリースでは公表していません');
    const given = reportDocument(sampleReportInput('en', { satisfaction: { items: [{ ja: '気持ちが整理できた', en: 'Sorted out my feelings', share: 0.5 }, { ja: '次の一歩が決まった', en: 'Decided a next step', share: null }] } }));
    expect(tableRow(given.html, 'Sorted out my feelings')).toContain('>50%<');
    expect(tableRow(given.html, 'Decided a next step')).toContain('>—<');
  });

  it('gives advice for the top themes in the report language, with its version in the method box', () => {
    expect(ja.html).toContain('<h3>労働条件・待遇・賃金（33%）</h3>');
    expect(ja.html).toContain('賃金や手当、評価の仕組みを');
    expect(en.html).toContain('Explain pay, allowances and appraisal clearly');
    expect(ja.html).not.toContain('起業や独立を考える人'); // startup is not a top theme
    expect(ja.html).toContain('助言：第1版');
    expect(ja.html).toContain(`様式：${REPORT_TEMPLATE_VERSION}`);
  });

  it('shows the open subsidy\'s terms beside the advice, and nothing when none is open', () => {
    const support = { programName: 'セルフ・キャリアドック導入支援補助金', fiscalYear: 2026, rateNumerator: 1, rateDenominator: 2, capPerCompanyYen: 300_000, maxPricePerSessionYen: 15_000, minMinutesPerSession: 30, maxSessionsPerEmployee: 3, opensOn: '2026-04-01', closesOn: '2026-12-28', budgetRemains: true };
    const withJa = visibleText(reportDocument({ ...sampleReportInput('ja'), support }).html);
    expect(withJa).toContain('市の支援：セルフ・キャリアドック導入支援補助金');
    expect(withJa).toContain('2分の1');
    expect(withJa).toContain('今年度の予算にはまだ残りがあります。');
    expect(visibleText(reportDocument({ ...sampleReportInput('en'), support: { ...support, budgetRemains: false } }).html)).toContain('budget has been used up.');
    expect(visibleText(ja.html)).not.toContain('市の支援');
  });

  it('escapes advice written by staff', () => {
    const hostile = '<img src="http://127.0.0.1:9/x"><script>alert(1)</script><iframe src="file:///etc/passwd">';
    const input = sampleReportInput('ja');
    const doc = reportDocument({ ...input, advice: { version: 2, entries: [{ theme: 'working_conditions', ja: hostile, en: hostile }] } });
    expect(doc.html).not.toMatch(/<img|<script|<iframe/i);
    // Handlebars escapes = too
    expect(doc.html).toContain('&lt;img src&#x3D;&quot;http://127.0.0.1:9/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;iframe');
  });

  it('escapes a hostile release label and theme label everywhere, chart included', () => {
    const input = sampleReportInput('en');
    const digest = { ...input.digest, top_themes: input.digest.top_themes.map((t, i) => (i === 0 ? { ...t, en: '<script>x</script>' } : t)) };
    const doc = reportDocument({ ...input, digest, release: { ...input.release, label: '<iframe src=x>' } });
    expect(doc.html).not.toMatch(/<script|<iframe/i);
  });

  it('holds no script and no resource but the report fonts', () => {
    for (const doc of [ja, en]) {
      expect(doc.html).not.toMatch(/<script/i);
      expect(doc.html).not.toMatch(/<(img|iframe|link|object|embed)\b/i);
      const [, style, body] = doc.html.match(/<style>([\s\S]*?)<\/style>([\s\S]*)$/)!;
      const fonts = cssUrls(style!);
      expect(fonts.length).toBeGreaterThan(200);
      for (const url of fonts) expect(url.startsWith(`file://${REPORT_FONT_DIRECTORY}/`)).toBe(true);
      // in the body only the chart's own pattern, by fragment
      expect(new Set(cssUrls(body!))).toEqual(new Set(['#chart-themes-hatch']));
      expect(body).not.toMatch(/\s(src|href)=/);
      expect(doc.html).toMatch(/font-weight: 700;/);
      expect(doc.html).toContain('@bottom-center');
    }
  });

  it('keeps its headings in order: one h1, then h2 sections with h3 under them', () => {
    const levels = [...ja.html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
  });

  it('uses no triple-stash but the stylesheet and the chart', () => {
    const dir = templatePaths().reports;
    const sources = [join(dir, 'report.hbs'), ...readdirSync(join(dir, 'partials')).map((f) => join(dir, 'partials', f))].map((f) => readFileSync(f, 'utf8'));
    const raw = sources.flatMap((s) => [...s.replace(/\{\{!--[\s\S]*?--\}\}/g, '').matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}/g)].map((m) => m[1]));
    expect(raw.sort()).toEqual(['chart.svg', 'styles']);
  });

  it('has a stable template version and the same labels in both languages', () => {
    expect(REPORT_TEMPLATE_VERSION).toMatch(/^[0-9a-f]{12}$/);
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${p}${k}.`) : [`${p}${k}`]));
    const dir = join(templatePaths().reports, 'locales');
    const [jaKeys, enKeys] = ['ja', 'en'].map((l) => keys(JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8'))).sort());
    expect(enKeys).toEqual(jaKeys);
  });
});
