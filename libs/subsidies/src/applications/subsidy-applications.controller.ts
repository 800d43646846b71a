import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { ApiOp, sendDownload } from '@hokenshitsu/core';
import { CurrentUser, Roles, type AuthenticatedUser } from '@hokenshitsu/identity';
import { readEvidenceUpload } from '../files/evidence-upload.js';
import { EVIDENCE_EXTENSION, type EvidenceType } from '../files/file-type.js';
import { SubsidyFilesService } from '../files/subsidy-files.service.js';
import type { ApplicationActionInput } from './application-action-inputs.js';
import { ApplicationQueueQuery } from './application-queue.query.js';
import type { ApplicationAction } from './application-states.js';
import { ApplicationResponse, toApplicationResponse } from './application.response.js';
import { ApproveApplicationDto, ApproveChangeDto, ChangeRequestDto, ClaimDto, PayDto, ReasonDto, ReportResultsDto, ReturnApplicationDto } from './application-actions.dto.js';
import { ApplicationTransitionsService } from './application-transitions.service.js';
import { CaseStoriesService } from './case-stories.service.js';
import { CaseStoryDecisionDto } from './application-actions.dto.js';
import { CreateApplicationDto } from './create-application.dto.js';
import { actorOf, SubsidyApplicationsService } from './subsidy-applications.service.js';
import { UpdateDraftDto } from './update-draft.dto.js';

const IDEMPOTENCY = ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key answers what the first request answered' });

function idempotency(key: string | undefined, ...request: unknown[]): { key: string; hash: string } | undefined {
  if (!key) return undefined;
  return { key, hash: createHash('sha256').update(JSON.stringify(request)).digest('hex') };
}

/** The 交付申請 and every step after it; company managers (their own company's only) and city staff. */
@ApiTags('subsidies')
@Controller('api/v1/subsidy-applications')
@Roles('company_manager', 'city_staff', 'admin')
export class SubsidyApplicationsController {
  constructor(
    private readonly applications: SubsidyApplicationsService,
    private readonly transitions: ApplicationTransitionsService,
    private readonly files: SubsidyFilesService,
    private readonly stories: CaseStoriesService,
  ) {}

  @Post()
  @IDEMPOTENCY
  @ApiOp('Start an application (a draft; fields may be filled in later)', [400, 403, 422])
  @ApiCreatedResponse({ type: ApplicationResponse, description: '{id, state, eligible_cost_yen, requested_yen, …}' })
  async create(@CurrentUser() viewer: AuthenticatedUser, @Body() dto: CreateApplicationDto, @Headers('idempotency-key') key?: string): Promise<ApplicationResponse> {
    const { program_id, ...plan } = dto;
    const idem = idempotency(key, 'create', dto);
    const { application } = await this.applications.create(viewer, program_id, plan, idem?.key, idem?.hash);
    return toApplicationResponse(application, actorOf(viewer), this.applications.today());
  }

  @Get()
  @ApiOp('Your company\'s applications; for staff the review queue (filters: state, program_id, older_than_days, overdue)', [400])
  async list(@CurrentUser() viewer: AuthenticatedUser, @Query() q: ApplicationQueueQuery): Promise<{ items: ApplicationResponse[]; total: number }> {
    const today = this.applications.today();
    const { rows, total } = await this.applications.list(viewer, { programId: q.program_id, states: q.state ? [q.state] : undefined, olderThanDays: q.older_than_days, overdueOn: q.overdue === 'true' ? today : undefined, limit: q.limit ?? 50, offset: q.offset ?? 0 });
    return { items: rows.map((a) => toApplicationResponse(a, actorOf(viewer), today)), total };
  }

