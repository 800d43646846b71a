import fc from 'fast-check';

/**
 * fast-check arbitraries for requests built from the OpenAPI document: values that fit each
 * schema, mixed with hostile ones (NUL, unpaired surrogates, prototype keys, huge numbers, arrays
 * where objects belong, wrong types). Bodies are JSON text written here, not JSON.stringify's, so
 * an own "__proto__" key and numbers beyond a double (1e400) reach the server as a client sends them.
 */

export type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  allOf?: Schema[];
};
export type Components = Record<string, Schema>;

/** A JSON value as written on the wire: objects as ordered entries, numbers possibly raw text. */
export type Json = null | boolean | number | string | Json[] | { entries: [string, Json][] } | { raw: string };

export function isJsonObject(value: Json): value is { entries: [string, Json][] } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'entries' in value;
}

export function jsonText(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if ('raw' in value) return value.raw;
  return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
}

/** Any UTF-16 code unit, lone surrogates included: what a client's JSON escapes can carry. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const around = (middle: fc.Arbitrary<string>) => fc.tuple(fc.string({ maxLength: 6 }), middle, fc.string({ maxLength: 6 })).map((p) => p.join(''));
/** A high half not followed by a low one, or a low half alone. */
const loneSurrogate = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c) + 'x'),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: around(fc.constant('\u0000')) },
  { weight: 3, arbitrary: around(loneSurrogate) },
  { weight: 1, arbitrary: fc.constantFrom('a@example.jp\uD83D', '\uD800', 'x\u0000@example.jp') },
  {
    weight: 3,
    // No valid date that would open a period over other suites' data: a release over all of it costs minutes of CPU.
    arbitrary: fc.constantFrom(
      '=HYPERLINK("http://evil.example")', '+1+1', '-2+3', '@SUM(1)', '\t=1', '%00', '%E0%A4%A', '../../etc/passwd', "' OR 1=1 --", '😀𠮷',
      '\u202Eevil', ' ', '', '\r\n', 'null', '-1', '1e400', 'NaN', '__proto__', 'x'.repeat(5000), '00000000-0000-0000-0000-000000000000',
      '2026-02-30', '1901-06-31', '0000-01-01', '-infinity', 'epoch', '1901-04-01T00:00:00Z',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

export const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', 'a\u0000', '\uD800', '', 'x.y', '$where');

const hugeNumber: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    { raw: '1e400' }, { raw: '-1e400' }, { raw: '123456789012345678901234567890' }, { raw: '-0' }, { raw: '1e-400' }, { raw: '0.1e1' },
    Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 2 ** 31, -(2 ** 31) - 1, 1.5, -1, 0, Number.MAX_VALUE,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Anything at all, of the wrong type more often than not. */
export function hostileValue(depth = 2): fc.Arbitrary<Json> {
  const leaf: fc.Arbitrary<Json> = fc.oneof({ weight: 6, arbitrary: hostileString }, { weight: 2, arbitrary: hugeNumber }, fc.boolean(), fc.constant(null));
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(hostileValue(depth - 1), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), hostileValue(depth - 1)), { maxLength: 2 }).map((entries) => ({ entries })) },
  );
}

export interface Pools {
  /** Ids that name real objects (a company, a release, a throwaway user) for path and body fields. */
  ids: string[];
  emails: string[];
  /** Dates for fields that want one: far from every other suite's data (1901), so nothing overlaps. */
  dates: string[];
}

export function resolve(schema: Schema, components: Components): Schema {
  if (schema.$ref) return resolve(components[schema.$ref.replace('#/components/schemas/', '')] ?? {}, components);
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0]!, components);
  return schema;
}

/** A value that fits the schema, from its example, enum, bounds or format (the baseline's fallback). */
export function exampleOf(schema: Schema, components: Components, pools: Pools): Json {
  const s = resolve(schema, components) as Schema & { example?: Json; default?: Json };
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0] as Json;
  if (s.default !== undefined) return s.default;
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return true;
  if (s.type === 'array') return [exampleOf(s.items ?? {}, components, pools)];
  if (s.type === 'object' || s.properties) {
    return { entries: Object.entries(s.properties ?? {}).map(([k, p]): [string, Json] => [k, exampleOf(p, components, pools)]) };
  }
  if (s.format === 'uuid') return pools.ids[0]!;
  if (s.format === 'date') return pools.dates[0]!;
  return 'x';
}

