import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotFoundError } from '@hokenshitsu/core';
import { REFERENCE_LIST_NAMES, type ReferenceListName } from './reference-codes.js';

/** Each list's table and the extra columns its rows carry beyond code/ja/en. */
const TABLES: Record<ReferenceListName, { table: string; extra: string[] }> = {
  industries: { table: 'ref_industry', extra: ['sector'] },
  'size-bands': { table: 'ref_size_band', extra: ['min_employees', 'max_employees', 'size_class'] },
  'age-bands': { table: 'ref_age_band', extra: [] },
  'employment-types': { table: 'ref_employment_type', extra: ['employed'] },
  'tenure-bands': { table: 'ref_tenure_band', extra: [] },
  channels: { table: 'ref_channel', extra: [] },
  themes: { table: 'ref_theme', extra: [] },
};

export type ReferenceRow = { code: string; ja: string; en: string } & Record<string, unknown>;

/** Reads the seeded code tables (the database is the source of truth; the constants seed it). */
@Injectable()
export class ReferenceService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(name: string): Promise<ReferenceRow[]> {
    if (!REFERENCE_LIST_NAMES.includes(name as ReferenceListName)) throw new NotFoundError(`reference list "${name}"`);
    const { table, extra } = TABLES[name as ReferenceListName];
    const columns = ['code', 'label_ja AS ja', 'label_en AS en', ...extra].join(', ');
    // Table and column names come from the fixed map above, never from the request.
    return this.db.query(`SELECT ${columns} FROM ${table} ORDER BY position`);
  }
}
