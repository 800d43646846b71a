import { createHmac } from 'node:crypto';

// Discrete Laplace (two-sided geometric) noise, P(X = x) ∝ exp(-|x| / scale), drawn from keyed
// HMAC-SHA256 output rather than Math.random: integer noise avoids the floating-point leaks of
// continuous Laplace on counts, and a keyed draw gives the same noise for the same cell of the same
// data, so asking again averages nothing away.

/** Two independent uniforms in (0, 1), 52 bits each, from HMAC-SHA256(key, label). */
export function keyedUniforms(key: Buffer, label: string): [number, number] {
  const digest = createHmac('sha256', key).update(label).digest();
  const uniform = (offset: number) => {
    // 52 bits: 4 bytes high, 20 bits low; +0.5 keeps it strictly inside (0, 1)
    const hi = digest.readUInt32BE(offset);
    const lo = digest.readUInt32BE(offset + 4) >>> 12;
    return (hi * 2 ** 20 + lo + 0.5) / 2 ** 52;
  };
  return [uniform(0), uniform(8)];
}

/**
 * The difference of two geometric variables with success probability 1 - exp(-1/scale) is
 * discrete-Laplace distributed with that scale; each geometric comes from one uniform by inversion.
 */
export function discreteLaplace(scale: number, u1: number, u2: number): number {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError('scale must be a positive number');
  const logP = -1 / scale; // ln of the failure probability p = exp(-1/scale)
  const geometric = (u: number) => Math.floor(Math.log(u) / logP);
  return geometric(u1) - geometric(u2);
}

/** Variance of the discrete Laplace distribution with this scale: 2p / (1 - p)^2. */
export function discreteLaplaceVariance(scale: number): number {
  const p = Math.exp(-1 / scale);
  return (2 * p) / (1 - p) ** 2;
}
