export const ROLES = ['admin', 'city_staff', 'counsellor', 'company_manager'] as const;
export type Role = (typeof ROLES)[number];

/** City staff rights; an admin has every one of them plus user management. */
export const STAFF_ROLES: readonly Role[] = ['admin', 'city_staff'];
