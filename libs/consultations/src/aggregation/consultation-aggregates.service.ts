import { Injectable } from '@nestjs/common';
import type { CellAggregate } from '@hokenshitsu/disclosure';
import { INDUSTRIES } from '@hokenshitsu/reference';
import { ConsultationAggregatesQuery, type ContributionCaps, type SectorMapping } from './consultation-aggregates.query.js';

export type { ContributionCaps, SectorMapping } from './consultation-aggregates.query.js';

/** JSIC's sector margins: the reference divisions' own sectors. */
const JSIC_SECTORS: SectorMapping = INDUSTRIES.map((i) => ({ code: i.code, sector: i.sector }));

/** Inclusive ISO dates of the consultations' held_on. */
export interface AggregationPeriod {
  start: string;
  end: string;
}

export interface AggregationOptions {
  /** Differential privacy: count each client under at most this many themes and channels. */
  caps?: ContributionCaps;
  /**
   * The sector margins of the tables being built: each division's sector scope (the release's
   * classification.industries). Default: JSIC's primary, secondary and tertiary.
   */
  sectors?: SectorMapping;
}

/**
 * What the release build reads of the consultations: distinct-client counts per cell, computed
 * where the records are. Other domains see cells, never the table.
 */
@Injectable()
export class ConsultationAggregatesService {
  constructor(private readonly query: ConsultationAggregatesQuery) {}

  /** The non-zero cells of every table over the period's clients (each in her latest scope). */
  aggregate(period: AggregationPeriod, options: AggregationOptions = {}): Promise<CellAggregate[]> {
    return this.query.forPeriod(period.start, period.end, options.sectors ?? JSIC_SECTORS, options.caps);
  }

  /** The fiscal years that hold consultations, newest first: the years a release form offers. */
  fiscalYearsOnRecord(): Promise<number[]> {
    return this.query.fiscalYearsOnRecord();
  }
}
