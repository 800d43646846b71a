import fc from 'fast-check';
import { applyRate, confirmedSubsidy, plannedSubsidy, type PlannedSessions, type SubsidyTerms } from './subsidy-rules.js';

/** The programme of the meeting: half of up to 15,000 yen a session, 30 minutes or more, 3 sessions each, 300,000 yen a company. */
const TERMS: SubsidyTerms = {
  rateNumerator: 1,
  rateDenominator: 2,
  capPerCompanyYen: 300_000n,
  maxPricePerSessionYen: 15_000n,
  minMinutesPerSession: 30,
  maxSessionsPerEmployee: 3,
  roundingYen: 1,
};
const plan = (p: Partial<PlannedSessions> = {}): PlannedSessions => ({ employees: 1, sessionsPerEmployee: 1, minutesPerSession: 60, pricePerSessionYen: 10_000n, ...p });
const rules = (steps: { rule: string }[]) => steps.map((s) => s.rule);

describe('applyRate: integer fractions, rounded down', () => {
  it('rounds 29,999 × 1/2 down to the yen (14,999) and to 千円未満切捨て (14,000)', () => {
    expect(applyRate(29_999n, { ...TERMS, roundingYen: 1 })).toEqual({ rated: 14_999n, rounded: 14_999n });
    expect(applyRate(29_999n, { ...TERMS, roundingYen: 1000 })).toEqual({ rated: 14_999n, rounded: 14_000n });
  });

  it('keeps an exact thousand, and drops 999 yen but not 1,000', () => {
    expect(applyRate(30_000n, { ...TERMS, roundingYen: 1000 }).rounded).toBe(15_000n);
    expect(applyRate(31_998n, { ...TERMS, roundingYen: 1000 }).rounded).toBe(15_000n);
    expect(applyRate(32_000n, { ...TERMS, roundingYen: 1000 }).rounded).toBe(16_000n);
    expect(applyRate(1_999n, { ...TERMS, roundingYen: 1000 }).rounded).toBe(0n);
  });

  it('rounds a third down (never through floating point)', () => {
    expect(applyRate(10_000n, { rateNumerator: 1, rateDenominator: 3, roundingYen: 1 }).rounded).toBe(3_333n);
    expect(applyRate(10_000n, { rateNumerator: 2, rateDenominator: 3, roundingYen: 10 }).rounded).toBe(6_660n);
    // 2^53 + 1 yen would lose its last yen in a double
    expect(applyRate(9_007_199_254_740_993n, { rateNumerator: 1, rateDenominator: 1, roundingYen: 1 }).rounded).toBe(9_007_199_254_740_993n);
  });
});

describe('plannedSubsidy: caps at their edges', () => {
  it('counts a session at its price up to the cap per session, and no further', () => {
    const at = plannedSubsidy(plan({ pricePerSessionYen: 15_000n }), TERMS);
    expect(at).toMatchObject({ eligiblePriceYen: 15_000n, eligibleCostYen: 15_000n, subsidyYen: 7_500n });
    expect(rules(at.steps)).not.toContain('price_cap');
    const above = plannedSubsidy(plan({ pricePerSessionYen: 15_001n }), TERMS);
    expect(above).toMatchObject({ eligiblePriceYen: 15_000n, eligibleCostYen: 15_000n, subsidyYen: 7_500n });
    expect(above.steps[0]).toEqual({ rule: 'price_cap', yen: 15_000n });
  });

  it('counts at most the programme\'s sessions per employee', () => {
    const three = plannedSubsidy(plan({ employees: 4, sessionsPerEmployee: 3 }), TERMS);
    expect(three).toMatchObject({ eligibleSessions: 12, eligibleCostYen: 120_000n, subsidyYen: 60_000n });
    expect(rules(three.steps)).not.toContain('session_cap');
    const four = plannedSubsidy(plan({ employees: 4, sessionsPerEmployee: 4 }), TERMS);
    expect(four).toMatchObject({ eligibleSessions: 12, eligibleCostYen: 120_000n, subsidyYen: 60_000n });
    expect(rules(four.steps)).toContain('session_cap');
  });

  it('pays nothing for sessions under the minimum length: 29 minutes no, 30 yes', () => {
    const short = plannedSubsidy(plan({ minutesPerSession: 29 }), TERMS);
    expect(short).toMatchObject({ eligibleCostYen: 0n, subsidyYen: 0n });
    expect(rules(short.steps)).toContain('min_minutes');
    expect(plannedSubsidy(plan({ minutesPerSession: 30 }), TERMS)).toMatchObject({ eligibleCostYen: 10_000n, subsidyYen: 5_000n });
  });

  it('caps a company\'s year, counting what it already holds', () => {
    const big = plan({ employees: 50, sessionsPerEmployee: 3, pricePerSessionYen: 15_000n }); // 2,250,000 eligible → 1,125,000
    expect(plannedSubsidy(big, TERMS).subsidyYen).toBe(300_000n);
    expect(plannedSubsidy(big, TERMS, 299_999n).subsidyYen).toBe(1n);
    expect(plannedSubsidy(big, TERMS, 300_000n).subsidyYen).toBe(0n);
    expect(plannedSubsidy(big, TERMS, 400_000n).subsidyYen).toBe(0n);
    const exact = plan({ employees: 20, sessionsPerEmployee: 2, pricePerSessionYen: 15_000n }); // 600,000 → 300,000, exactly the cap
    const r = plannedSubsidy(exact, TERMS);
    expect(r.subsidyYen).toBe(300_000n);
    expect(rules(r.steps)).not.toContain('company_cap');
    expect(rules(plannedSubsidy(exact, TERMS, 1n).steps)).toContain('company_cap');
  });

  it('shows the worked rule: price cap, rate, rounding, company cap in order', () => {
    const r = plannedSubsidy(plan({ employees: 41, sessionsPerEmployee: 1, pricePerSessionYen: 15_999n }), { ...TERMS, roundingYen: 1000, capPerCompanyYen: 300_000n });
    expect(r.steps).toEqual([
      { rule: 'price_cap', yen: 15_000n },
      { rule: 'rate', yen: 307_500n },
      { rule: 'rounding', yen: 307_000n },
      { rule: 'company_cap', yen: 300_000n },
    ]);
  });
});

