import { randomUUID } from 'node:crypto';
import { DEFAULT_POLICY, type AuditReport, type CellAggregate, type DisclosedCell } from '@hokenshitsu/disclosure';
import { UsersService } from '@hokenshitsu/identity';
import { startMedium, type MediumContext } from '../../../../test/support/medium.js';
import { DigestsModule } from '../digests.module.js';
import { ReleasesRepository, type NewDraft } from './releases.repository.js';

// This suite owns the year 2071.
const audit: AuditReport = { passed: true, checkedCells: 4, suppressedCells: 1, lpSolves: 2, minIntervalWidth: 5, findings: [], releasesCompared: [] };

const cells: DisclosedCell[] = [
  { population: 'all', industry: '*', sizeClass: '*', dimension: 'total', category: '*', count: 120 },
  { population: 'all', industry: '*', sizeClass: '*', dimension: 'theme', category: 'reskilling', count: 0 },
  { population: 'employed', industry: 'E', sizeClass: '20-99', dimension: 'total', category: '*', count: 31 },
  { population: 'employed', industry: 'E', sizeClass: '20-99', dimension: 'age_band', category: '-19', count: null, reason: 'min_count' },
];
const inputs: CellAggregate[] = [
  { population: 'all', industry: '*', sizeClass: '*', dimension: 'total', category: '*', count: 120, employers: 0, maxEmployerCount: 0 },
  { population: 'employed', industry: 'E', sizeClass: '20-99', dimension: 'age_band', category: '-19', count: 2, employers: 1, maxEmployerCount: 2 },
];

describe('releases on PostgreSQL (medium)', () => {
  let m: MediumContext;
  let repo: ReleasesRepository;
  let staffId: string;

  beforeAll(async () => {
    m = await startMedium(DigestsModule);
    repo = m.get(ReleasesRepository);
    const { user } = await m.get(UsersService).create({ email: `staff-${randomUUID().slice(0, 8)}@example.jp`, role: 'city_staff', password: 'correct-horse-battery' });
    staffId = user.id;
  });
  afterAll(() => m.close());

  const draft = (overrides: Partial<NewDraft> = {}): NewDraft => ({
    label: 'FY2071 Q1', periodStart: '2071-04-01', periodEnd: '2071-06-30', policy: DEFAULT_POLICY, audit,
    informationLoss: { totalCells: 4, suppressedCells: 1, cellShare: 0.25, clientShare: 0.01 }, correctsId: null, createdBy: staffId, ...overrides,
  });

  it('stores a draft with its cells and inputs, and reads them back as they went in', async () => {
    const id = await repo.insertDraft(draft(), cells, inputs);
    const release = await repo.find(id);
    expect(release).toMatchObject({ ...draft(), id, status: 'draft', publishedAt: null, publishedBy: null });
    expect(release!.createdAt).toBeInstanceOf(Date);
    // Read back in the repository's order: employed before city-wide, then by dimension, industry, size class, category.
    expect(await repo.cells(id)).toEqual([cells[3], cells[2], cells[1], cells[0]]);
    expect(await repo.inputs(id)).toEqual(inputs);
    expect((await repo.list({ publishedOnly: false })).map((r) => r.id)).toContain(id);
    expect((await repo.list({ publishedOnly: true })).map((r) => r.id)).not.toContain(id);
  });

  it('stores nothing when a cell cannot be stored (the draft, its cells and inputs go together)', async () => {
    const label = `broken ${randomUUID()}`;
    const broken = [...cells, cells[0]!]; // a cell twice breaks the primary key
    await expect(repo.insertDraft(draft({ label }), broken, inputs)).rejects.toThrow();
    expect((await repo.list({ publishedOnly: false })).filter((r) => r.label === label)).toEqual([]);
  });

  it('publishes under the lock and lists the release among the published summaries of overlapping periods', async () => {
    const id = await repo.insertDraft(draft({ periodStart: '2071-07-01', periodEnd: '2071-09-30' }), cells, inputs);
    const at = new Date('2071-10-05T01:00:00Z');
    await repo.transaction(async (tx) => {
      const locked = await repo.lockForPublication(tx, id);
      expect(locked?.id).toBe(id);
      await repo.updateAudit(tx, id, { ...audit, releasesCompared: ['x'] });
      await repo.markPublished(tx, id, staffId, at);
    });
    expect(await repo.find(id)).toMatchObject({ status: 'published', publishedBy: staffId, publishedAt: at, audit: { releasesCompared: ['x'] } });
    expect(await repo.publishedSummaries('2071-09-01', '2071-12-31')).toEqual([
      { id, periodStart: '2071-07-01', periodEnd: '2071-09-30', mode: 'k_anonymity', epsilon: null },
    ]);
    expect(await repo.publishedSummaries('2071-10-01', '2071-12-31')).toEqual([]);
    const [prior] = await repo.exactReleases(await repo.publishedSummaries('2071-07-01', '2071-07-01'));
    expect(prior!.cells).toHaveLength(cells.length);
    expect(prior!.cells.some((c) => 'reason' in c)).toBe(false);
    expect(await repo.transaction((tx) => repo.lockForPublication(tx, 'not-a-uuid'))).toBeNull();
  });
});
