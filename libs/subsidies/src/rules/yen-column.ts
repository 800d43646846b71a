import type { ValueTransformer } from 'typeorm';

/** bigint yen in PostgreSQL ↔ bigint in TypeScript (pg hands bigint back as a string; never a float). */
export const yenColumn: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};
