import { readPlanForm, reasonOf } from './application-form.js';

describe('readPlanForm', () => {
  it('reads full-width digits and separators, clears what she emptied, and leaves out what the form does not carry', () => {
    const { plain, values } = readPlanForm({ employees: '１２', price_per_session_yen: '16,500', sessions_per_employee: '', consultant_name: ' 山田 ', period_start: '', target: 'new_hire' });
    expect(plain).toEqual({
      employees: 12, price_per_session_yen: 16_500, sessions_per_employee: null, consultant_name: ' 山田 ', period_start: null, target: 'new_hire', no_other_subsidy: false,
    });
    // Shown again as typed.
    expect(values.employees).toBe('１２');
    expect('sme_category' in plain).toBe(false);
    expect('minutes_per_session' in plain).toBe(false);
  });

  it('keeps what is not a number for the DTO to refuse, and reads the declaration from its checkbox', () => {
    const { plain } = readPlanForm({ employees: 'たくさん', no_other_subsidy: 'true' });
    expect(plain).toMatchObject({ employees: 'たくさん', no_other_subsidy: true });
  });
});

describe('reasonOf', () => {
  it.each([
    [{ field: 'quote', message: "attach the consultant's quote (PDF or image)" }, 'required'],
    [{ field: 'employees', message: 'is required' }, 'required'],
    [{ field: 'period_end', message: 'must lie in fiscal year 2080 (2080-04-01 to 2081-03-31)' }, 'fiscalYear'],
    [{ field: 'period_end', message: 'must not be before period_start' }, 'order'],
    [{ field: 'minutes_per_session', message: 'must be at least 30 minutes (one to one) to be eligible' }, 'tooShort'],
    [{ field: 'price_per_session_yen', message: 'the plan computes to no subsidy' }, 'noSubsidy'],
    [{ field: 'consultant_registration_no', message: 'must be the 8-digit キャリアコンサルタント registration number' }, 'invalid'],
  ])('%j → %s', (problem, reason) => {
    expect(reasonOf(problem)).toBe(reason);
  });
});
