import { Injectable } from '@nestjs/common';
import { RuleViolationError } from '@hokenshitsu/core';
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

  async list(range: ConsultationFilter, limit: number, offset: number): Promise<ConsultationPage> {
    assertRange(range);
    const { items, total } = await this.consultations.list(range, limit, offset);
    return { items, total, limit, offset };
  }
}

export function assertRange(range: HeldOnRange): void {
  if (range.from && range.to && range.from > range.to) {
    throw new RuleViolationError('from must not be after to', [{ field: 'to', message: 'must not be before from' }]);
  }
}
