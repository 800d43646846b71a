import { ApiProperty } from '@nestjs/swagger';
import type { AdviceVersion } from './advice.repository.js';

export class AdviceResponse {
  @ApiProperty() version: number;
  @ApiProperty() created_at: string;
  @ApiProperty({ description: '[{theme, ja, en}]' }) entries: { theme: string; ja: string; en: string }[];
}

export function toAdviceResponse(a: AdviceVersion): AdviceResponse {
  return { version: a.version, created_at: a.createdAt.toISOString(), entries: a.entries.map((e) => ({ theme: e.theme, ja: e.ja, en: e.en })) };
}
