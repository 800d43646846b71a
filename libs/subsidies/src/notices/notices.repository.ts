import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NoticeData, NoticeKind } from './notice-input.js';

export interface IssueNotice {
  applicationId: string;
  programId: string;
  fiscalYear: number;
  /** The programme's format, e.g. 旭女活第{n}号. */
  numberFormat: string;
  kind: NoticeKind;
  issuedOn: string;
  amountYen: bigint | null;
  data: NoticeData;
}

/** Every query on subsidy_notices, their counters and PDFs. */
@Injectable()
export class NoticesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Issues a notice inside the decision's transaction: the next number of its fiscal year (the
   * counter row is locked until commit, so numbers have no gaps and no duplicates), and the words
   * it will print, frozen.
   */
  async issue(m: EntityManager, n: IssueNotice): Promise<{ id: string; number: string }> {
    const [{ last }] = (await m.query(
      `INSERT INTO subsidy_notice_counters (fiscal_year, last) VALUES ($1, 1)
       ON CONFLICT (fiscal_year) DO UPDATE SET last = subsidy_notice_counters.last + 1 RETURNING last`,
      [n.fiscalYear],
    )) as [{ last: number }];
    const number = n.numberFormat.replace('{n}', String(last));
    const [{ id }] = (await m.query(
      `INSERT INTO subsidy_notices (application_id, program_id, kind, fiscal_year, seq, number, issued_on, amount_yen, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [n.applicationId, n.programId, n.kind, n.fiscalYear, last, number, n.issuedOn, n.amountYen?.toString() ?? null, JSON.stringify(n.data)],
    )) as [{ id: string }];
    return { id, number };
  }
}
