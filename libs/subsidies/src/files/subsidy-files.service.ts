import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { BadInputError, ForbiddenError, InvalidStateTransitionError, NotFoundError, UnsupportedMediaTypeError } from '@hokenshitsu/core';
import type { AuthenticatedUser } from '@hokenshitsu/identity';
import { SubsidyEventsRepository } from '../audit/subsidy-events.repository.js';
import { actorOf, SubsidyApplicationsService } from '../applications/subsidy-applications.service.js';
import { SubsidyApplicationsRepository } from '../applications/subsidy-applications.repository.js';
import type { ApplicationState } from '../applications/application-states.js';
import { EVIDENCE_EXTENSION, sniffEvidenceType } from './file-type.js';
import type { EvidenceUpload } from './evidence-upload.js';
import { SubsidyFilesRepository, type SubsidyFileInfo } from './subsidy-files.repository.js';

export const FILE_KINDS = ['quote', 'invoice', 'receipt'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** When each kind may be added: the quote with the application, invoices and receipts with the report. */
const KIND_STATES: Record<FileKind, readonly ApplicationState[]> = {
  quote: ['draft', 'returned'],
  invoice: ['approved'],
  receipt: ['approved'],
};

/** Quotes, invoices and receipts: typed by content, hashed, stored with the application. */
@Injectable()
export class SubsidyFilesService {
  constructor(
    private readonly files: SubsidyFilesRepository,
    private readonly applications: SubsidyApplicationsService,
    private readonly rows: SubsidyApplicationsRepository,
    private readonly events: SubsidyEventsRepository,
  ) {}

  async upload(viewer: AuthenticatedUser, applicationId: string, kind: string, upload: EvidenceUpload): Promise<SubsidyFileInfo> {
    if (!FILE_KINDS.includes(kind as FileKind)) throw new BadInputError(`kind must be one of ${FILE_KINDS.join(', ')}`, [{ field: 'kind', message: `must be one of ${FILE_KINDS.join(', ')}` }]);
    if (actorOf(viewer) !== 'company') throw new ForbiddenError('only the applying company uploads its documents');
    const type = sniffEvidenceType(upload.bytes);
    if (!type) throw new UnsupportedMediaTypeError('file must be a PDF, PNG or JPEG (checked by its content)', [{ field: 'file', message: 'must be a PDF, PNG or JPEG' }]);
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    const name = safeFileName(upload.fileName, kind, EVIDENCE_EXTENSION[type]);
    return this.rows.transaction(async (m) => {
      const a = await this.rows.lock(m, applicationId);
      if (!a || a.companyId !== viewer.companyId) throw new NotFoundError('subsidy application');
      if (!KIND_STATES[kind as FileKind].includes(a.state)) throw new InvalidStateTransitionError('subsidy application', a.state, `add a ${kind}`);
      const info = await this.files.insert(m, { application_id: a.id, kind: kind as FileKind, file_name: name, content_type: type, bytes: upload.bytes.length, sha256, data: upload.bytes, uploadedBy: viewer.id });
      await this.events.append(m, { programId: a.programId, applicationId: a.id, action: 'upload', fromState: a.state, toState: a.state, actorId: viewer.id, actorRole: viewer.role, detail: { kind, file: info.id, sha256, bytes: info.bytes } });
      return info;
    });
  }

  async list(viewer: AuthenticatedUser, applicationId: string): Promise<SubsidyFileInfo[]> {
    const a = await this.applications.get(viewer, applicationId);
    return this.files.list(a.id);
  }

  async read(viewer: AuthenticatedUser, applicationId: string, fileId: string): Promise<SubsidyFileInfo & { data: Buffer }> {
    const a = await this.applications.get(viewer, applicationId);
    const file = await this.files.read(a.id, fileId);
    if (!file) throw new NotFoundError('file');
    return file;
  }
}

/** The name she gave, without paths or control characters; a plain one when none is left. */
function safeFileName(given: string, kind: string, extension: string): string {
  const base = given.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 120);
  return base || `${kind}.${extension}`;
}
