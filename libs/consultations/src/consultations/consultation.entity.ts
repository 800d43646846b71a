import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The consultations table as TypeORM sees it (migrations/1764100000000-consultations.ts holds its
 * CHECKs and indexes). ConsultationsRepository still writes and reads it in SQL where that is the
 * fast path: see there. Services pass `Consultation` (consultation.ts), never this class.
 */
@Entity({ name: 'consultations' })
export class ConsultationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A calendar date (Asia/Tokyo), read as text so that no time zone can shift it. */
  @Column({ name: 'held_on', type: 'date' })
  heldOn: string;

  /** The counsellors' pseudonym for the person. */
  @Column({ name: 'client_ref', type: 'text' })
  clientRef: string;

  /** Keyed HMAC of the employer key; the key itself is never stored. */
  @Column({ name: 'employer_hmac', type: 'text', nullable: true })
  employerHmac: string | null;

  @Column({ type: 'text' })
  industry: string;

  @Column({ name: 'size_band', type: 'text', nullable: true })
  sizeBand: string | null;

  @Column({ name: 'age_band', type: 'text' })
  ageBand: string;

  @Column({ name: 'employment_type', type: 'text' })
  employmentType: string;

  @Column({ name: 'tenure_band', type: 'text' })
  tenureBand: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ name: 'duration_min', type: 'integer' })
  durationMin: number;

  @Column({ type: 'text', array: true })
  themes: string[];

  @Column({ type: 'smallint', nullable: true })
  satisfaction: number | null;

  /** Never exported, aggregated or shown to managers. */
  @Column({ type: 'text', nullable: true })
  memo: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** The ConsultationImport the row came from; null when recorded one by one. */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;
}
