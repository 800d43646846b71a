import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FieldError } from '@hokenshitsu/core';
import { decimal, validationReasons, wholeNumber, type FieldReasons } from '@hokenshitsu/web';
import { CreateReleaseDto } from '../releases/release-policy.dto.js';
import type { CreateReleaseInput } from '../releases/releases.service.js';

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
  const invalid = validationReasons(await validate(plainToInstance(CreateReleaseDto, dto)));
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
