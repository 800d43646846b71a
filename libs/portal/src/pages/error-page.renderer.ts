import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig, type ErrorBody, type HtmlErrorRenderer } from '@hokenshitsu/core';
import { readCookie, SESSION_COOKIE, SessionsService, type AuthenticatedUser } from '@hokenshitsu/identity';
import { CsrfService, DEFAULT_LANG, I18n, isLang, pageLocals, type Lang } from '@hokenshitsu/web';
import { toPageUser } from './page-user.interceptor.js';

/** Statuses with their own wording in templates/locales (errors.<status>); others read as "default". */
const WORDED = new Set([400, 403, 404, 409, 413, 415, 422, 429, 500, 503]);
/** Statuses whose English message names a field or state worth showing (under "technical details"). */
const DETAILED = new Set([400, 409, 422]);
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ErrorPageModel {
  status: number;
  /** the errors.<kind> locale group */
  kind: string;
  /** 403 for a role: the roles the page is for, in words */
  roles?: string;
  /** 403 for a role: the signed-in person's role, in words */
  signedInAs?: string;
  offerSwitch?: boolean;
  requestId?: string;
  detail?: string;
}

/** The roles a 403 names ("this needs one of the roles: city_staff, admin"), in the page's words. */
function rolesOf(message: string, lang: Lang, i18n: I18n): string | undefined {
  const listed = /one of the roles: ([a-z_, ]+)$/.exec(message)?.[1];
  if (!listed) return undefined;
  const roles = listed.split(',').map((r) => r.trim()).filter((r) => i18n.has(`roles.${r}`));
  return roles.length ? roles.map((r) => i18n.t(lang, `roles.${r}`)).join(i18n.t(lang, 'errors.rolesJoin')) : undefined;
}

/** What the error page says, from the filter's decision alone (pure: tested without HTTP). */
export function errorPageModel(body: ErrorBody, method: string, user: { role: string } | undefined, lang: Lang, i18n: I18n): ErrorPageModel {
  const status = body.statusCode;
  // 503 is "try again later" (the queue's Redis is down), not a fault to report with a reference number.
  const model: ErrorPageModel = { status, kind: WORDED.has(status) ? String(status) : status >= 500 ? '500' : 'default' };
  if (status === 403) {
    model.roles = rolesOf(body.message, lang, i18n);
    // A refused form post without a role rule is the form-token check (CsrfGuard).
    if (!model.roles && WRITE_METHODS.has(method)) model.kind = 'csrf';
    if (model.roles && user) {
      model.signedInAs = i18n.t(lang, `roles.${user.role}`);
      model.offerSwitch = true;
    }
  }
  if (model.kind === '500') model.requestId = body.requestId ?? 'unknown';
  if (DETAILED.has(status) && body.message) model.detail = body.message;
  return model;
}

/**
 * The portal's error page (templates/views/error.hbs in the normal layout: header, language,
 * viewport), which AllExceptionsFilter asks for whenever a browser wants HTML. The filter has
 * already decided the status; this only words it.
 */
@Injectable()
export class ErrorPageRenderer implements HtmlErrorRenderer {
  private readonly logger = new Logger('ErrorPage');
  private readonly locals: ReturnType<typeof pageLocals>;

  constructor(
    private readonly i18n: I18n,
    private readonly sessions: SessionsService,
    csrf: CsrfService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.locals = pageLocals(csrf, config.publicUrl.startsWith('https:'));
  }

  async render(body: ErrorBody, req: Request & { user?: AuthenticatedUser }, res: Response): Promise<string> {
    try {
      // An error raised before the page middleware ran (a body too large, say) still gets a language and a form token.
      if (!isLang(res.locals.lang)) this.locals(req, res, () => undefined);
      const lang = isLang(res.locals.lang) ? res.locals.lang : DEFAULT_LANG;
      const user = req.user ?? (await this.signedIn(req));
      if (user && !res.locals.user) res.locals.user = toPageUser(user);
      const error = errorPageModel(body, req.method, user, lang, this.i18n);
      return await new Promise<string>((resolve, reject) =>
        res.render('error', { titleKey: `errors.${error.kind}.title`, error }, (err: unknown, html: string) => (err ? reject(err) : resolve(html))),
      );
    } catch (error) {
      this.logger.error(`error page for ${body.statusCode} failed: ${(error as Error)?.message ?? error}`);
      throw error;
    }
  }

  /** An unknown route runs no guard, so the session is read here: the header still shows who is signed in. */
  private async signedIn(req: Request): Promise<AuthenticatedUser | undefined> {
    const token = readCookie(req, SESSION_COOKIE);
    if (!token || req.path.startsWith('/api/')) return undefined;
    return (await this.sessions.resolve(token).catch(() => null)) ?? undefined;
  }
}
