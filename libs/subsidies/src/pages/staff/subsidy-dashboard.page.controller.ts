import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock, DomainError, tokyoDate } from '@hokenshitsu/core';
import { CurrentUser, StaffOnly, type AuthenticatedUser } from '@hokenshitsu/identity';
import { FormErrorBuilder, FormRefusedError, I18n, readForm, renderPage, type FormErrors, type Lang } from '@hokenshitsu/web';
import { APPLICATION_STATES } from '../../applications/application-states.js';
import { SubsidyDashboardService, DUE_SOON_DAYS, type ReportDue } from '../../dashboard/subsidy-dashboard.service.js';
import { CreateProgramDto } from '../../programs/create-program.dto.js';
import { ledgerOf, type SubsidyProgram } from '../../programs/subsidy-program.entity.js';
import { SubsidyProgramsService } from '../../programs/subsidy-programs.service.js';
import { fiscalYearOf } from '../../rules/subsidy-dates.js';
import { PROGRAM_FIELDS, PROGRAM_FORM, programDefaults, readProgramForm } from './program-form.js';
import { yenText } from './staff-format.js';

/** The budget in figures and as shares of the gauge (whole per cent for the bar's widths). */
export function budgetGauge(p: SubsidyProgram, lang: Lang) {
  const l = ledgerOf(p);
  const share = (v: bigint) => (l.budgetYen === 0n ? 0 : Number((v * 1000n) / l.budgetYen) / 10);
  // The bar is SVG geometry in per mille of the budget: the page's CSP (style-src 'self') refuses inline widths.
  const mille = (v: bigint) => (l.budgetYen === 0n ? 0 : Number((v * 1000n) / l.budgetYen));
  const bar = { paid: mille(l.paidYen), confirmed: mille(l.confirmedYen), committed: mille(l.committedYen) };
  return {
    budget: yenText(l.budgetYen, lang),
    committed: yenText(l.committedYen, lang),
    confirmed: yenText(l.confirmedYen, lang),
    paid: yenText(l.paidYen, lang),
    available: yenText(l.availableYen, lang),
    // The meter reads what is spoken for (committed, confirmed or paid) out of the budget.
    usedYen: (l.budgetYen - l.availableYen).toString(),
    budgetYen: l.budgetYen.toString(),
    usedPercent: share(l.budgetYen - l.availableYen),
    committedPercent: share(l.committedYen),
    confirmedPercent: share(l.confirmedYen),
    paidPercent: share(l.paidYen),
    bar: { ...bar, confirmedX: bar.paid, committedX: bar.paid + bar.confirmed },
  };
}

/** City staff's subsidy home: the dashboard of a programme, and programmes set up and read. */
@ApiExcludeController()
@StaffOnly()
@Controller('staff/subsidies')
export class SubsidyDashboardPageController {
  constructor(
    private readonly dashboards: SubsidyDashboardService,
    private readonly programs: SubsidyProgramsService,
    private readonly clock: Clock,
    private readonly i18n: I18n,
  ) {}