describe('confirmedSubsidy: min(approved, the rule on the actual cost)', () => {
  const p = plan({ employees: 5, sessionsPerEmployee: 2, pricePerSessionYen: 15_000n }); // 10 sessions, 150,000 → 75,000

  it('confirms the approved amount when the sessions cost what was planned', () => {
    expect(confirmedSubsidy(p, { sessionsHeld: 10, actualCostYen: 150_000n }, TERMS, 75_000n).subsidyYen).toBe(75_000n);
  });

  it('follows the actual cost when it is lower, and the sessions held when fewer', () => {
    expect(confirmedSubsidy(p, { sessionsHeld: 10, actualCostYen: 99_999n }, TERMS, 75_000n).subsidyYen).toBe(49_999n);
    expect(confirmedSubsidy(p, { sessionsHeld: 10, actualCostYen: 99_999n }, { ...TERMS, roundingYen: 1000 }, 75_000n).subsidyYen).toBe(49_000n);
    expect(confirmedSubsidy(p, { sessionsHeld: 7, actualCostYen: 150_000n }, TERMS, 75_000n).subsidyYen).toBe(52_500n);
    expect(confirmedSubsidy(p, { sessionsHeld: 0, actualCostYen: 0n }, TERMS, 75_000n).subsidyYen).toBe(0n);
  });

  it('never confirms more than approved, even when more was spent or more sessions held', () => {
    const r = confirmedSubsidy(p, { sessionsHeld: 14, actualCostYen: 500_000n }, TERMS, 60_000n);
    expect(r.subsidyYen).toBe(60_000n);
    expect(r.eligibleSessions).toBe(10);
    expect(r.steps.at(-1)).toEqual({ rule: 'approved_cap', yen: 60_000n });
  });

  it('counts each session at most at the eligible price', () => {
    // 10 sessions held at 20,000 each (200,000): counted at 15,000 each
    expect(confirmedSubsidy(plan({ employees: 5, sessionsPerEmployee: 2, pricePerSessionYen: 20_000n }), { sessionsHeld: 10, actualCostYen: 200_000n }, TERMS, 75_000n).subsidyYen).toBe(75_000n);
  });

  it('applies the company cap with what the company already holds', () => {
    expect(confirmedSubsidy(p, { sessionsHeld: 10, actualCostYen: 150_000n }, TERMS, 75_000n, 250_000n).subsidyYen).toBe(50_000n);
  });
});

