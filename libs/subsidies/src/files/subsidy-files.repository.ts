import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { idOrNothing } from '@hokenshitsu/core';

export interface SubsidyFileInfo {
  id: string;
  application_id: string;
  kind: 'quote' | 'invoice' | 'receipt';
  file_name: string;
  content_type: string;
  bytes: number;
  sha256: string;
  created_at: Date;
}

/** Every query on subsidy_files; lists never read the bytes. */
@Injectable()
export class SubsidyFilesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(m: EntityManager, f: Omit<SubsidyFileInfo, 'id' | 'created_at'> & { data: Buffer; uploadedBy: string }): Promise<SubsidyFileInfo> {
    const [row] = (await m.query(
      `INSERT INTO subsidy_files (application_id, kind, file_name, content_type, bytes, sha256, data, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING id, application_id, kind, file_name, content_type, bytes, sha256, created_at`,
      [f.application_id, f.kind, f.file_name, f.content_type, f.bytes, f.sha256, f.data, f.uploadedBy],
    )) as [SubsidyFileInfo];
    return row;
  }

  list(applicationId: string): Promise<SubsidyFileInfo[]> {
    return this.db.query(
      `SELECT id, application_id, kind, file_name, content_type, bytes, sha256, created_at FROM subsidy_files WHERE application_id = $1 ORDER BY created_at, id`,
      [idOrNothing(applicationId)],
    );
  }

  async read(applicationId: string, fileId: string): Promise<(SubsidyFileInfo & { data: Buffer }) | null> {
    const rows: (SubsidyFileInfo & { data: Buffer })[] = await this.db.query(
      `SELECT id, application_id, kind, file_name, content_type, bytes, sha256, created_at, data FROM subsidy_files WHERE application_id = $1 AND id = $2`,
      [idOrNothing(applicationId), idOrNothing(fileId)],
    );
    return rows[0] ?? null;
  }
}
