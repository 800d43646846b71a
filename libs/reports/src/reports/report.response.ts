import { ApiProperty } from '@nestjs/swagger';
import type { ReportStatus } from './report.entity.js';
import type { Report } from './report.entity.js';

export class ReportResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued', 'rendering', 'done', 'failed'] }) status: ReportStatus;
  @ApiProperty({ description: '0–100' }) progress: number;
  @ApiProperty({ nullable: true, type: Number, description: 'size of the PDF once done' }) bytes: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 of the PDF once done (its ETag)' }) sha256: string | null;
  @ApiProperty({ required: false, description: 'why the last attempt failed' }) error?: string;
}

/** The status contract: `{id, status, progress, bytes, sha256, error?}`. */
export function toReportResponse(r: Report): ReportResponse {
  const body: ReportResponse = { id: r.id, status: r.status, progress: r.progress, bytes: r.bytes, sha256: r.sha256 };
  if (r.error && r.status !== 'done') body.error = r.error;
  return body;
}

/** A request's answer (202): `{id, status}`. */
export function toReportAccepted(r: Report): { id: string; status: ReportStatus } {
  return { id: r.id, status: r.status };
}
