import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiOp, sendDownload } from '@hokenshitsu/core';
import { CurrentUser, Roles, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { NoticeRegisterQuery } from './notice-register.query.js';
import { NoticeRegisterResponse, NoticeResponse, toNoticeRegisterResponse, toNoticeResponse } from './notice.response.js';
import { noticeTitle, NoticesService } from './notices.service.js';

/** Official notices: an application's, one PDF, the register and its CSV. */
@ApiTags('subsidies')
@Controller('api/v1')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get('subsidy-applications/:id/notices')
  @Roles('company_manager', 'city_staff', 'admin')
  @ApiOp('The application\'s official notices (交付決定, 不交付決定, 額確定), oldest first', [404])
  @ApiOkResponse({ type: [NoticeResponse] })
  async forApplication(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string): Promise<NoticeResponse[]> {
    return (await this.notices.forApplication(viewer, id)).map(toNoticeResponse);
  }

  @Get('subsidy-notices')
  @StaffOnly()
  @ApiOp('The register of every notice issued, by number (filters: program_id, kind)', [400, 403])
  @ApiOkResponse({ type: [NoticeRegisterResponse] })
  async register(@CurrentUser() viewer: AuthenticatedUser, @Query() q: NoticeRegisterQuery): Promise<NoticeRegisterResponse[]> {
    return (await this.notices.register(viewer, { programId: q.program_id, kind: q.kind })).map(toNoticeRegisterResponse);
  }

  @Post('subsidy-notices/:id/render')
  @HttpCode(202)
  @StaffOnly()
  @ApiOp('Render a failed notice again (its number and words stay as issued); 409 when it is not failed', [403, 404, 409])
  async renderAgain(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string): Promise<NoticeResponse> {
    return toNoticeResponse(await this.notices.renderAgain(viewer, id));
  }

  @Get('subsidy-notices/:id/pdf')
  @Roles('company_manager', 'city_staff', 'admin')
  @ApiOp('The notice as PDF (ETag: its SHA-256; If-None-Match answers 304); 409 until the worker has rendered it', [404, 409])
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): Promise<void> {
    const { notice, pdf } = await this.notices.download(viewer, id);
    const name = { ascii: `subsidy-notice-${notice.kind}-${notice.fiscal_year}-${notice.seq}.pdf`, utf8: `${noticeTitle(notice)}_${notice.number}.pdf` };
    sendDownload(res, { body: pdf, type: 'application/pdf', name, sha256: notice.sha256 }, ifNoneMatch);
  }

  @Get('subsidy-programs/:id/notices.csv')
  @StaffOnly()
  @ApiOp('The programme\'s register of notices as CSV (UTF-8 with BOM, CRLF) for the city\'s accounting', [403, 404])
  @ApiProduces('text/csv')
  async registerCsv(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { fileName, csv } = await this.notices.registerCsv(viewer, id);
    sendDownload(res, { body: csv, type: 'text/csv; charset=utf-8', name: { ascii: 'subsidy-notices.csv', utf8: fileName } });
  }
}
