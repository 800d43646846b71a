import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One imported file (migrations/1764350000000-consultation-imports.ts); its rows carry its id as import_id. */
@Entity({ name: 'consultation_imports' })
export class ConsultationImport {
  @PrimaryColumn('uuid')
  id: string;

  /** Hex SHA-256 of the file's bytes as uploaded; unique, so the same file cannot be imported twice. */
  @Column({ type: 'text' })
  sha256: string;

  /** As the browser named the file (at most 255 characters); never logged. */
  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName: string | null;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount: number;

  @Column({ name: 'imported_by', type: 'uuid' })
  importedBy: string;

  @CreateDateColumn({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;
}