const termsArb = fc.record({
  rateNumerator: fc.integer({ min: 1, max: 10 }),
  extra: fc.integer({ min: 0, max: 10 }),
  capPerCompanyYen: fc.bigInt({ min: 1n, max: 2_000_000n }),
  maxPricePerSessionYen: fc.bigInt({ min: 1n, max: 50_000n }),
  minMinutesPerSession: fc.integer({ min: 1, max: 90 }),
  maxSessionsPerEmployee: fc.integer({ min: 1, max: 10 }),
  roundingYen: fc.constantFrom(1, 10, 100, 1000),
}).map(({ extra, ...t }): SubsidyTerms => ({ ...t, rateDenominator: t.rateNumerator + extra }));
const planArb = fc.record({
  employees: fc.integer({ min: 1, max: 200 }),
  sessionsPerEmployee: fc.integer({ min: 1, max: 12 }),
  minutesPerSession: fc.integer({ min: 1, max: 180 }),
  pricePerSessionYen: fc.bigInt({ min: 1n, max: 100_000n }),
});
const usedArb = fc.bigInt({ min: 0n, max: 3_000_000n });

describe('properties of the arithmetic', () => {
  it('a subsidy is never negative, never above the company\'s room, never above eligible × rate', () => {
    fc.assert(
      fc.property(planArb, termsArb, usedArb, (p, t, used) => {
        const r = plannedSubsidy(p, t, used);
        const room = t.capPerCompanyYen - used > 0n ? t.capPerCompanyYen - used : 0n;
        expect(r.subsidyYen >= 0n).toBe(true);
        expect(r.subsidyYen <= room).toBe(true);
        expect(r.subsidyYen * BigInt(t.rateDenominator) <= r.eligibleCostYen * BigInt(t.rateNumerator)).toBe(true);
        expect(r.eligiblePriceYen <= t.maxPricePerSessionYen).toBe(true);
        expect(r.eligibleSessions <= p.employees * t.maxSessionsPerEmployee).toBe(true);
      }),
    );
  });

  it('a subsidy is a multiple of the rounding unit unless the company cap cut it', () => {
    fc.assert(
      fc.property(planArb, termsArb, usedArb, (p, t, used) => {
        const r = plannedSubsidy(p, t, used);
        const room = t.capPerCompanyYen - used > 0n ? t.capPerCompanyYen - used : 0n;
        if (r.subsidyYen % BigInt(t.roundingYen) !== 0n) expect(r.subsidyYen).toBe(room);
      }),
    );
  });

  it('rounding down loses less than one unit against the exact rate (before the cap)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), termsArb, (yen, t) => {
        const { rated, rounded } = applyRate(yen, t);
        expect(rated - rounded >= 0n && rated - rounded < BigInt(t.roundingYen)).toBe(true);
        expect(rated * BigInt(t.rateDenominator) <= yen * BigInt(t.rateNumerator)).toBe(true);
        expect((rated + 1n) * BigInt(t.rateDenominator) > yen * BigInt(t.rateNumerator)).toBe(true);
      }),
    );
  });

  it('the confirmed amount never exceeds the approved one and grows with the actual cost', () => {
    fc.assert(
      fc.property(planArb, termsArb, fc.integer({ min: 0, max: 3000 }), fc.bigInt({ min: 0n, max: 5_000_000n }), fc.bigInt({ min: 0n, max: 5_000_000n }), fc.bigInt({ min: 0n, max: 2_000_000n }), (p, t, held, c1, c2, approved) => {
        const [lo, hi] = c1 <= c2 ? [c1, c2] : [c2, c1];
        const a = confirmedSubsidy(p, { sessionsHeld: held, actualCostYen: lo }, t, approved);
        const b = confirmedSubsidy(p, { sessionsHeld: held, actualCostYen: hi }, t, approved);
        expect(a.subsidyYen <= approved && b.subsidyYen <= approved).toBe(true);
        expect(a.subsidyYen <= b.subsidyYen).toBe(true);
        expect(a.subsidyYen >= 0n).toBe(true);
        expect(a.eligibleCostYen <= lo).toBe(true);
      }),
    );
  });

  it('the confirmed amount at the planned cost and sessions equals min(approved, the planned subsidy)', () => {
    fc.assert(
      fc.property(planArb, termsArb, fc.bigInt({ min: 0n, max: 2_000_000n }), (p, t, approved) => {
        const planned = plannedSubsidy(p, t);
        const got = confirmedSubsidy(p, { sessionsHeld: planned.eligibleSessions, actualCostYen: planned.eligibleCostYen }, t, approved);
        expect(got.subsidyYen).toBe(planned.subsidyYen < approved ? planned.subsidyYen : approved);
      }),
    );
  });
});
