import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BadInputError, Clock, ConflictError, InvalidStateTransitionError, NotFoundError, RuleViolationError } from '@hokenshitsu/core';
import { ConsultationAggregatesService } from '@hokenshitsu/consultations';
import {
  assertValidPolicy,
  auditRelease,
  buildDisclosure,
  buildNoisyDisclosure,
  type CellAggregate,
  type DisclosedCell,
  type DisclosurePolicy,
  type DisclosureResult,
  type InformationLoss,
  IncompatibleTablesError,
  InvalidDisclosurePolicyError,
  isDifferentiallyPrivate,
  privacyAccount,
  resolvePolicy,
} from '@hokenshitsu/disclosure';
import { STAFF_ROLES, type AuthenticatedUser } from '@hokenshitsu/identity';
import { SECTORS } from '@hokenshitsu/reference';
import { chooseTableDesign, classificationFor, fiscalYearsSpanned, type PublishedTables, type TableDesign, tableDesignOf } from './classification.js';
import type { Release } from './release.entity.js';
import { ReleasePublications } from './release-publications.js';
import { NoiseKey } from './noise-key.js';
import { type PublishedSummary, ReleasesRepository } from './releases.repository.js';

export interface CreateReleaseInput {
  label: string;
  periodStart: string;
  periodEnd: string;
  policy?: Partial<DisclosurePolicy>;
  corrects?: string;
}

/** Phase timings of one build, for the benchmark and the logs. */
export interface BuildTimings {
  aggregateMs: number;
  disclosureMs: number;
  storeMs: number;
}

/** What a caller may learn of a build as it runs (the staff page's progress), all optional. */
export interface BuildHooks {
  /** Called as the build enters each stage. */
  onStage?: (stage: 'aggregating' | 'protecting' | 'storing') => Promise<void> | void;
  /** Runs inside the transaction that stores the draft: a caller's record of the build commits with it. */
  onStored?: (tx: EntityManager, releaseId: string) => Promise<void>;
}

/** One build of trialBuilds: what the release would keep, and the engine's time for it. */
export interface TrialBuild {
  informationLoss: InformationLoss;
  buildMs: number;
}

/** Published releases whose cells a process keeps (a release's cells: a few thousand rows). */
const PUBLISHED_CELLS_KEPT = 8;

@Injectable()
export class ReleasesService {
  private readonly publishedCells = new Map<string, DisclosedCell[]>();

  constructor(
    private readonly repo: ReleasesRepository,
    private readonly aggregates: ConsultationAggregatesService,
    private readonly clock: Clock,
    private readonly noiseKey: NoiseKey,
    private readonly publications: ReleasePublications,
  ) {}

  /**
   * The refusals a build can give before any work (period order, the corrected release, the
   * policy, one mode per period): the staff page checks them before it queues a build, so a
   * mistake comes back on the form at once. create() runs them again: they stay its rules.
   */
  async checkInput(input: CreateReleaseInput): Promise<{ policy: DisclosurePolicy; published: PublishedSummary[] }> {
    if (input.periodStart > input.periodEnd) {
      throw new RuleViolationError('period_end must not be before period_start', [{ field: 'period_end', message: 'before period_start' }]);
    }
    if (input.corrects) await this.requirePublished(input.corrects, 'corrects');
    const policy = checkedPolicy(stripUndefined(input.policy ?? {}));
    const published = await this.repo.publishedSummaries(input.periodStart, input.periodEnd);
    refuseMixedModes(policy, published);
    return { policy, published };
  }

  /** Aggregates the period in SQL, suppresses and audits, and freezes the result as a draft. */
  async create(staff: Pick<AuthenticatedUser, 'id'>, input: CreateReleaseInput, hooks: BuildHooks = {}): Promise<{ release: Release; timings: BuildTimings }> {
    const { policy, published } = await this.checkInput(input);
    await hooks.onStage?.('aggregating');
    const t0 = performance.now();
    const design = chooseTableDesign(...(await this.publishedTables(input.periodStart, input.periodEnd, published)));
    const aggregates = await this.aggregates.aggregate(
      { start: input.periodStart, end: input.periodEnd },
      {
        caps: isDifferentiallyPrivate(policy) ? { themes: policy.max_themes!, channels: policy.max_channels! } : undefined,
        sectors: classificationFor(design).industries,
      },
    );
    const t1 = performance.now();
    await hooks.onStage?.('protecting');
    const result = await this.disclose(policy, design, input.periodStart, input.periodEnd, aggregates, published);
    const t2 = performance.now();
    await hooks.onStage?.('storing');
    const id = await this.repo.insertDraft(
      {
        label: input.label.trim(),
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        policy,
        audit: result.audit,
        informationLoss: result.informationLoss,
        correctsId: input.corrects ?? null,
        createdBy: staff.id,
      },
      result.cells,
      aggregates,
      hooks.onStored,
    );
    const t3 = performance.now();
    return { release: await this.find(id), timings: { aggregateMs: t1 - t0, disclosureMs: t2 - t1, storeMs: t3 - t2 } };
  }

