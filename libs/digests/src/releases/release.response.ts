import { ApiProperty } from '@nestjs/swagger';
import type { AuditReport, DisclosedCell, DisclosurePolicy, InformationLoss } from '@hokenshitsu/disclosure';
import { protectionSpecification, type ProtectionSpecification } from './protection-spec.js';
import type { Release, ReleaseStatus } from './release.entity.js';

export class ReleaseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date' }) period_start: string;
  @ApiProperty({ format: 'date' }) period_end: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: ReleaseStatus;
  @ApiProperty({ description: '{k, min_employers, max_employer_share, attribute_factor, mode} (differential_privacy adds epsilon, max_themes, max_channels)' }) policy: DisclosurePolicy;
  @ApiProperty({ description: 'The auditor\'s report: passed, checked and suppressed cells, LP solves, smallest interval, findings; privacy (differential_privacy: epsilon, sensitivity, noise, cumulative epsilon)' }) audit: AuditReport;
  @ApiProperty({ description: 'Share of cells and of clients suppressed' }) information_loss: InformationLoss;
  @ApiProperty({ description: 'The protection specification in Japanese and English' }) protection_specification: ProtectionSpecification;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) corrects_id: string | null;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) published_at: string | null;
}

export class CellResponse {
  @ApiProperty({ enum: ['employed', 'all'] }) population: string;
  @ApiProperty({ description: 'division code, a sector margin (primary_secondary|tertiary on the folded tables; primary|secondary|tertiary on JSIC tables, releases before the fold), or *' }) industry: string;
  @ApiProperty({ description: 'size class or *' }) size_class: string;
  @ApiProperty({ enum: ['total', 'theme', 'age_band', 'employment_type', 'tenure_band', 'channel'] }) dimension: string;
  @ApiProperty() category: string;
  @ApiProperty({ nullable: true, type: Number, description: 'null when suppressed' }) count: number | null;
}

/**
 * The client share is published to whole percent only: an exact share of suppressed clients would
 * hand an attacker the sum of every suppressed cell, one more equation for the interval attack.
 */
function publicInformationLoss(loss: InformationLoss): InformationLoss {
  // Large cells are counted for staff only (see InformationLoss): never in an answer.
  const { totalCells, suppressedCells, cellShare, clientShare } = loss;
  return { totalCells, suppressedCells, cellShare: Math.round(cellShare * 1000) / 1000, clientShare: Math.round(clientShare * 100) / 100 };
}

export function toReleaseResponse(r: Release): ReleaseResponse {
  return {
    id: r.id,
    label: r.label,
    period_start: r.periodStart,
    period_end: r.periodEnd,
    status: r.status,
    policy: r.policy,
    audit: r.audit,
    information_loss: publicInformationLoss(r.informationLoss),
    protection_specification: protectionSpecification(r.policy),
    corrects_id: r.correctsId,
    created_at: r.createdAt.toISOString(),
    published_at: r.publishedAt ? r.publishedAt.toISOString() : null,
  };
}

/** Never the suppression reason: "primary" would tell an attacker the hidden value is under k. */
export function toCellResponse(c: DisclosedCell): CellResponse {
  return { population: c.population, industry: c.industry, size_class: c.sizeClass, dimension: c.dimension, category: c.category, count: c.count };
}
