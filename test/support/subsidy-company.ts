import { companyManager, openProgram, TINY_PDF } from './subsidies.js';
import { signedInAs, type TestApp } from './test-app.js';

/** The quote, invoice or receipt a company uploads (typed by content). */
export const PDF = TINY_PDF;

export interface SubsidyWorld {
  staff: string;
  manager: string;
  managerEmail: string;
  companyId: string;
  programId: string;
}

/**
 * The company pages' world, on the shared subsidy helpers (test/support/subsidies.ts): a verified
 * company in 旭川市 with its manager signed in, and a programme of the suite's own fiscal year
 * (1/2, 15,000 yen a session, 30 minutes, 千円未満切捨て, 1,000,000 yen) open today.
 */
export async function subsidyWorld(t: TestApp, fiscalYear: number): Promise<SubsidyWorld> {
  const staff = (await signedInAs(t, 'city_staff')).cookie;
  const program = await openProgram(t, staff, fiscalYear, { budget_yen: 1_000_000, rounding_yen: 1000 });
  const manager = await companyManager(t, staff);
  return { staff, manager: manager.cookie, managerEmail: manager.email, companyId: manager.companyId, programId: program.id };
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
