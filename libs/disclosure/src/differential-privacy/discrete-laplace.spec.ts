import { discreteLaplace, discreteLaplaceVariance, keyedUniforms } from './discrete-laplace.js';

describe('discrete Laplace noise', () => {
  const key = Buffer.alloc(32, 7);

  it('draws the same uniforms for the same key and label, different ones otherwise', () => {
    expect(keyedUniforms(key, 'a')).toEqual(keyedUniforms(key, 'a'));
    expect(keyedUniforms(key, 'a')).not.toEqual(keyedUniforms(key, 'b'));
    expect(keyedUniforms(Buffer.alloc(32, 8), 'a')).not.toEqual(keyedUniforms(key, 'a'));
    for (const u of keyedUniforms(key, 'x')) expect(u > 0 && u < 1).toBe(true);
  });

  it('is integer, centred and has the variance of its scale', () => {
    const scale = 4;
    const n = 40_000;
    let sum = 0;
    let sumSq = 0;
    let zeros = 0;
    for (let i = 0; i < n; i++) {
      const [u1, u2] = keyedUniforms(key, `cell-${i}`);
      const x = discreteLaplace(scale, u1, u2);
      expect(Number.isInteger(x)).toBe(true);
      sum += x;
      sumSq += x * x;
      if (x === 0) zeros++;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    const expected = discreteLaplaceVariance(scale);
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(variance / expected).toBeGreaterThan(0.93);
    expect(variance / expected).toBeLessThan(1.07);
    // P(0) = (1 - p) / (1 + p)
    const p = Math.exp(-1 / scale);
    expect(zeros / n).toBeCloseTo((1 - p) / (1 + p), 2);
  });

  it('makes neighbouring counts hard to tell apart: P(x) / P(x + 1) never exceeds e^(1/scale)', () => {
    // the defining DP ratio, checked on the empirical distribution's bulk
    const scale = 2;
    const counts = new Map<number, number>();
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const [u1, u2] = keyedUniforms(key, `r-${i}`);
      const x = discreteLaplace(scale, u1, u2);
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    for (let x = -3; x < 3; x++) {
      const ratio = (counts.get(x) ?? 0) / (counts.get(x + 1) ?? 1);
      expect(Math.max(ratio, 1 / ratio)).toBeLessThan(Math.exp(1 / scale) * 1.1);
    }
  });

  it('refuses a scale that is not a positive number', () => {
    expect(() => discreteLaplace(0, 0.5, 0.5)).toThrow(RangeError);
    expect(() => discreteLaplace(Number.POSITIVE_INFINITY, 0.5, 0.5)).toThrow(RangeError);
  });
});
