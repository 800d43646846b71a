import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError } from '@hokenshitsu/core';
import { STAFF_ROLES, type AuthenticatedUser } from '@hokenshitsu/identity';
import { templatePaths } from '@hokenshitsu/web';
import { actorOf, SubsidyApplicationsService } from '../applications/subsidy-applications.service.js';
import { toCsv } from '../exports/csv.js';
import { SubsidiesProducer } from '../jobs/subsidies.producer.js';
import { SubsidyProgramsService } from '../programs/subsidy-programs.service.js';
import { warekiDate } from './content/wareki.js';
import type { NoticeInput, NoticeKind } from './notice-input.js';
import { NoticesRepository, type NoticeRow } from './notices.repository.js';

/** The notices' names (shared labels subsidies.notice.*), for the register's CSV. */
const NOTICE_TITLES: Record<NoticeKind, string> = JSON.parse(readFileSync(join(templatePaths().locales, 'subsidies.ja.json'), 'utf8')).subsidies.notice;
const STATUS_JA: Record<NoticeRow['status'], string> = { queued: '作成待ち', rendering: '作成中', done: '発行済み', failed: '作成失敗' };

/**
 * Official notices after they were issued (ApplicationTransitionsService issues them with the
 * decision): their PDFs rendered once by the worker, downloaded by the company they are for, and
 * the register of every notice for staff.
 */
@Injectable()
export class NoticesService {
  constructor(
    private readonly notices: NoticesRepository,
    private readonly applications: SubsidyApplicationsService,
    private readonly programs: SubsidyProgramsService,
    private readonly producer: SubsidiesProducer,
  ) {}

  /** An application's notices; another company's application is not found. */
  async forApplication(viewer: AuthenticatedUser, applicationId: string): Promise<NoticeRow[]> {
    const a = await this.applications.get(viewer, applicationId);
    return this.notices.forApplication(a.id);
  }

  /** A rendered notice's PDF: not found across tenants, 409 until the worker has rendered it. */
  async download(viewer: AuthenticatedUser, id: string): Promise<{ notice: NoticeRow & { sha256: string }; pdf: Buffer }> {
    const actor = actorOf(viewer);
    const notice = await this.notices.find(id);
    if (!notice || (actor === 'company' && notice.company_id !== viewer.companyId)) throw new NotFoundError('subsidy notice');
    const pdf = notice.status === 'done' ? await this.notices.pdf(notice.id) : undefined;
    if (!pdf || !notice.sha256) throw new ConflictError(`notice ${notice.number} is ${notice.status}: its PDF is not ready yet`, [{ field: 'status', message: `is ${notice.status}` }]);
    return { notice: { ...notice, sha256: notice.sha256 }, pdf };
  }

  /**
   * A notice whose every render failed, queued again by staff (after whatever broke is fixed); its
   * number and words stay as issued. 409 when it is not failed.
   */
  async renderAgain(viewer: AuthenticatedUser, id: string): Promise<NoticeRow> {
    this.staffOnly(viewer);
    const notice = await this.notices.find(id);
    if (!notice) throw new NotFoundError('subsidy notice');
    if (!(await this.notices.requeueFailed(notice.id))) throw new ConflictError(`notice ${notice.number} is ${notice.status}: only a failed notice is rendered again`, [{ field: 'status', message: `is ${notice.status}` }]);
    await this.producer.renderNotice(notice.id).catch(() => undefined); // the sweep queues it otherwise
    return (await this.notices.find(notice.id))!;
  }

  /** The register of every notice issued (staff). */
  register(viewer: AuthenticatedUser, filter: { programId?: string; kind?: NoticeKind }): Promise<NoticeRow[]> {
    this.staffOnly(viewer);
    return this.notices.register(filter);
  }

  /** The register of one programme as CSV for the city's accounting (UTF-8 with BOM, CRLF). */
  async registerCsv(viewer: AuthenticatedUser, programId: string): Promise<{ fileName: string; csv: string }> {
    this.staffOnly(viewer);
    const program = await this.programs.get(programId);
    const rows = await this.notices.register({ programId: program.id });
    const header = ['通知番号', '種類', '発行日', '和暦', '事業者', '交付決定額/確定額', '状態', '申請ID', '通知ID'];
    const lines = rows.map((n) => [
      n.number,
      noticeTitle(n),
      n.issued_on,
      warekiDate(n.issued_on),
      n.company_name,
      n.amount_yen ?? '',
      STATUS_JA[n.status],
      n.application_id,
      n.id,
    ]);
    return { fileName: `通知書台帳_${program.fiscalYear}年度.csv`, csv: toCsv([header, ...lines]) };
  }

  /** For the worker: the notice's frozen content, or null when it is rendered already. */
  startRender(id: string): Promise<NoticeInput | null> {
    return this.notices.startRender(id);
  }

  async finishRender(id: string, pdf: Buffer): Promise<{ stored: boolean; sha256: string }> {
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    return { stored: await this.notices.finishRender(id, pdf, sha256), sha256 };
  }

  failRender(id: string, error: string, final: boolean): Promise<void> {
    return this.notices.failRender(id, error, final);
  }

  queuedBefore(seconds: number): Promise<string[]> {
    return this.notices.queuedBefore(seconds);
  }

  private staffOnly(viewer: AuthenticatedUser): void {
    if (!STAFF_ROLES.includes(viewer.role)) throw new ForbiddenError('the register of notices is for city staff');
  }
}

/** 交付決定通知書, 変更交付決定通知書, 不交付決定通知書 or 額確定通知書. */
export function noticeTitle(n: Pick<NoticeRow, 'kind' | 'change'>): string {
  return n.kind === 'decision' && n.change ? `変更${NOTICE_TITLES.decision}` : NOTICE_TITLES[n.kind];
}