/** A value for one field of a schema: mostly hostile, sometimes another fitting value. */
function fieldValue(schema: Schema | undefined, components: Components, pools: Pools): fc.Arbitrary<Json> {
  const s = schema ? resolve(schema, components) : {};
  const fits: fc.Arbitrary<Json>[] = [];
  if (s.enum?.length) fits.push(fc.constantFrom(...(s.enum as Json[])));
  if (s.type === 'integer' || s.type === 'number') {
    const min = s.minimum ?? -1000;
    const max = s.maximum ?? 1000;
    fits.push(fc.oneof(s.type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true }), fc.constantFrom(min - 1, max + 1)));
  }
  if (s.format === 'uuid') fits.push(fc.oneof(fc.constantFrom(...pools.ids), fc.uuid()));
  if (s.format === 'date') fits.push(fc.constantFrom(...pools.dates));
  if (s.type === 'array') fits.push(fc.array(fieldValue(s.items, components, pools), { maxLength: 3 }));
  return fits.length ? fc.oneof({ weight: 1, arbitrary: fc.oneof(...fits) }, { weight: 3, arbitrary: hostileValue(2) }) : hostileValue(2);
}

type Entries = [string, Json][];
type Mutation =
  | { kind: 'set'; key: string; value: Json }
  | { kind: 'drop'; key: string }
  | { kind: 'nest'; key: string; inner: string; value: Json }
  | { kind: 'whole'; value: Json };

function mutate(entries: Entries, mutation: Mutation): Json {
  switch (mutation.kind) {
    case 'set':
      return { entries: [...entries.filter(([k]) => k !== mutation.key), [mutation.key, mutation.value]] };
    case 'drop':
      return { entries: entries.filter(([k]) => k !== mutation.key) };
    case 'nest':
      return { entries: [...entries.filter(([k]) => k !== mutation.key), [mutation.key, { entries: [[mutation.inner, mutation.value]] }]] };
    case 'whole':
      return mutation.value;
  }
}

/**
 * A valid body with one or two fields made hostile (or the whole body replaced): a hostile value
 * then gets past every other field's check and reaches whatever would choke on it.
 */
export function mutatedObject(baseline: fc.Arbitrary<Entries>, schema: Schema, components: Components, pools: Pools): fc.Arbitrary<Json> {
  const s = resolve(schema, components);
  const props = Object.entries(s.properties ?? {});
  const names = props.map(([k]) => k);
  const key = names.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileKey }) : hostileKey;
  const set = fc.oneof(
    ...(props.length ? [fc.constantFrom(...props).chain(([k, p]) => fieldValue(p, components, pools).map((value): Mutation => ({ kind: 'set', key: k, value })))] : []),
    fc.tuple(hostileKey, hostileValue(1)).map(([k, value]): Mutation => ({ kind: 'set', key: k, value })),
  );
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    { weight: 8, arbitrary: set },
    { weight: 1, arbitrary: key.map((k): Mutation => ({ kind: 'drop', key: k })) },
    { weight: 2, arbitrary: fc.tuple(key, fc.oneof(hostileKey, fc.string({ maxLength: 6 })), hostileValue(1)).map(([k, inner, value]): Mutation => ({ kind: 'nest', key: k, inner, value })) },
    { weight: 1, arbitrary: hostileValue(2).map((value): Mutation => ({ kind: 'whole', value })) },
  );
  return fc.tuple(baseline, fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([entries, mutations]) =>
    mutations.reduce<Json>((body, m) => (isJsonObject(body) ? mutate(body.entries, m) : body), { entries }),
  );
}

/** A query or path value as text (repeated query keys come as arrays). */
export function textValue(schema: Schema | undefined, components: Components, pools: Pools): fc.Arbitrary<string> {
  const s = schema ? resolve(schema, components) : {};
  const fit: fc.Arbitrary<string> = s.enum
    ? fc.constantFrom(...s.enum.map(String))
    : s.type === 'integer' || s.type === 'number'
      ? fc.oneof(fc.integer({ min: -5, max: 600 }).map(String), fc.constantFrom('1e400', '99999999999999999999', '-0', '1.5', '0x10', ' 7'))
      : s.format === 'uuid'
        ? fc.oneof(fc.constantFrom(...pools.ids), fc.uuid())
        : fc.oneof(fc.constantFrom(...pools.dates, ...pools.ids), fc.string({ maxLength: 20 }));
  return fc.oneof({ weight: 2, arbitrary: fit }, { weight: 1, arbitrary: hostileString });
}

/**
 * Percent-encodes text as a client would (UTF-8 bytes; an unpaired surrogate becomes U+FFFD, as
 * in any UTF-8 encoder), except that text that already looks percent-encoded (%00, a broken %E0%A4%A)
 * goes raw, so the server's own decoding is tried too.
 */
export function urlText(text: string): string {
  if (/^%[0-9A-Fa-f]/.test(text)) return text.replace(/[^%0-9A-Za-z]/g, '');
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}
