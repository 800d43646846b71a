import type { Release } from '../releases/release.entity.js';
import { nextCostProgress, percentText, toNextCostView, toSeriesRow } from './next-cost-view.js';
import type { ReleaseNextCost } from './release-next-cost.entity.js';

const now = new Date('2047-05-01T03:00:00Z');

function cost(overrides: Partial<ReleaseNextCost> = {}): ReleaseNextCost {
  return {
    id: 'c1', releaseId: 'r1', fingerprint: 'f', requestedBy: 'u', status: 'queued', progress: 0, round: 1,
    nextStart: '2047-04-01', nextEnd: '2048-03-31', withDraft: null, withoutDraft: null, error: null, createdAt: now, updatedAt: now,
    ...overrides,
  };
}

function release(overrides: Partial<Release> = {}): Release {
  return {
    id: 'r1', label: 'Q1', periodStart: '2047-04-01', periodEnd: '2047-06-30', status: 'draft', policy: { k: 5 } as Release['policy'],
    audit: {} as Release['audit'], informationLoss: { totalCells: 100, suppressedCells: 20, cellShare: 0.2, clientShare: 0.1, largeCells: 30, largeCellsKept: 25 },
    correctsId: null, createdBy: 'u', createdAt: now, publishedBy: null, publishedAt: null,
    ...overrides,
  };
}

const figures = (largeCells: number, largeCellsKept: number) => ({ largeCells, largeCellsKept, suppressedCells: 40, totalCells: 200, buildMs: 900 });

describe('a share as the page writes it', () => {
  it('gives one decimal of a percent, nothing without large cells', () => {
    expect(percentText(0.806)).toBe('80.6');
    expect(percentText(1)).toBe('100.0');
    expect(percentText(0)).toBe('0.0');
    expect(percentText(null)).toBeUndefined();
  });
});

describe('a next-cost computation as its page follows it', () => {
  it('moves through the two builds as the worker reports 0, 50 and 100', () => {
    expect(nextCostProgress(cost())).toMatchObject({ stage: 'queued', finished: false, value: 0, max: 100, step: 1 });
    expect(nextCostProgress(cost({ status: 'running', progress: 0 }))).toMatchObject({ stage: 'without', step: 1 });
    expect(nextCostProgress(cost({ status: 'running', progress: 50 }))).toMatchObject({ stage: 'with', step: 2, value: 50 });
    expect(nextCostProgress(cost({ status: 'done', progress: 100, withDraft: figures(30, 20), withoutDraft: figures(30, 25) }))).toMatchObject({ stage: 'done', finished: true });
    expect(nextCostProgress(cost({ status: 'failed', error: 'x' }))).toMatchObject({ stage: 'failed', finished: true });
  });

  it('says how many large cells the year loses, keeps or gains by publishing the draft first', () => {
    const loses = toNextCostView(cost({ status: 'done', progress: 100, withDraft: figures(30, 20), withoutDraft: figures(30, 25) }), release());
    expect(loses).toMatchObject({ effect: 'loses', difference: 5, fiscalYear: 2047, withDraft: { percent: '66.7' }, withoutDraft: { percent: '83.3' } });
    expect(loses.stages.map((s) => s.state)).toEqual(['done', 'done']);
    expect(toNextCostView(cost({ status: 'done', withDraft: figures(30, 25), withoutDraft: figures(30, 25) }), release())).toMatchObject({ effect: 'same', difference: 0 });
    expect(toNextCostView(cost({ status: 'done', withDraft: figures(30, 26), withoutDraft: figures(30, 25) }), release())).toMatchObject({ effect: 'gains', difference: 1 });
    expect(toNextCostView(cost({ status: 'done', withDraft: figures(0, 0), withoutDraft: figures(0, 0) }), release()).withDraft?.percent).toBe('—');
    expect(toNextCostView(cost({ status: 'running', progress: 50 }), release()).stages.map((s) => s.state)).toEqual(['done', 'current']);
  });
});

describe('a release as the series page shows it', () => {
  it('gives kept / large with the share, and nothing for a release built before they were counted', () => {
    expect(toSeriesRow(release(), undefined)).toMatchObject({ large: { kept: 25, large: 30, percent: '83.3' }, costable: true, draft: true });
    const old = release({ informationLoss: { totalCells: 100, suppressedCells: 20, cellShare: 0.2, clientShare: 0.1 } });
    expect(toSeriesRow(old, undefined).large).toBeUndefined();
  });

  it('offers the computation for a quarter or half draft only', () => {
    expect(toSeriesRow(release({ periodEnd: '2048-03-31' }), undefined)).toMatchObject({ costable: false, isFiscalYear: true });
    expect(toSeriesRow(release({ status: 'published' }), undefined)).toMatchObject({ costable: false, draft: false });
    const done = toSeriesRow(release(), cost({ status: 'done', withDraft: figures(30, 20), withoutDraft: figures(30, 25) }));
    expect(done.cost).toMatchObject({ running: false, withPercent: '66.7', withoutPercent: '83.3' });
    expect(toSeriesRow(release(), cost({ status: 'running' })).cost).toMatchObject({ running: true });
  });
});
