import { ApiProperty } from '@nestjs/swagger';
import type { Consultation } from './consultation.js';
import type { ConsultationPage } from './consultations.service.js';

/** A stored consultation as the API shows it: never the employer key, never its HMAC. */
export class ConsultationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-11-04' }) held_on: string;
  @ApiProperty() client_ref: string;
  @ApiProperty() industry: string;
  @ApiProperty({ nullable: true, type: String }) size_band: string | null;
  @ApiProperty() age_band: string;
  @ApiProperty() employment_type: string;
  @ApiProperty() tenure_band: string;
  @ApiProperty() channel: string;
  @ApiProperty() duration_min: number;
  @ApiProperty({ type: [String] }) themes: string[];
  @ApiProperty({ nullable: true, type: Number }) satisfaction: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'Counsellor memo (never exported or aggregated)' }) memo: string | null;
  @ApiProperty({ format: 'uuid' }) recorded_by: string;
  @ApiProperty() recorded_at: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) import_id: string | null;
}

export class ConsultationPageResponse {
  @ApiProperty({ type: [ConsultationResponse] }) items: ConsultationResponse[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

export class ImportResultResponse {
  @ApiProperty({ example: 1200 }) imported: number;
  @ApiProperty({ format: 'uuid' }) import_id: string;
}

export function toConsultationResponse(c: Consultation): ConsultationResponse {
  return {
    id: c.id,
    held_on: c.heldOn,
    client_ref: c.clientRef,
    industry: c.industry,
    size_band: c.sizeBand,
    age_band: c.ageBand,
    employment_type: c.employmentType,
    tenure_band: c.tenureBand,
    channel: c.channel,
    duration_min: c.durationMin,
    themes: c.themes,
    satisfaction: c.satisfaction,
    memo: c.memo,
    recorded_by: c.recordedBy,
    recorded_at: c.recordedAt.toISOString(),
    import_id: c.importId,
  };
}

export function toConsultationPageResponse(page: ConsultationPage): ConsultationPageResponse {
  return { items: page.items.map(toConsultationResponse), total: page.total, limit: page.limit, offset: page.offset };
}
