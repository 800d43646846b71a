import { DataSource } from 'typeorm';
import { login, registeredCompany, signedInAs, type TestApp } from './test-app.js';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

export interface SubsidyWorld {
  staff: string;
  manager: string;
  managerEmail: string;
  companyId: string;
  programId: string;
}

/**
 * A verified company in 旭川市 with its manager signed in, and a programme of the suite's own
 * fiscal year (1/2, 15,000 yen a session, 30 minutes, 千円未満切捨て) open today.
 */
export async function subsidyWorld(t: TestApp, fiscalYear: number): Promise<SubsidyWorld> {
  const staff = (await signedInAs(t, 'city_staff')).cookie;
  const company = await registeredCompany(t, { verifiedBy: staff });
  const manager = await login(t, company.managerEmail);
  const res = await t.http.post('/api/v1/subsidy-programs').set('Cookie', staff).send({
    fiscal_year: fiscalYear, budget_yen: 1_000_000, rate_numerator: 1, rate_denominator: 2, cap_per_company_yen: 300_000,
    max_price_per_session_yen: 15_000, min_minutes_per_session: 30, max_sessions_per_employee: 3, rounding_yen: 1000,
    opens_on: `${fiscalYear}-04-01`, closes_on: `${fiscalYear}-12-28`,
  });
  if (res.status !== 201) throw new Error(`programme: ${res.status} ${JSON.stringify(res.body)}`);
  await t.app.get(DataSource).query(`UPDATE subsidy_programs SET opens_on = current_date - 30, closes_on = current_date + 30 WHERE id = $1`, [res.body.id]);
  return { staff, manager, managerEmail: company.managerEmail, companyId: company.id, programId: res.body.id };
}

/** A draft of her company's through the API, with whatever plan fields are given. */
export async function draftOf(t: TestApp, w: SubsidyWorld, plan: Record<string, unknown> = {}): Promise<string> {
  const res = await t.http.post('/api/v1/subsidy-applications').set('Cookie', w.manager).send({ program_id: w.programId, ...plan });
  if (res.status !== 201) throw new Error(`draft: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export function completePlan(fiscalYear: number): Record<string, unknown> {
  return {
    employees: 5, sessions_per_employee: 2, minutes_per_session: 45, price_per_session_yen: 16_500,
    consultant_name: '山田 花子', consultant_registration_no: '16012345', target: 'childcare_return',
    period_start: `${fiscalYear}-06-01`, period_end: `${fiscalYear}-09-30`, no_other_subsidy: true,
  };
}

export async function attachQuote(t: TestApp, w: SubsidyWorld, id: string): Promise<void> {
  const res = await t.http.post(`/api/v1/subsidy-applications/${id}/files?kind=quote&name=quote.pdf`).set('Cookie', w.manager).set('Content-Type', 'application/pdf').send(PDF);
  if (res.status !== 201) throw new Error(`quote: ${res.status} ${JSON.stringify(res.body)}`);
}
