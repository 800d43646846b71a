import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiOp, sendDownload } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { reportFileName } from './report-file-name.js';
import { ReportResponse, toReportAccepted, toReportResponse } from './report.response.js';
import { ReportsService } from './reports.service.js';
import { RequestReportDto } from './request-report.dto.js';

@ApiTags('reports')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Post()
  @HttpCode(202)
  @ApiOp('Ask for a feedback PDF for a scope of a release; the same request answers the same report', [400, 403, 404, 415, 422, 503])
  @ApiAcceptedResponse({ description: '{id, status}' })
  async request(@CurrentUser() user: AuthenticatedUser, @Body() dto: RequestReportDto): Promise<{ id: string; status: string }> {
    const report = await this.reports.request(user, { releaseId: dto.release_id, industry: dto.industry, sizeClass: dto.size_class, locale: dto.locale });
    return toReportAccepted(report);
  }

  @Get()
  @ApiOp('The reports you asked for, newest first')
  @ApiOkResponse({ type: [ReportResponse] })
  async mine(@CurrentUser() user: AuthenticatedUser): Promise<ReportResponse[]> {
    return (await this.reports.mine(user)).map(toReportResponse);
  }

  @Get('batches/:releaseId')
  @StaffOnly()
  @ApiOp('How far the reports queued by publishing a release have got', [404])
  batch(@CurrentUser() user: AuthenticatedUser, @Param('releaseId') releaseId: string) {
    return this.reports.batch(user, releaseId);
  }

  @Get(':id')
  @ApiOp('A report\'s status: queued, rendering, done or failed, with progress', [404])
  @ApiOkResponse({ type: ReportResponse })
  async get(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string): Promise<ReportResponse> {
    return toReportResponse(await this.reports.get(user, id));
  }

  @Get(':id/pdf')
  @ApiOp('The PDF (ETag: its SHA-256; If-None-Match answers 304)', [404, 409])
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() user: AuthenticatedUser, @Param('id') id: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): Promise<void> {
    const { report, pdf } = await this.reports.download(user, id);
    sendDownload(res, { body: pdf, type: 'application/pdf', name: reportFileName(report), sha256: report.sha256! }, ifNoneMatch);
  }
}
