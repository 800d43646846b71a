import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { I18n } from '../i18n/i18n.js';
import { createHandlebarsEngine } from './handlebars-engine.js';
import { templatePaths } from './template-paths.js';

describe('createHandlebarsEngine', () => {
  let dir: string;
  const i18n = new I18n(templatePaths().locales);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hks-views-'));
    for (const sub of ['views', 'layouts', 'partials']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'layouts', 'main.hbs'), '<html lang="{{lang}}"><title>{{t titleKey}}</title>{{{body}}}</html>');
    writeFileSync(join(dir, 'partials', 'greeting.hbs'), '<p>{{t "layout.signedInAs" email=who}}</p>');
    writeFileSync(join(dir, 'views', 'page.hbs'), '{{> greeting who=email}}<b>{{name}}</b>');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function render(cache: boolean, options: Record<string, unknown>, engine = createHandlebarsEngine({ paths: { layouts: join(dir, 'layouts'), partials: join(dir, 'partials') }, i18n, cache })) {
    return new Promise<string>((resolve, reject) => {
      engine(join(dir, 'views', 'page.hbs'), options, (error, html) => (error ? reject(error) : resolve(html!)));
    });
  }

  it('renders a view into the layout, labels in the page language, data escaped', async () => {
    const html = await render(false, { lang: 'en', titleKey: 'login.title', email: 'a@example.jp', name: '<script>x</script>' });
    expect(html).toBe('<html lang="en"><title>Sign in</title><p>Signed in as a@example.jp</p><b>&lt;script&gt;x&lt;/script&gt;</b></html>');
    const ja = await render(false, { lang: 'ja', titleKey: 'login.title', email: 'a@example.jp', name: 'n', layout: false });
    expect(ja).toBe('<p>a@example.jp でログイン中</p><b>n</b>');
  });

  it('compiles each template once when caching, and re-reads edits otherwise', async () => {
    const model = { lang: 'ja', titleKey: 'home.title', email: 'e', name: 'n', layout: false };
    const cached = createHandlebarsEngine({ paths: { layouts: join(dir, 'layouts'), partials: join(dir, 'partials') }, i18n, cache: true });
    const fresh = createHandlebarsEngine({ paths: { layouts: join(dir, 'layouts'), partials: join(dir, 'partials') }, i18n, cache: false });
    await render(true, model, cached);
    await render(false, model, fresh);
    writeFileSync(join(dir, 'views', 'page.hbs'), 'edited');
    expect(await render(true, model, cached)).toBe('<p>e でログイン中</p><b>n</b>');
    expect(await render(false, model, fresh)).toBe('edited');
  });
});