  /**
   * Publishes a draft. Releases published since the draft was built are now public knowledge, so the
   * draft is audited again against every published release whose period overlaps it; a release
   * that fails its audit cannot be published.
   */
  async publish(staff: AuthenticatedUser, id: string): Promise<Release> {
    const outcome = await this.repo.transaction(async (tx) => {
      const release = await this.repo.lockForPublication(tx, id);
      if (!release) throw new NotFoundError('release');
      if (release.status !== 'draft') throw new InvalidStateTransitionError('release', release.status, 'publish');
      const summaries = await this.repo.publishedSummaries(release.periodStart, release.periodEnd, tx, release.id);
      refuseMixedModes(release.policy, summaries);
      const known = new Set(release.audit.releasesCompared ?? []);
      // The draft is audited on the tables it was built on.
      const cells = await this.repo.cells(release.id, tx);
      const classification = classificationFor(tableDesignOf(cells));
      if (isDifferentiallyPrivate(release.policy)) {
        // Noise needs no re-audit; the budget spent alongside releases published since does.
        const overlapping = dpOverlaps(summaries);
        if (overlapping.some((p) => !known.has(p.id))) {
          release.audit = { ...release.audit, releasesCompared: overlapping.map((p) => p.id), privacy: privacyAccount(classification, release.policy, overlapping) };
          await this.repo.updateAudit(tx, release.id, release.audit);
        }
      } else if (summaries.some((p) => !known.has(p.id))) {
        const priors = await this.repo.exactReleases(summaries, tx);
        const truth = await this.repo.inputs(release.id, tx);
        release.audit = await onSameTables(tableDesignOf(cells), summaries, () =>
          auditRelease({
            release: { id: release.id, periodStart: release.periodStart, periodEnd: release.periodEnd, cells },
            truth,
            policy: release.policy,
            classification,
            priorReleases: priors,
          }),
        );
        await this.repo.updateAudit(tx, release.id, release.audit);
      }
      // A failed audit is kept (committed) so staff see why; the refusal comes after the commit.
      if (!release.audit.passed) return { release, published: false };
      release.status = 'published';
      release.publishedBy = staff.id;
      release.publishedAt = this.clock.now();
      await this.repo.markPublished(tx, release.id, staff.id, release.publishedAt);
      return { release, published: true };
    });
    if (!outcome.published) {
      throw new RuleViolationError(`release fails its audit (${outcome.release.audit.findings.length} findings): build a new release`, [
        { field: 'audit', message: 'failed' },
      ]);
    }
    await this.publications.published(outcome.release);
    return outcome.release;
  }

  private async disclose(
    policy: DisclosurePolicy,
    design: TableDesign,
    periodStart: string,
    periodEnd: string,
    aggregates: CellAggregate[],
    published: PublishedSummary[],
  ): Promise<DisclosureResult> {
    const classification = classificationFor(design);
    if (isDifferentiallyPrivate(policy)) {
      const overlapping = dpOverlaps(published);
      return buildNoisyDisclosure({ aggregates, policy, classification, periodStart, periodEnd, noiseKey: this.noiseKey.value, overlapping });
    }
    const priorReleases = await this.repo.exactReleases(published);
    return onSameTables(design, published, () => buildDisclosure({ aggregates, policy, classification, periodStart, periodEnd, priorReleases }));
  }

