import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, ApiOp, type AppConfig } from '@hokenshitsu/core';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { LoginDto } from './login.dto.js';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie.js';
import { toUserResponse, UserResponse } from './user.response.js';
import type { AuthenticatedUser } from '../sessions/sessions.service.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOp('Sign in; sets the session cookie', [400, 401, 415, 429], { public: true })
  @ApiOkResponse({ type: UserResponse })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<UserResponse> {
    const { user, token, expiresAt } = await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
    setSessionCookie(res, token, expiresAt, this.config.publicUrl.startsWith('https:'));
    return toUserResponse(user);
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  @ApiOp('Sign out; ends the session', [403, 415], { public: true })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await this.auth.logout(token);
    clearSessionCookie(res, this.config.publicUrl.startsWith('https:'));
  }

  @Get('me')
  @ApiOp('The signed-in user')
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthenticatedUser): UserResponse {
    return toUserResponse(user);
  }
}