  /** The programme asked for, else the one open today, else the newest. */
  @Get()
  async dashboard(@Query('program') asked: unknown, @Res() res: Response): Promise<void> {
    const lang = res.locals.lang as Lang;
    const programs = await this.programs.list();
    const open = await this.programs.openToday();
    const chosen = programs.find((p) => p.id === asked) ?? (open ? programs.find((p) => p.id === open.id) : undefined) ?? programs[0];
    if (!chosen) return renderPage(res, 'subsidies/staff/dashboard', { titleKey: 'subsidyStaff.dashboard.title', programs: [] });
    const d = await this.dashboards.dashboard(chosen.id);
    const due = (r: ReportDue) => ({ id: r.id, companyName: r.companyName, dueOn: r.reportDueOn, approved: yenText(r.approvedYen, lang), daysLate: r.daysLate, daysLeft: -r.daysLate });
    const days = (v: number | null) => (v === null ? null : v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { maximumFractionDigits: 1 }));
    renderPage(res, 'subsidies/staff/dashboard', {
      titleKey: 'subsidyStaff.dashboard.title',
      programs: programs.map((p) => ({ id: p.id, fiscalYear: p.fiscalYear, selected: p.id === chosen.id })),
      program: { id: chosen.id, fiscalYear: chosen.fiscalYear, name: chosen.name },
      today: d.today,
      states: APPLICATION_STATES.map((s) => ({ state: s, count: d.counts[s], href: `/staff/subsidies/applications?program_id=${chosen.id}&state=${s}` })),
      total: APPLICATION_STATES.reduce((n, s) => n + d.counts[s], 0),
      gauge: budgetGauge(d.program, lang),
      overdue: d.overdue.map(due),
      dueSoon: d.dueSoon.map(due),
      dueSoonDays: DUE_SOON_DAYS,
      decision: { decided: d.decisionDays.decided, median: days(d.decisionDays.median), p90: days(d.decisionDays.p90) },
      csv: { applications: `/api/v1/subsidy-programs/${chosen.id}/applications.csv`, ledger: `/api/v1/subsidy-programs/${chosen.id}/ledger.csv` },
    });
  }

  @Get('programs/new')
  async newProgram(@Res() res: Response): Promise<void> {
    const fy = fiscalYearOf(tokyoDate(this.clock.now()));
    const taken = new Set((await this.programs.list()).map((p) => p.fiscalYear));
    let year = fy;
    while (taken.has(year)) year++;
    this.renderProgramForm(res, programDefaults(year));
  }

  @Post('programs')
  async createProgram(@CurrentUser() staff: AuthenticatedUser, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const { values, plain } = readProgramForm(body);
    const errors = new FormErrorBuilder(this.i18n, PROGRAM_FORM, PROGRAM_FIELDS);
    const dto = await readForm(CreateProgramDto, plain, errors);
    if (!dto) return this.renderProgramForm(res, values, new FormRefusedError(errors.build()));
    try {
      const program = await this.programs.create(staff, dto);
      res.redirect(303, `/staff/subsidies/programs/${program.id}?created=1`);
    } catch (error) {
      if (!(error instanceof DomainError) || !error.fields.length) throw error;
      errors.addDomain(error.fields, error.code);
      this.renderProgramForm(res, values, new FormRefusedError(errors.build()), error);
    }
  }

  @Get('programs/:id')
  async program(@Param('id') id: string, @Query('created') created: unknown, @Res() res: Response): Promise<void> {
    const lang = res.locals.lang as Lang;
    const p = await this.programs.get(id);
    renderPage(res, 'subsidies/staff/program', {
      titleKey: 'subsidyStaff.program.title',
      created: created === '1',
      program: {
        id: p.id, fiscalYear: p.fiscalYear, name: p.name, municipality: p.municipality, issuer: p.issuer,
        rate: `${p.rateNumerator}/${p.rateDenominator}`,
        cap: yenText(p.capPerCompanyYen, lang), maxPrice: yenText(p.maxPricePerSessionYen, lang),
        minMinutes: p.minMinutesPerSession, maxSessions: p.maxSessionsPerEmployee, rounding: yenText(p.roundingYen, lang),
        opensOn: p.opensOn, closesOn: p.closesOn, reportDueDays: p.reportDueDays, reportDueOn: p.reportDueOn, withdrawalDays: p.withdrawalDays,
        noticeNumberFormat: p.noticeNumberFormat,
      },
      gauge: budgetGauge(p, lang),
      csv: { applications: `/api/v1/subsidy-programs/${p.id}/applications.csv`, ledger: `/api/v1/subsidy-programs/${p.id}/ledger.csv` },
    });
  }

  private renderProgramForm(res: Response, values: Record<string, string>, refused?: FormRefusedError, cause?: unknown): void {
    const errors: FormErrors | undefined = refused?.errors;
    renderPage(res, 'subsidies/staff/program-new', {
      titleKey: 'subsidyStaff.program.newTitle',
      failed: Boolean(errors),
      errors,
      fields: Object.fromEntries(PROGRAM_FIELDS.map((name) => [name, { id: name, name, value: values[name] ?? '', error: errors?.byField[name] }])),
      roundings: [1, 10, 100, 1000].map((unit) => ({ unit, selected: values.rounding_yen === String(unit) })),
    }, cause ?? refused);
  }
}