  /**
   * What chooseTableDesign reads for a period: the tables of the published releases overlapping it
   * (`published`), and of those published in the fiscal years it touches.
   */
  private async publishedTables(periodStart: string, periodEnd: string, published: readonly PublishedSummary[]): Promise<[PublishedTables[], PublishedTables[]]> {
    const years = fiscalYearsSpanned(periodStart, periodEnd);
    const inYears = await this.repo.publishedSummaries(years.start, years.end);
    const scopes = await this.repo.sectorScopes(inYears, SECTOR_CODES);
    const overlapping = new Set(published.map((p) => p.id));
    const tables = inYears.map((r, i) => ({ id: r.id, sectorScopes: scopes[i]! }));
    return [tables.filter((r) => overlapping.has(r.id)), tables];
  }

  /**
   * What a k-anonymous release of a period would keep, built as create() builds it (the same SQL
   * aggregation, the same published releases as priors, the same engine) but stored nowhere: once
   * per variant, each adding releases taken as already published (a draft whose cost staff weigh
   * before publishing it). The aggregation and the published releases are read once for all the
   * variants. Answers the published releases it started from and each build's information loss.
   */
  async trialBuilds(
    period: { start: string; end: string },
    policy: DisclosurePolicy,
    variants: readonly (readonly Pick<Release, 'id' | 'periodStart' | 'periodEnd'>[])[],
    onBuilt?: (index: number) => Promise<void>,
  ): Promise<{ published: string[]; builds: TrialBuild[] }> {
    if (isDifferentiallyPrivate(policy)) throw new RuleViolationError('a trial build is for k-anonymity releases', [{ field: 'policy.mode', message: 'differential_privacy' }]);
    const published = await this.repo.publishedSummaries(period.start, period.end);
    refuseMixedModes(policy, published);
    const [overlapping, sameYears] = await this.publishedTables(period.start, period.end, published);
    // Each variant's design is chosen as create() would once its releases are published; the
    // aggregation is read once per design.
    const aggregated = new Map<TableDesign, Promise<CellAggregate[]>>();
    const aggregatesFor = (design: TableDesign) => {
      if (!aggregated.has(design)) aggregated.set(design, this.aggregates.aggregate({ start: period.start, end: period.end }, { sectors: classificationFor(design).industries }));
      return aggregated.get(design)!;
    };
    const priors = await this.repo.exactReleases(published);
    const builds: TrialBuild[] = [];
    for (const [index, variant] of variants.entries()) {
      const alsoPublished = await this.repo.exactReleases(variant.map((r) => ({ id: r.id, periodStart: r.periodStart, periodEnd: r.periodEnd, mode: 'k_anonymity' as const, epsilon: null })));
      const drafts = alsoPublished.map((r) => ({ sectorScopes: [...new Set(r.cells.map((c) => c.industry))], overlaps: r.periodStart <= period.end && r.periodEnd >= period.start }));
      const design = chooseTableDesign([...overlapping, ...drafts.filter((d) => d.overlaps)], [...sameYears, ...drafts]);
      const aggregates = await aggregatesFor(design);
      const classification = classificationFor(design);
      const t0 = performance.now();
      const result = await onSameTables(design, [...published, ...variant], () =>
        buildDisclosure({ aggregates, policy, classification, periodStart: period.start, periodEnd: period.end, priorReleases: [...priors, ...alsoPublished] }),
      );
      builds.push({ informationLoss: result.informationLoss, buildMs: Math.round(performance.now() - t0) });
      await onBuilt?.(index);
    }
    return { published: published.map((p) => p.id), builds };
  }

  /** The fiscal years that hold consultations, newest first (the build form offers them). */
  fiscalYearsOnRecord(): Promise<number[]> {
    return this.aggregates.fiscalYearsOnRecord();
  }

  /** Everyone signed in sees published releases; staff see drafts too. */
  list(viewer: AuthenticatedUser): Promise<Release[]> {
    return this.repo.list({ publishedOnly: !isStaff(viewer) });
  }

  /** A draft is "not found" for anyone but staff. */
  async get(viewer: AuthenticatedUser, id: string): Promise<Release> {
    const release = await this.find(id);
    if (release.status !== 'published' && !isStaff(viewer)) throw new NotFoundError('release');
    return release;
  }

  async cells(viewer: AuthenticatedUser, id: string): Promise<DisclosedCell[]> {
    return this.cellsOf(await this.get(viewer, id));
  }

