import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const COMPANY_STATUSES = ['pending', 'verified', 'rejected'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

@Entity({ name: 'companies' })
export class Company {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** 法人番号: 13 digits with a verified check digit; unique. */
  @Column({ name: 'corporate_number', type: 'char', length: 13 })
  corporateNumber: string;

  /** JSIC division code. */
  @Column({ type: 'text' })
  industry: string;

  @Column({ type: 'integer' })
  employees: number;

  @Column({ name: 'size_band', type: 'text' })
  sizeBand: string;

  @Column({ type: 'text' })
  address: string;

  @Column({ type: 'text', default: 'pending' })
  status: CompanyStatus;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
