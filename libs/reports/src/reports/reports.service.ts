import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ForbiddenError, InvalidStateTransitionError, NO_ID, NotFoundError } from '@hokenshitsu/core';
import { CompaniesService } from '@hokenshitsu/companies';
import type { DisclosedCell } from '@hokenshitsu/disclosure';
import { buildDigest, digestMinimumTotal, DigestService, EmployerSupport, ReleasePublications, ReleasesService, type Release } from '@hokenshitsu/digests';
import { STAFF_ROLES, type AuthenticatedUser } from '@hokenshitsu/identity';
import { INDUSTRIES, SIZE_CLASSES } from '@hokenshitsu/reference';
import { AdviceService } from '../advice/advice.service.js';
import { REPORT_TEMPLATE_VERSION } from '../content/report-document.js';
import { REPORT_LOCALES, type ReportInput, type ReportLocale } from '../content/report-input.js';
import { ReportsProducer } from '../jobs/reports.producer.js';
import type { Report, ReportKey } from './report.entity.js';
import { ReportsRepository } from './reports.repository.js';

/** The worker reads releases as city staff would: a report's row exists only after its request passed the checks below. */
const WORKER_VIEWER: AuthenticatedUser = { id: NO_ID, email: 'worker@hokenshitsu.local', role: 'city_staff', companyId: null, sessionId: '' };

export interface RequestReportInput {
  releaseId: string;
  industry: string;
  sizeClass: string;
  locale: ReportLocale;
}

/** A publication's batch as staff follow it. */
export interface ReportBatch {
  releaseId: string;
  total: number;
  queued: number;
  rendering: number;
  done: number;
  failed: number;
}

/**
 * Feedback reports: requested by anyone signed in for a published release (staff for drafts too),
 * rendered once by the worker, downloaded many times. A request names the report by what makes it
 * (release, scope, locale, template and advice version), so asking again, or a hundred people
 * asking at once, is the same report.
 */