  @Get(':id')
  @ApiOp('One application', [404])
  @ApiOkResponse({ type: ApplicationResponse })
  async get(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.get(viewer, id), actorOf(viewer), this.applications.today());
  }

  @Patch(':id')
  @ApiOp('Save the draft (or a returned application) as she types; the answer carries the recomputed amounts', [400, 404, 409])
  @ApiOkResponse({ type: ApplicationResponse })
  async save(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string, @Body() dto: UpdateDraftDto): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.applications.saveDraft(viewer, id, dto), actorOf(viewer), this.applications.today());
  }

  @Get(':id/events')
  @ApiOp('The audit trail of the application, oldest first', [404])
  events(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string) {
    return this.applications.history(viewer, id);
  }

  @Get(':id/changes')
  @ApiOp('What changed between the last two submissions (after a return)', [404])
  changes(@CurrentUser() viewer: AuthenticatedUser, @Param('id') id: string) {
    return this.applications.changesSinceReturn(viewer, id);
  }

  @Post(':id/submit') @HttpCode(200) @IDEMPOTENCY @ApiOp('交付申請: submit (again, after a return)', [404, 409, 422])
  submit(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'submit', undefined, key);
  }

  @Post(':id/withdraw') @HttpCode(200) @IDEMPOTENCY @ApiOp('取下げ: before a decision, or within the withdrawal window after an approval', [404, 409])
  withdraw(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'withdraw', undefined, key);
  }

  @Post(':id/return') @HttpCode(200) @IDEMPOTENCY @ApiOp('差戻し: return for correction, naming the fields (staff)', [400, 404, 409])
  return(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: ReturnApplicationDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'return', dto, key);
  }

  @Post(':id/approve') @HttpCode(200) @IDEMPOTENCY @ApiOp('交付決定: approve an amount up to the computed subsidy (staff)', [400, 404, 409, 422])
  approve(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: ApproveApplicationDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'approve', dto, key);
  }

  @Post(':id/reject') @HttpCode(200) @IDEMPOTENCY @ApiOp('不交付決定: reject with a reason (staff)', [400, 404, 409])
  reject(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: ReasonDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'reject', dto, key);
  }

  @Post(':id/report') @HttpCode(200) @IDEMPOTENCY @ApiOp('実績報告: sessions held, actual cost, an optional case story', [400, 404, 409, 422])
  report(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: ReportResultsDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'report', dto, key);
  }

  @Post(':id/confirm') @HttpCode(200) @IDEMPOTENCY @ApiOp('額の確定: min(approved, the rule applied to the actual cost) (staff)', [404, 409])
  confirm(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'confirm', undefined, key);
  }

  @Post(':id/claim') @HttpCode(200) @IDEMPOTENCY @ApiOp('交付請求: claim the confirmed amount to a bank account', [400, 404, 409])
  claim(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: ClaimDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'claim', dto, key);
  }

  @Post(':id/pay') @HttpCode(200) @IDEMPOTENCY @ApiOp('支払: record the payment and its date (staff)', [400, 404, 409, 422])
  pay(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: PayDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'pay', dto, key);
  }

  @Post(':id/change-request') @HttpCode(200) @IDEMPOTENCY @ApiOp('変更承認申請: ask to change an approved plan', [400, 404, 409, 422])
  changeRequest(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: ChangeRequestDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'change-request', dto, key);
  }

  @Post(':id/approve-change') @HttpCode(200) @IDEMPOTENCY @ApiOp('Approve the pending change; an increase needs budget (staff)', [400, 404, 409, 422])
  approveChange(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: ApproveChangeDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'approve-change', dto, key);
  }

  @Post(':id/refuse-change') @HttpCode(200) @IDEMPOTENCY @ApiOp('Refuse the pending change with a reason (staff)', [400, 404, 409])
  refuseChange(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: ReasonDto, @Headers('idempotency-key') key?: string) {
    return this.act(v, id, 'refuse-change', dto, key);
  }

  @Post(':id/case-story') @HttpCode(200) @ApiOp('Publish or decline the case story the company agreed to share (staff)', [400, 404, 409])
  async caseStory(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Body() dto: CaseStoryDecisionDto): Promise<ApplicationResponse> {
    return toApplicationResponse(await this.stories.decide(v, id, dto.decision), actorOf(v), this.applications.today());
  }

  @Post(':id/files')
  @ApiOp('Upload a quote (with the application) or an invoice/receipt (with the report): PDF, PNG or JPEG by content, ≤ 10 MB; body is the file, or multipart field "file"', [400, 404, 409, 413, 415])
  async upload(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Query('kind') kind: string, @Query('name') name: string | undefined, @Req() req: Request) {
    const upload = await readEvidenceUpload(req, typeof name === 'string' ? name : '');
    return this.files.upload(v, id, typeof kind === 'string' ? kind : (upload.fields['kind'] ?? ''), upload);
  }

  @Get(':id/files')
  @ApiOp('The application\'s files (without their bytes)', [404])
  listFiles(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string) {
    return this.files.list(v, id);
  }

  @Get(':id/files/:fileId')
  @ApiOp('Download one file', [404])
  async file(@CurrentUser() v: AuthenticatedUser, @Param('id') id: string, @Param('fileId') fileId: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() res: Response): Promise<void> {
    const f = await this.files.read(v, id, fileId);
    const name = { ascii: `${f.kind}.${EVIDENCE_EXTENSION[f.content_type as EvidenceType]}`, utf8: f.file_name };
    sendDownload(res, { body: f.data, type: f.content_type, name, sha256: f.sha256 }, ifNoneMatch);
  }

  private act<A extends ApplicationAction>(viewer: AuthenticatedUser, id: string, action: A, input: ApplicationActionInput[A], key?: string): Promise<ApplicationResponse> {
    return this.transitions.act(viewer, id, action, input, idempotency(key, action, id, input ?? null));
  }
}
