import { readFileSync } from 'node:fs';
import { auditRelease } from './auditor.js';
import { CLASSIFICATION } from './disclosure.fixtures.js';
import { DEFAULT_POLICY } from './policy.js';

it('audit saved', async () => {
  const { cells, aggregates } = JSON.parse(readFileSync('/tmp/release1500.json', 'utf8'));
  (globalThis as any).LPLOG = [];
  const t0 = performance.now();
  const a = await auditRelease({ release: { periodStart: '2025-04-01', periodEnd: '2026-03-31', cells }, truth: aggregates, policy: DEFAULT_POLICY, classification: CLASSIFICATION, priorReleases: [] });
  console.log('audit ms', performance.now() - t0, a.passed, a.lpSolves, a.minIntervalWidth, a.findings.length);
  const log = (globalThis as any).LPLOG; console.log(log.slice(0, 40).map((x: any) => x.map((y: number) => typeof y === 'number' ? y.toFixed(0) : y).join(' ')).join('\n')); console.log('total lp ms', log.reduce((s: number, x: any) => s + x[2], 0), 'batch ms', log.filter((x: any) => x[1] > 1).reduce((s: number, x: any) => s + x[2], 0));
});
