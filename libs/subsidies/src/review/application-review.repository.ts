import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';

export interface NoticeRow {
  id: string;
  kind: 'decision' | 'rejection' | 'confirmation';
  number: string;
  issued_on: string;
  amount_yen: string | null;
  status: string;
}

/** The reads of the staff review page that no other service answers: the notice register and who acted. */
@Injectable()
export class ApplicationReviewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  notices(applicationId: string): Promise<NoticeRow[]> {
    return this.db.query(
      `SELECT id, kind, number, to_char(issued_on, 'YYYY-MM-DD') AS issued_on, amount_yen::text, status
         FROM subsidy_notices WHERE application_id = $1 ORDER BY seq`,
      [idOrNothing(applicationId)],
    );
  }

  /** The e-mail address of each actor of the audit trail (the trail keeps ids only). */
  async actorEmails(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; email: string }[] = await this.db.query(`SELECT id, email FROM users WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.email]));
  }
}