@Injectable()
export class ReportsService implements OnModuleInit {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly releases: ReleasesService,
    private readonly digests: DigestService,
    private readonly companies: CompaniesService,
    private readonly advice: AdviceService,
    private readonly producer: ReportsProducer,
    private readonly publications: ReleasePublications,
    private readonly support: EmployerSupport,
  ) {}

  onModuleInit(): void {
    this.publications.subscribe((release) => this.queueBatch(release).then(() => undefined));
  }

  async request(viewer: AuthenticatedUser, input: RequestReportInput): Promise<Report> {
    await this.requireVerified(viewer);
    // The same checks and the same refusals as the digest API: a wrong code is a 400 naming it, a
    // draft is "not found" for a manager, a release with no publishable scope a 422.
    const digest = await this.digests.digest(viewer, input.releaseId, input.industry, input.sizeClass);
    const advice = await this.advice.current();
    const key: ReportKey = { releaseId: digest.release_id, industry: input.industry, sizeClass: input.sizeClass, locale: input.locale, templateVersion: REPORT_TEMPLATE_VERSION, adviceVersion: advice.version };
    let { report } = await this.reports.findOrCreate(key);
    await this.reports.recordRequest(report.id, viewer.id);
    if (report.status === 'failed') {
      await this.reports.requeue(report.id);
      report = (await this.reports.find(report.id))!;
    }
    if (report.status !== 'done') await this.producer.enqueue(report);
    return report;
  }

  /** A report of a draft is "not found" for anyone but staff, like the draft itself. */
  async get(viewer: AuthenticatedUser, id: string): Promise<Report> {
    await this.requireVerified(viewer);
    const report = await this.reports.find(id);
    if (!report) throw new NotFoundError('report');
    await this.releases.get(viewer, report.releaseId).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError('report') : error;
    });
    return report;
  }

  async download(viewer: AuthenticatedUser, id: string): Promise<{ report: Report; pdf: Buffer }> {
    const report = await this.get(viewer, id);
    if (report.status !== 'done') throw new InvalidStateTransitionError('report', report.status, 'download');
    const pdf = await this.reports.pdf(report.id);
    if (!pdf) throw new NotFoundError('report');
    return { report, pdf };
  }

  /** The reports she asked for, newest first, each still readable by her (a release never goes back to draft). */
  mine(viewer: AuthenticatedUser) {
    return this.reports.requestedBy(viewer.id);
  }

  /**
   * After a publication: one report per publishable scope (every industry division and size class
   * for which the release gives a digest) and locale, queued as one flow, so that a manager's
   * download is usually ready before she asks.
   */
  async queueBatch(release: Release): Promise<ReportBatch> {
    // Off: no rows either, so the batch page never waits for reports nobody queued.
    if (!this.producer.prerenderOnPublish) return this.batch(WORKER_VIEWER, release.id);
    const advice = await this.advice.current();
    const cells = await this.releases.cellsOf(release);
    const keys: ReportKey[] = publishableScopes(cells, digestMinimumTotal(release.policy)).flatMap((scope) =>
      REPORT_LOCALES.map((locale) => ({ releaseId: release.id, ...scope, locale, templateVersion: REPORT_TEMPLATE_VERSION, adviceVersion: advice.version })),
    );
    const rows = await this.reports.findOrCreateMany(keys);
    await this.producer.enqueueBatch(release.id, REPORT_TEMPLATE_VERSION, advice.version, rows.filter((r) => r.status !== 'done'));
    return this.batch(WORKER_VIEWER, release.id);
  }

  /** How far a release's reports (current template and advice) have got: staff follow it after publishing. */
  async batch(staff: AuthenticatedUser, releaseId: string): Promise<ReportBatch> {
    if (!STAFF_ROLES.includes(staff.role)) throw new ForbiddenError('report batches are for city staff');
    const release = await this.releases.get(staff, releaseId);
    const advice = await this.advice.current();
    const counts = await this.reports.countByStatus(release.id, REPORT_TEMPLATE_VERSION, advice.version);
    return { releaseId: release.id, total: counts.queued + counts.rendering + counts.done + counts.failed, ...counts };
  }

  /**
   * The worker's side: marks the report rendering and gathers what the template shows, or answers
   * null when it is done already (a duplicate or retried job renders nothing).
   */
  async startRender(reportId: string): Promise<{ report: Report; input: ReportInput } | null> {
    const report = await this.reports.find(reportId);
    if (!report || !(await this.reports.startRendering(report.id))) return null;
    const release = await this.releases.get(WORKER_VIEWER, report.releaseId);
    const digest = await this.digests.digest(WORKER_VIEWER, release.id, report.industry, report.sizeClass);
    const advice = await this.advice.get(report.adviceVersion);
    const input: ReportInput = {
      locale: report.locale,
      requested: { industry: report.industry, sizeClass: report.sizeClass },
      digest,
      release: {
        id: release.id,
        label: release.label,
        periodStart: release.periodStart,
        periodEnd: release.periodEnd,
        status: release.status,
        publishedAt: release.publishedAt,
        policy: release.policy,
      },
      advice: { version: advice.version, entries: advice.entries },
      support: await this.support.current(),
    };
    return { report, input };
  }

  progress(reportId: string, progress: number): Promise<void> {
    return this.reports.setProgress(reportId, progress);
  }

  /** Stores a rendered PDF once; answers its facts. */
  async finishRender(reportId: string, pdf: Buffer): Promise<{ stored: boolean; sha256: string; pages: number }> {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const pages = pdfPageCount(pdf);
    const stored = await this.reports.storeDone(reportId, pdf, { sha256, pages });
    return { stored, sha256, pages };
  }

  failRender(reportId: string, reason: string, final: boolean): Promise<void> {
    return final ? this.reports.markFailed(reportId, reason) : this.reports.markRetrying(reportId, reason);
  }

  /** A manager reads reports once her company is verified (the same rule as the rest of her portal). */
  private async requireVerified(viewer: AuthenticatedUser): Promise<void> {
    if (viewer.role !== 'company_manager') return;
    const company = viewer.companyId ? await this.companies.get(viewer, viewer.companyId) : null;
    if (company?.status !== 'verified') throw new ForbiddenError('reports are available once the city has verified your company');
  }
}

/** Every industry division × size class for which the release gives a digest (from some scope): what a publication renders. */
export function publishableScopes(cells: DisclosedCell[], minTotal: number): { industry: string; sizeClass: string }[] {
  return INDUSTRIES.flatMap((industry) =>
    SIZE_CLASSES.filter((size) => buildDigest(cells, industry.code, size.code, minTotal) !== null).map((size) => ({ industry: industry.code, sizeClass: size.code })),
  );
}

/** Pages in a PDF Chromium wrote (page objects; Chromium writes no compressed object streams). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
