import { EQ, LinearSystem } from '../grid/constraints.js';
import { attackIntervals } from './lp-attack.js';

// A 2x2 table with margins: r0 = x0 + x1, r1 = x2 + x3, c0 = x0 + x2, c1 = x1 + x3, grand = r0 + r1.
function table(): LinearSystem {
  const s = new LinearSystem();
  s.addSum(4, [0, 1], EQ);
  s.addSum(5, [2, 3], EQ);
  s.addSum(6, [0, 2], EQ);
  s.addSum(7, [1, 3], EQ);
  s.addSum(8, [4, 5], EQ);
  return s;
}
const truth = [3, 7, 6, 4, 10, 10, 9, 11, 20];

describe('attackIntervals', () => {
  it('derives a lone suppressed cell exactly by subtraction', async () => {
    const known = Float64Array.from(truth);
    known[0] = NaN;
    const { intervals, lpSolves } = await attackIntervals({ numVars: 9, known, system: table() }, [{ vars: [0], coefs: [1] }], { need: 5 });
    expect(intervals[0]).toMatchObject({ status: 'ok', lo: 3, hi: 3 });
    expect(lpSolves).toBeLessThanOrEqual(2);
  });

  it('gives a 2x2 suppression pattern the range the margins allow', async () => {
    const known = Float64Array.from(truth);
    for (const v of [0, 1, 2, 3]) known[v] = NaN;
    const { intervals } = await attackIntervals(
      { numVars: 9, known, system: table() },
      [0, 1, 2, 3].map((v) => ({ vars: [v], coefs: [1] })),
      { need: 5 },
    );
    // x0 in [max(0, 10-11, 9-10), min(10, 9)] = [0, 9]
    expect(intervals[0]).toMatchObject({ lo: 0, hi: 9, exact: true });
    expect(intervals[3]).toMatchObject({ lo: 1, hi: 10 });
  });

  it('solves independent components separately and evaluates fully published expressions', async () => {
    const known = Float64Array.from(truth);
    known[0] = NaN;
    const { intervals } = await attackIntervals(
      { numVars: 9, known, system: table() },
      [{ vars: [8, 4], coefs: [1, -1] }, { vars: [0], coefs: [1] }],
      { need: 5 },
    );
    expect(intervals[0]).toMatchObject({ lo: 10, hi: 10, exact: true });
    expect(intervals[1]).toMatchObject({ lo: 3, hi: 3 });
  });

  it('reports an inconsistent publication as infeasible', async () => {
    const known = Float64Array.from(truth);
    known[8] = 25;
    known[0] = NaN;
    const { intervals } = await attackIntervals({ numVars: 9, known, system: table() }, [{ vars: [0], coefs: [1] }], { need: 5 });
    expect(intervals[0].status).toBe('ok'); // x0 is pinned by its row and column; the grand total row has no hidden cell
    known[4] = NaN;
    const again = await attackIntervals({ numVars: 9, known, system: table() }, [{ vars: [0], coefs: [1] }], { need: 5 });
    expect(again.intervals[0].status).toBe('infeasible');
  });

  it('skips the solves for a target already seen spanning the protection width', async () => {
    const known = Float64Array.from(truth);
    for (const v of [0, 1, 2, 3]) known[v] = NaN;
    const lo = new Float64Array(9).fill(Infinity);
    const hi = new Float64Array(9).fill(-Infinity);
    const { intervals, lpSolves } = await attackIntervals(
      { numVars: 9, known, system: table() },
      [0, 1, 2, 3].map((v) => ({ vars: [v], coefs: [1] })),
      { need: 5, observed: { lo, hi }, exactNarrow: false },
    );
    expect(intervals.every((i) => i.hi - i.lo >= 5)).toBe(true);
    expect(lpSolves).toBeLessThan(8);
  });
});
