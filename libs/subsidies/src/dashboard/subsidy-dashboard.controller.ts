import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiOp, sendDownload } from '@hokenshitsu/core';
import { StaffOnly } from '@hokenshitsu/identity';
import { INDUSTRIES } from '@hokenshitsu/reference';
import { I18n } from '@hokenshitsu/web';
import { DashboardResponse, toDashboardResponse } from './dashboard.response.js';
import { SubsidyDashboardService, type CsvLabels } from './subsidy-dashboard.service.js';

/** The staff dashboard's figures and the accounting's CSVs, per programme (city staff only). */
@ApiTags('subsidies')
@Controller('api/v1/subsidy-programs')
@StaffOnly()
export class SubsidyDashboardController {
  private readonly labels: CsvLabels;

  constructor(
    private readonly dashboard: SubsidyDashboardService,
    i18n: I18n,
  ) {
    // The CSVs are the city's accounting documents: Japanese whatever the clerk's page language.
    this.labels = {
      state: (s) => i18n.t('ja', `subsidies.state.${s}`),
      industry: (code) => INDUSTRIES.find((i) => i.code === code)?.ja ?? code,
      action: (a) => i18n.t('ja', `subsidyStaff.ledgerAction.${a}`),
    };
  }

  @Get(':id/dashboard')
  @ApiOp('Applications per state, the ledger, reports overdue or due within 7 days, decision time (median, p90)', [403, 404])
  @ApiOkResponse({ type: DashboardResponse })
  async get(@Param('id') id: string): Promise<DashboardResponse> {
    return toDashboardResponse(await this.dashboard.dashboard(id));
  }

  @Get(':id/applications.csv')
  @ApiProduces('text/csv')
  @ApiOp('交付申請一覧 as CSV for Excel (UTF-8 with BOM, CRLF)', [403, 404])
  async applicationsCsv(@Param('id') id: string, @Res() res: Response): Promise<void> {
    sendCsv(res, await this.dashboard.applicationsCsv(id, this.labels));
  }

  @Get(':id/ledger.csv')
  @ApiProduces('text/csv')
  @ApiOp('予算執行簿: every money movement with running totals, then the totals (UTF-8 with BOM, CRLF)', [403, 404])
  async ledgerCsv(@Param('id') id: string, @Res() res: Response): Promise<void> {
    const file = await this.dashboard.ledgerCsv(id, this.labels);
    // Whether the movements add up to the programme's ledger: a false here is a bug to look into.
    res.setHeader('X-Ledger-Reconciles', String(file.reconciles));
    sendCsv(res, file);
  }
}

function sendCsv(res: Response, file: { fileName: string; asciiName: string; csv: string }): void {
  sendDownload(res, { body: file.csv, type: 'text/csv; charset=utf-8', name: { ascii: file.asciiName, utf8: file.fileName } });
}
