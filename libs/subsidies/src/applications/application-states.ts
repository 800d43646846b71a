/**
 * The application's life, as a Japanese municipal subsidy runs it:
 * 交付申請 (submitted) → 交付決定 (approved) or 不交付決定 (rejected); 差戻し (returned) → 再提出;
 * 実績報告 (reported) → 額の確定 (confirmed) → 交付請求 (claimed) → 支払 (paid); 取下げ (withdrawn).
 * One table says which action moves which state, by whom: services and pages read it, tests
 * walk it.
 */
export const APPLICATION_STATES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'reported', 'confirmed', 'claimed', 'paid', 'withdrawn'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export type Actor = 'company' | 'staff';

export const APPLICATION_ACTIONS = ['submit', 'withdraw', 'return', 'approve', 'reject', 'report', 'confirm', 'claim', 'pay', 'change-request', 'approve-change', 'refuse-change'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export interface Transition {
  by: Actor;
  from: readonly ApplicationState[];
  /** null: the state stays (a change request is decided on an approved application). */
  to: ApplicationState | null;
}

export const TRANSITIONS: Record<ApplicationAction, Transition> = {
  submit: { by: 'company', from: ['draft', 'returned'], to: 'submitted' },
  // From approved only within the programme's withdrawal window (checked by the service).
  withdraw: { by: 'company', from: ['draft', 'submitted', 'returned', 'approved'], to: 'withdrawn' },
  return: { by: 'staff', from: ['submitted'], to: 'returned' },
  approve: { by: 'staff', from: ['submitted'], to: 'approved' },
  reject: { by: 'staff', from: ['submitted'], to: 'rejected' },
  report: { by: 'company', from: ['approved'], to: 'reported' },
  confirm: { by: 'staff', from: ['reported'], to: 'confirmed' },
  claim: { by: 'company', from: ['confirmed'], to: 'claimed' },
  pay: { by: 'staff', from: ['claimed'], to: 'paid' },
  'change-request': { by: 'company', from: ['approved'], to: null },
  'approve-change': { by: 'staff', from: ['approved'], to: null },
  'refuse-change': { by: 'staff', from: ['approved'], to: null },
};

/** The actions an actor may take on an application in this state (what a page offers). */
export function actionsFor(state: ApplicationState, by: Actor): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((a) => TRANSITIONS[a].by === by && TRANSITIONS[a].from.includes(state));
}

/** Money the budget holds for an application in this state. */
export const COMMITTED_STATES: readonly ApplicationState[] = ['approved', 'reported'];
export const CONFIRMED_STATES: readonly ApplicationState[] = ['confirmed', 'claimed'];

/** Fields of the 交付申請 that a return may name and a company may correct. */
export const APPLICATION_FIELDS = [
  'employees', 'target', 'target_note', 'sessions_per_employee', 'minutes_per_session', 'price_per_session_yen',
  'consultant_name', 'consultant_registration_no', 'period_start', 'period_end', 'sme_category', 'no_other_subsidy', 'quote',
] as const;
export type ApplicationField = (typeof APPLICATION_FIELDS)[number];

/** Who is interviewed (対象者). */
export const TARGETS = ['childcare_return', 'age_milestone', 'new_hire', 'all_women', 'other'] as const;
export type Target = (typeof TARGETS)[number];
