import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isEmail } from 'class-validator';
import type { Request, Response } from 'express';
import { APP_CONFIG, AuthenticationError, TooManyRequestsError, type AppConfig } from '@hokenshitsu/core';
import {
  AuthService, clearSessionCookie, Public, readCookie, SESSION_COOKIE, setSessionCookie, type AuthenticatedUser,
} from '@hokenshitsu/identity';
import { field, FormErrorBuilder, FormRefusedError, I18n, localPath, renderPage, type FormErrors, type FormMessage } from '@hokenshitsu/web';

interface LoginModel {
  next?: string;
  email?: string;
  signedOut?: boolean;
  errors?: FormErrors;
  formMessage?: FormMessage;
}

/** The sign-in page and sign-out; sessions come from identity's AuthService, as for the API. */
@ApiExcludeController()
@Controller()
export class LoginPageController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly auth: AuthService,
    private readonly i18n: I18n,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secureCookies = config.publicUrl.startsWith('https:');
  }

  @Get('login')
  @Public()
  show(@Query('next') next: string | undefined, @Query('signed_out') signedOut: string | undefined, @Req() req: Request & { user?: AuthenticatedUser }, @Res() res: Response): void {
    if (req.user) return res.redirect(303, localPath(next) ?? '/');
    this.render(res, { next: localPath(next), signedOut: signedOut === '1' });
  }

  @Post('login')
  @Public()
  async login(@Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const email = field(body, 'email').trim();
    const password = field(body, 'password');
    const next = localPath(field(body, 'next'));
    const errors = new FormErrorBuilder(this.i18n, 'login', ['email', 'password']);
    if (!email) errors.add('email', ['required']);
    else if (!isEmail(email)) errors.add('email', ['isEmail']);
    if (!password) errors.add('password', ['required']);
    if (!errors.empty) {
      const refusal = new FormRefusedError(errors.build());
      return this.render(res, { next, email, errors: refusal.errors }, refusal);
    }

    let session: { token: string; expiresAt: Date };
    try {
      session = await this.auth.login(email, password, req.ip ?? 'unknown');
    } catch (error) {
      if (error instanceof AuthenticationError) return this.render(res, { next, email, formMessage: { key: 'login.errors.failed' } }, error);
      if (error instanceof TooManyRequestsError) {
        const minutes = Math.ceil(error.retryAfterSeconds / 60);
        return this.render(res, { next, email, formMessage: { key: 'login.errors.locked', vars: { minutes } } }, error);
      }
      throw error;
    }
    setSessionCookie(res, session.token, session.expiresAt, this.secureCookies);
    res.redirect(303, next ?? '/');
  }

  /** Public: signing out twice, or with an expired session, still ends on the sign-in page. */
  @Post('logout')
  @Public()
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await this.auth.logout(token);
    clearSessionCookie(res, this.secureCookies);
    res.redirect(303, '/login?signed_out=1');
  }

  private render(res: Response, model: LoginModel, refusal?: unknown): void {
    const failed = Boolean(model.errors || model.formMessage);
    renderPage(res, 'login', { titleKey: 'login.title', failed, ...model }, refusal);
  }
}
