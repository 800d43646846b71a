import { THEMES } from '@hokenshitsu/reference';
import { DEFAULT_ADVICE } from './default-advice.js';

describe('DEFAULT_ADVICE', () => {
  it('advises on every theme once, in the code list order', () => {
    expect(DEFAULT_ADVICE.map((a) => a.theme)).toEqual(THEMES.map((t) => t.code));
  });

  it('is short practical text in both languages (1–3 sentences)', () => {
    for (const a of DEFAULT_ADVICE) {
      const jaSentences = a.ja.split('。').filter(Boolean).length;
      expect(jaSentences).toBeGreaterThanOrEqual(1);
      expect(jaSentences).toBeLessThanOrEqual(3);
      expect(a.ja.endsWith('。')).toBe(true);
      expect(a.en).toMatch(/^[A-Z].*\.$/);
      expect(a.en.length).toBeLessThan(320);
    }
  });
});
