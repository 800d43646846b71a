import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { FieldError } from '@hokenshitsu/core';
import { CreateReleaseDto } from '../releases/release-policy.dto.js';
import type { CreateReleaseInput } from '../releases/releases.service.js';
import type { FieldReasons } from './page-form-errors.js';

export const RELEASE_FORM = 'releases.form';
export const RELEASE_FIELDS = ['label', 'period_start', 'period_end', 'k', 'mode', 'epsilon'] as const;
export type ReleaseFormValues = Record<(typeof RELEASE_FIELDS)[number], string>;

/** What was typed, as strings (a repeated name gives an array: read as empty, then refused). */
export function releaseFormValues(body: Record<string, unknown> | undefined): ReleaseFormValues {
  const text = (name: string) => (typeof body?.[name] === 'string' ? (body[name] as string) : '');
  return {
    label: text('label'),
    period_start: text('period_start').trim(),
    period_end: text('period_end').trim(),
    k: text('k'),
    mode: text('mode').trim(),
    epsilon: text('epsilon'),
  };
}

/** "0.5" or "０．５": a decimal number; anything else stays for the DTO to refuse. */
function decimal(value: string): number | string {
  const text = value.normalize('NFKC').trim();
  return /^\d{1,3}(\.\d{1,6})?$/.test(text) ? Number(text) : text;
}

/** Full-width digits are what many people type: read them as ASCII; anything else stays for the DTO to refuse. */
function wholeNumber(value: string): number | string {
  const digits = value.normalize('NFKC').trim();
  return /^\d{1,9}$/.test(digits) ? Number(digits) : digits;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** class-validator results by form field; the policy's nested fields are the form's own fields. */
function reasonsOf(errors: ValidationError[]): FieldReasons {
  const refused: FieldReasons = [];
  for (const e of errors) {
    if (e.property === 'policy') {
      for (const child of e.children ?? []) refused.push([child.property, Object.keys(child.constraints ?? {})]);
      continue;
    }
    refused.push([e.property, isEmpty(e.value) ? ['required'] : Object.keys(e.constraints ?? {})]);
  }
  return refused;
}

/**
 * Validates the build form with the API's own DTO, so the page and the API refuse the same input.
 * The inverted period is the service's rule too (it stays the authority); checking it here as well
 * lets the form show every mistake at once instead of one round trip per mistake.
 */
export async function readReleaseForm(values: ReleaseFormValues): Promise<{ input: CreateReleaseInput } | { invalid: FieldReasons }> {
  const policy = {
    ...(values.k.trim() ? { k: wholeNumber(values.k) } : {}),
    ...(values.mode ? { mode: values.mode } : {}),
    ...(values.epsilon.trim() ? { epsilon: decimal(values.epsilon) } : {}),
  };
  const dto = {
    label: values.label.trim(),
    period_start: values.period_start,
    period_end: values.period_end,
    ...(Object.keys(policy).length ? { policy } : {}),
  };
  const invalid = reasonsOf(await validate(plainToInstance(CreateReleaseDto, dto)));
  const datesValid = !invalid.some(([field]) => field === 'period_start' || field === 'period_end');
  if (datesValid && dto.period_start > dto.period_end) invalid.push(['period_end', ['before']]);
  if (invalid.length) return { invalid };
  return {
    input: {
      label: dto.label,
      periodStart: dto.period_start,
      periodEnd: dto.period_end,
      ...(dto.policy ? { policy: dto.policy as CreateReleaseInput['policy'] } : {}),
    },
  };
}

/** A domain refusal's fields (RuleViolationError from ReleasesService.create) as form reasons. */
export function domainReasons(fields: FieldError[]): FieldReasons {
  return fields.map((f) => {
    const field = f.field.startsWith('policy.') ? f.field.slice('policy.'.length) : f.field;
    return [field, field === 'period_end' ? ['before'] : ['rule']];
  });
}