  /**
   * The cells of a release the caller has already read through get(). A published release never
   * changes, so its cells are read once per process: every digest page, report request and report
   * render reads all of them. Drafts are read each time: only staff read them, and a draft may yet be replaced by a new build.
   */
  async cellsOf(release: Release): Promise<DisclosedCell[]> {
    if (release.status !== 'published') return this.repo.cells(release.id);
    let cells = this.publishedCells.get(release.id);
    if (!cells) {
      cells = await this.repo.cells(release.id);
      this.publishedCells.set(release.id, cells);
      // The newest few releases are the ones people read; the oldest goes first.
      if (this.publishedCells.size > PUBLISHED_CELLS_KEPT) this.publishedCells.delete(this.publishedCells.keys().next().value!);
    }
    return cells;
  }

  private async find(id: string): Promise<Release> {
    const release = await this.repo.find(id);
    if (!release) throw new NotFoundError('release');
    return release;
  }

  private async requirePublished(id: string, field: string): Promise<void> {
    const release = await this.repo.find(id);
    if (!release || release.status !== 'published') {
      throw new RuleViolationError(`${field} must name a published release`, [{ field, message: 'no such published release' }]);
    }
  }
}

function isStaff(user: AuthenticatedUser): boolean {
  return STAFF_ROLES.includes(user.role);
}


const SECTOR_CODES = SECTORS.map((s) => s.code);

/**
 * The engine refuses to weigh a build against an overlapping release published on the other table
 * design (it cannot model cells outside its grid): a conflict with that release, named, for the
 * period the caller chose.
 */
async function onSameTables<T>(
  design: TableDesign,
  overlapping: readonly Pick<PublishedSummary, 'id' | 'periodStart' | 'periodEnd'>[],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof IncompatibleTablesError)) throw error;
    const other = overlapping.find((r) => r.id === error.releaseId);
    const release = `release ${error.releaseId}${other ? ` (${other.periodStart} to ${other.periodEnd})` : ''}`;
    const theirs = design === 'folded' ? 'JSIC' : 'folded';
    throw new ConflictError(
      `the period overlaps ${release}, published on ${theirs} sector tables, while other releases of these months make this build ${design}: overlapping releases cannot mix table designs`,
      [{ field: 'period_start', message: `overlaps ${release}, published on ${theirs} sector tables` }],
    );
  }
}

const DP_ONLY = ['epsilon', 'max_themes', 'max_channels'] as const;

/**
 * The policy a release is built with. A differential-privacy setting given without that mode would
 * be silently ignored (and shown back as if it applied): refuse it, naming the field. The DTO
 * checks ranges; anything the engine still refuses is the caller's input too, never a 500.
 */
function checkedPolicy(choices: Partial<DisclosurePolicy>): DisclosurePolicy {
  const policy = resolvePolicy(choices);
  if (!isDifferentiallyPrivate(policy)) {
    const misplaced = DP_ONLY.filter((field) => choices[field] !== undefined);
    if (misplaced.length > 0) {
      throw new RuleViolationError(
        `policy.${misplaced[0]} applies only with policy.mode differential_privacy`,
        misplaced.map((field) => ({ field: `policy.${field}`, message: 'only with mode differential_privacy' })),
      );
    }
  }
  try {
    assertValidPolicy(policy);
  } catch (error) {
    if (!(error instanceof InvalidDisclosurePolicyError)) throw error;
    throw new BadInputError(error.message, [{ field: `policy.${error.field}`, message: error.message }]);
  }
  return policy;
}

function dpOverlaps(summaries: PublishedSummary[]): { id: string; epsilon: number }[] {
  return summaries.filter((s) => s.mode === 'differential_privacy').map((s) => ({ id: s.id, epsilon: s.epsilon ?? 0 }));
}

/**
 * Exact suppressed tables and noisy tables of the same months would each weaken the other's
 * guarantee (noise around a hidden cell narrows it; exact margins around a noisy one denoise it):
 * one mode per period.
 */
function refuseMixedModes(policy: DisclosurePolicy, published: PublishedSummary[]): void {
  const mode = policy.mode ?? 'k_anonymity';
  const other = published.find((p) => p.mode !== mode);
  if (other) {
    throw new RuleViolationError(
      `policy.mode ${mode} cannot be used for a period that overlaps a published ${other.mode} release (${other.periodStart} to ${other.periodEnd})`,
      [{ field: 'policy.mode', message: `overlaps a published ${other.mode} release` }],
    );
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
