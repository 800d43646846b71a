import fc from 'fast-check';
import { hostileInputProblems, MAX_INPUT_DEPTH, refusePrototypeFormKeys } from './hostile-input.js';
import { BadInputError } from '../errors/domain-errors.js';

describe('hostile input', () => {
  it('names a NUL or an unpaired surrogate in any text, at any depth', () => {
    expect(hostileInputProblems({ name: 'a\u0000b' })).toEqual([{ field: 'name', message: 'name must not contain a NUL character (U+0000)' }]);
    expect(hostileInputProblems({ email: '\uD800' })).toEqual([
      { field: 'email', message: 'email must be valid Unicode text (it holds an unpaired surrogate)' },
    ]);
    expect(hostileInputProblems({ policy: { note: 'x\uDC00' } })[0]!.field).toBe('policy.note');
    expect(hostileInputProblems({ themes: ['health', 'a\u0000'] })[0]!.field).toBe('themes.1');
    expect(hostileInputProblems('\u0000')[0]!.field).toBe('body');
  });

  it('keeps paired surrogates (emoji, rare kanji) and ordinary text', () => {
    expect(hostileInputProblems({ name: '株式会社𠮷野家 😀', n: 1, ok: true, none: null, list: [1, 'a'] })).toEqual([]);
  });

  it('refuses prototype keys, including the own "__proto__" that JSON.parse makes', () => {
    expect(hostileInputProblems(JSON.parse('{"__proto__": {"admin": true}}'))).toEqual([{ field: '__proto__', message: 'property __proto__ should not exist' }]);
    expect(hostileInputProblems(JSON.parse('{"policy": {"constructor": {"prototype": {}}}}'))[0]!.field).toBe('policy.constructor');
    expect(hostileInputProblems({ prototype: 1 })[0]!.field).toBe('prototype');
  });

  it('names a bad key printably', () => {
    expect(hostileInputProblems({ 'a\u0000': 1 })).toEqual([{ field: 'a\\u0000', message: 'a\\u0000 must not contain a NUL character (U+0000)' }]);
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const problems = hostileInputProblems({ a: deep });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(`at most ${MAX_INPUT_DEPTH} levels`);
  });

  it('finds a NUL wherever generated JSON hides it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const value = { a, b: [b, { x: 'p\u0000q' }] };
        expect(hostileInputProblems(value).some((p) => p.field === 'b.1.x')).toBe(true);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('refuses a form key that qs would drop silently', () => {
    expect(() => refusePrototypeFormKeys({} as never, {}, Buffer.from('a=1&__proto__=x'), 'utf-8')).toThrow(BadInputError);
    expect(() => refusePrototypeFormKeys({} as never, {}, Buffer.from('a=1&b=__proto__'), 'utf-8')).not.toThrow();
  });
});
