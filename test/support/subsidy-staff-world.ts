import { DataSource } from 'typeorm';
import { openProgram, TINY_PDF } from './subsidies.js';
import { login, registeredCompany, type TestApp } from './test-app.js';

export { TINY_PDF };

/** 5 employees × 2 sessions × 15,000 yen at 1/2, 千円未満切捨て: 75,000 yen. */
export const PLAN = { employees: 5, sessions_per_employee: 2, minutes_per_session: 60, price_per_session_yen: 15000, consultant_name: '山田 花子', consultant_registration_no: '16012345', target: 'childcare_return', no_other_subsidy: true };

export interface SubsidyWorld {
  programId: string;
  fiscalYear: number;
  staff: string;
  /** A verified company's application, created, quoted and submitted; answers its id and the manager's cookie. */
  submitted(plan?: Partial<typeof PLAN>): Promise<{ id: string; manager: string; companyId: string }>;
  db: DataSource;
}

async function createProgram(t: TestApp, staff: string, fiscalYear: number, budgetYen: number): Promise<string> {
  // The shared helper's programme (test/support/subsidies.ts), with this suite's budget and 千円未満切捨て.
  return (await openProgram(t, staff, fiscalYear, { budget_yen: budgetYen, cap_per_company_yen: Math.min(300_000, budgetYen), rounding_yen: 1000 }, false)).id;
}

/**
 * A programme of the suite's own fiscal year (made here, or one the suite made through the page)
 * whose window is open today (moved by SQL, as the shared context allows), and a way to make
 * submitted applications as companies do, over the API.
 */
export async function subsidyWorld(t: TestApp, staff: string, fiscalYear: number, budgetYen = 3_000_000, existingProgramId?: string): Promise<SubsidyWorld> {
  const db = t.app.get(DataSource);
  const programId = existingProgramId ?? (await createProgram(t, staff, fiscalYear, budgetYen));
  await db.query(`UPDATE subsidy_programs SET opens_on = current_date - 30, closes_on = current_date + 30 WHERE id = $1`, [programId]);
  return {
    programId,
    fiscalYear,
    staff,
    db,
    async submitted(plan = {}) {
      const company = await registeredCompany(t, { verifiedBy: staff });
      const manager = await login(t, company.managerEmail);
      const draft = await t.http.post('/api/v1/subsidy-applications').set('Cookie', manager)
        .send({ program_id: programId, ...PLAN, period_start: `${fiscalYear}-06-01`, period_end: `${fiscalYear}-09-30`, ...plan });
      if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
      const id = draft.body.id as string;
      const quote = await t.http.post(`/api/v1/subsidy-applications/${id}/files?kind=quote&name=quote.pdf`).set('Cookie', manager).set('Content-Type', 'application/pdf').send(TINY_PDF);
      if (quote.status !== 201 && quote.status !== 200) throw new Error(`quote: ${quote.status} ${JSON.stringify(quote.body)}`);
      const submit = await t.http.post(`/api/v1/subsidy-applications/${id}/submit`).set('Cookie', manager);
      if (submit.status !== 200) throw new Error(`submit: ${submit.status} ${JSON.stringify(submit.body)}`);
      return { id, manager, companyId: company.id };
    },
  };
}
