import { Injectable } from '@nestjs/common';
import { Clock, RuleViolationError, tokyoDate } from '@hokenshitsu/core';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import type { Consultation, ConsultationFilter, ConsultationInput, HeldOnRange } from './consultation.js';
import { crossFieldViolations } from './consultation-rules.js';
import { ConsultationsRepository } from './consultations.repository.js';
import { EmployerHmac } from './employer-hmac.js';

export interface ConsultationPage {
  items: Consultation[];
  total: number;
  limit: number;
  offset: number;
}

/** Recording one consultation and reading them back (counsellors and city staff). */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly consultations: ConsultationsRepository,
    private readonly employerHmac: EmployerHmac,
    private readonly clock: Clock,
  ) {}

  /** Stores one record; the employer key is hashed here and goes no further. */
  async record(counsellor: AuthenticatedUser, input: ConsultationInput): Promise<Consultation> {
    const violations = crossFieldViolations(input);
    if (violations.length) throw new RuleViolationError(violations.map((v) => v.message).join('; '), violations);
    const { employerKey, ...rest } = input;
    return this.consultations.insertOne({
      ...rest,
      employerHmac: this.employerHmac.of(employerKey),
      recordedBy: counsellor.id,
      importId: null,
    });
  }

  /** The export's file name: the range asked for, its open ends read from the data (see exportFileName). */
  async exportFileName(range: HeldOnRange): Promise<string> {
    assertRange(range);
    const bounds = range.from && range.to ? null : await this.consultations.heldOnBounds(range);
    return exportFileName(range, bounds, tokyoDate(this.clock.now()));
  }

  async list(range: ConsultationFilter, limit: number, offset: number): Promise<ConsultationPage> {
    assertRange(range);
    const { items, total } = await this.consultations.list(range, limit, offset);
    return { items, total, limit, offset };
  }
}

/**
 * `consultations-<from>-<to>.csv`. An open end is named by the data: the first or last session date
 * the export holds; an export with nothing in it is `all` up to today (Tokyo).
 */
export function exportFileName(range: HeldOnRange, bounds: { first: string; last: string } | null, today: string): string {
  const from = range.from ?? bounds?.first ?? 'all';
  const to = range.to ?? bounds?.last ?? today;
  return `consultations-${from}-${to}.csv`;
}

export function assertRange(range: HeldOnRange): void {
  if (range.from && range.to && range.from > range.to) {
    throw new RuleViolationError('from must not be after to', [{ field: 'to', message: 'must not be before from' }]);
  }
}
