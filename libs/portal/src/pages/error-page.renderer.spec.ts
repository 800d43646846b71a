import { I18n, templatePaths } from '@hokenshitsu/web';
import { errorPageModel } from './error-page.renderer.js';

describe('errorPageModel', () => {
  const i18n = new I18n(templatePaths().locales);
  const body = (statusCode: number, message = 'm', requestId?: string) => ({ statusCode, error: 'e', message, requestId });

  it('words each status the filter decided, and every kind has its texts in both languages', () => {
    for (const status of [400, 403, 404, 409, 413, 415, 422, 429, 500, 503]) {
      const { kind } = errorPageModel(body(status), 'GET', undefined, 'ja', i18n);
      expect(kind).toBe(String(status));
    }
    expect(errorPageModel(body(405), 'GET', undefined, 'ja', i18n).kind).toBe('default');
    expect(errorPageModel(body(502), 'GET', undefined, 'ja', i18n).kind).toBe('500');
    // Try again later: no reference number to report.
    expect(errorPageModel(body(503, 'm', 'r-2'), 'POST', undefined, 'ja', i18n)).toEqual({ status: 503, kind: '503' });
    for (const kind of ['400', '403', 'csrf', '404', '409', '413', '415', '422', '429', '500', '503', 'default']) {
      for (const part of ['title', 'lead', 'next']) {
        const key = `errors.${kind}.${part}`;
        expect(i18n.t('ja', key)).not.toBe(key);
        expect(i18n.t('en', key)).not.toBe(i18n.t('ja', key));
        expect(i18n.t('en', key)).not.toMatch(/[、。：「」（）]/);
      }
    }
  });

  it('names the roles a page is for, in the page language, and offers to switch accounts', () => {
    const refused = body(403, 'this needs one of the roles: admin, city_staff');
    expect(errorPageModel(refused, 'GET', { role: 'company_manager' }, 'ja', i18n)).toEqual({
      status: 403, kind: '403', roles: 'システム管理者、市の担当職員', signedInAs: '企業の担当者', offerSwitch: true,
    });
    expect(errorPageModel(refused, 'GET', { role: 'counsellor' }, 'en', i18n).roles).toBe('administrator or city staff');
  });

  it('reads a refused form post as an expired form, shows a 500 only its request id, and technical detail only where it helps', () => {
    expect(errorPageModel(body(403, 'form'), 'POST', { role: 'counsellor' }, 'ja', i18n).kind).toBe('csrf');
    const crash = errorPageModel(body(500, 'Internal error (request id r-1)', 'r-1'), 'GET', undefined, 'ja', i18n);
    expect(crash).toEqual({ status: 500, kind: '500', requestId: 'r-1' });
    expect(errorPageModel(body(404, 'Cannot GET /x'), 'GET', undefined, 'ja', i18n).detail).toBeUndefined();
    expect(errorPageModel(body(422, 'a company manager needs a company'), 'POST', undefined, 'ja', i18n).detail).toBe('a company manager needs a company');
  });
});
