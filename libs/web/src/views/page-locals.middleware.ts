import type { NextFunction, Request, Response } from 'express';
import { readCookie } from '@hokenshitsu/identity';
import { CSRF_COOKIE, type CsrfService } from '../csrf/csrf.service.js';
import { DEFAULT_LANG, isLang, LANG_COOKIE, type Lang } from '../i18n/i18n.js';

const ONE_YEAR_MS = 365 * 24 * 3600_000;

/** Requests that are not pages: they get no cookies and keep their own caching. */
function isPage(path: string): boolean {
  return !path.startsWith('/api/') && !path.startsWith('/assets/') && path !== '/health';
}

/** The same URL with ?lang= set to the other language, other query parameters kept. */
function switchHref(originalUrl: string, to: Lang): string {
  const url = new URL(originalUrl, 'http://portal.invalid');
  url.searchParams.set('lang', to);
  return `${url.pathname}${url.search}`;
}

/**
 * Per-page locals for the views: the language (?lang= sets the cookie, else the cookie, else
 * Japanese), the CSRF cookie and the form token made from it, and the current path for the nav.
 */
export function pageLocals(csrf: CsrfService, secure: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isPage(req.path)) return next();
    const asked = req.query.lang;
    let lang: Lang = DEFAULT_LANG;
    if (isLang(asked)) {
      lang = asked;
      res.cookie(LANG_COOKIE, lang, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: ONE_YEAR_MS });
    } else {
      const chosen = readCookie(req, LANG_COOKIE);
      if (isLang(chosen)) lang = chosen;
    }

    let secret = readCookie(req, CSRF_COOKIE);
    if (!csrf.isSecret(secret)) {
      secret = csrf.newSecret();
      // A session cookie (no expiry): the token lives as long as the browser window's forms do.
      res.cookie(CSRF_COOKIE, secret, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    }

    // Pages carry personal data and form tokens: never kept by a shared or back-button cache.
    res.setHeader('Cache-Control', 'no-store');
    const other: Lang = lang === 'ja' ? 'en' : 'ja';
    Object.assign(res.locals, {
      lang,
      otherLang: other,
      langSwitchHref: switchHref(req.originalUrl, other),
      csrfToken: csrf.tokenFor(secret),
      path: req.path,
    });
    next();
  };
}
