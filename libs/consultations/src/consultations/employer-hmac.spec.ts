import { employerHmacOf, normaliseEmployerKey } from './employer-hmac.js';

const SECRET = 'k'.repeat(32);

describe('employer HMAC', () => {
  it('maps width, spacing and case variants of one employer to one HMAC', () => {
    const variants = ['株式会社A', '株式会社Ａ', '株式会社A ', '  株式会社a', '株式会社ａ', '\t株式会社A\n'];
    const hashes = new Set(variants.map((v) => employerHmacOf(SECRET, v)));
    expect(hashes.size).toBe(1);
    expect(normaliseEmployerKey('ＡＢＣ\u3000\u3000Holdings  Co.')).toBe('abc holdings co.');
  });

  it('gives a 64-hex HMAC that depends on the key and never contains the name', () => {
    const h = employerHmacOf(SECRET, 'Asahi Seisakusho')!;
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(employerHmacOf('z'.repeat(32), 'Asahi Seisakusho')).not.toBe(h);
    expect(employerHmacOf(SECRET, 'Asahi Seisakusho 2')).not.toBe(h);
  });

  it('gives null for no employer', () => {
    expect(employerHmacOf(SECRET, '')).toBeNull();
    expect(employerHmacOf(SECRET, ' \u3000 ')).toBeNull();
    expect(employerHmacOf(SECRET, null)).toBeNull();
  });
});
