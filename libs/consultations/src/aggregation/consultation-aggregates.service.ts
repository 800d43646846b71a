import { Injectable } from '@nestjs/common';
import type { CellAggregate } from '@hokenshitsu/disclosure';
import { ConsultationAggregatesQuery, type ContributionCaps } from './consultation-aggregates.query.js';

export type { ContributionCaps } from './consultation-aggregates.query.js';

/** Inclusive ISO dates of the consultations' held_on. */
export interface AggregationPeriod {
  start: string;
  end: string;
}

export interface AggregationOptions {
  /** Differential privacy: count each client under at most this many themes and channels. */
  caps?: ContributionCaps;
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
    return this.query.forPeriod(period.start, period.end, options.caps);
  }
}
