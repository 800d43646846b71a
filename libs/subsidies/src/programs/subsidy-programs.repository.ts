import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';
import { SubsidyProgram } from './subsidy-program.entity.js';

export type NewProgram = Omit<SubsidyProgram, 'id' | 'committedYen' | 'confirmedYen' | 'paidYen' | 'createdAt'>;

/** Every query on subsidy_programs, the budget's running totals included. */
@Injectable()
export class SubsidyProgramsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  find(id: string, m: EntityManager = this.db.manager): Promise<SubsidyProgram | null> {
    return m.getRepository(SubsidyProgram).findOne({ where: { id: idOrNothing(id) } });
  }

  /** The programme row locked for the rest of the transaction: budget and per-company caps are decided one at a time. */
  lock(m: EntityManager, id: string): Promise<SubsidyProgram | null> {
    return m.getRepository(SubsidyProgram).findOne({ where: { id: idOrNothing(id) }, lock: { mode: 'pessimistic_write' } });
  }

  list(): Promise<SubsidyProgram[]> {
    return this.db.manager.getRepository(SubsidyProgram).find({ order: { fiscalYear: 'DESC' } });
  }

  /** Every programme whose application window contains this date, the one closing soonest first. */
  allOpenOn(date: string): Promise<SubsidyProgram[]> {
    return this.db.manager
      .getRepository(SubsidyProgram)
      .createQueryBuilder('p')
      .where('p.opens_on <= :date AND p.closes_on >= :date', { date })
      .orderBy('p.closes_on', 'ASC')
      .addOrderBy('p.fiscal_year', 'DESC')
      .getMany();
  }

  /** The programme whose application window contains this date (the newest, should two overlap). */
  openOn(date: string): Promise<SubsidyProgram | null> {
    return this.db.manager
      .getRepository(SubsidyProgram)
      .createQueryBuilder('p')
      .where('p.opens_on <= :date AND p.closes_on >= :date', { date })
      .orderBy('p.fiscal_year', 'DESC')
      .getOne();
  }

  /** null when the fiscal year already has a programme. */
  async insert(m: EntityManager, p: NewProgram): Promise<string | null> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO subsidy_programs (fiscal_year, name, municipality, issuer, budget_yen, rate_numerator, rate_denominator,
         cap_per_company_yen, max_price_per_session_yen, min_minutes_per_session, max_sessions_per_employee, rounding_yen,
         opens_on, closes_on, report_due_days, report_due_on, withdrawal_days, notice_number_format, created_by, staff_email)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)
       ON CONFLICT (fiscal_year) DO NOTHING RETURNING id`,
      [p.fiscalYear, p.name, p.municipality, p.issuer, p.budgetYen.toString(), p.rateNumerator, p.rateDenominator,
        p.capPerCompanyYen.toString(), p.maxPricePerSessionYen.toString(), p.minMinutesPerSession, p.maxSessionsPerEmployee, p.roundingYen,
        p.opensOn, p.closesOn, p.reportDueDays, p.reportDueOn, p.withdrawalDays, p.noticeNumberFormat, p.createdBy, p.staffEmail],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Moves yen between the ledger's columns in one conditional UPDATE. `committed`, `confirmed` and
   * `paid` are deltas; the WHERE refuses any change that would leave the budget overspent (and the
   * table's CHECK would refuse it even without the WHERE). Answers false when refused.
   */
  async move(m: EntityManager, programId: string, delta: { committed?: bigint; confirmed?: bigint; paid?: bigint }): Promise<boolean> {
    const c = (delta.committed ?? 0n).toString();
    const f = (delta.confirmed ?? 0n).toString();
    const p = (delta.paid ?? 0n).toString();
    const [, count] = (await m.query(
      `UPDATE subsidy_programs
          SET committed_yen = committed_yen + $2::bigint, confirmed_yen = confirmed_yen + $3::bigint, paid_yen = paid_yen + $4::bigint
        WHERE id = $1
          AND committed_yen + $2::bigint + confirmed_yen + $3::bigint + paid_yen + $4::bigint <= budget_yen`,
      [programId, c, f, p],
    )) as [unknown, number];
    return count === 1;
  }
}
