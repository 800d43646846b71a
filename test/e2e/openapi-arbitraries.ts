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

export function jsonText(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if ('raw' in value) return value.raw;
  return `{${value.entries.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
}

/** Any UTF-16 code unit, lone surrogates included: what a client's JSON escapes can carry. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'a\u0000b', '\u0000', '\uD800', 'x\uDFFF', 'a@example.jp\uD83D', '\uDC00\uD800', '=HYPERLINK("http://evil.example")', '+1+1', '-2+3',
    '@SUM(1)', '\t=1', '%00', '%E0%A4%A', '../../etc/passwd', "' OR 1=1 --", '😀𠮷', '\u202Eevil', ' ', '', '\r\n', 'null', '-1',
    '1e400', 'NaN', '__proto__', 'x'.repeat(5000), '00000000-0000-0000-0000-000000000000', '2026-02-30', '9999-12-31', '0000-01-01',
  ),
  fc.string({ unit: anyCodeUnit, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
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
  const leaf: fc.Arbitrary<Json> = fc.oneof(hostileString, hugeNumber, fc.boolean(), fc.constant(null));
  if (depth <= 0) return leaf;
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(hostileValue(depth - 1), { maxLength: 4 }) },
    { weight: 1, arbitrary: hostileObject(fc.constant<[string, Json][]>([]), depth - 1) },
  );
}

/** Extra entries with hostile keys around some given ones. */
function hostileObject(entries: fc.Arbitrary<[string, Json][]>, depth: number): fc.Arbitrary<{ entries: [string, Json][] }> {
  const extra = fc.array(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), hostileValue(depth)), { maxLength: 2 });
  return fc.tuple(entries, fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra })).map(([own, more]) => ({ entries: [...own, ...more] }));
}

export interface Pools {
  /** Ids that name real objects (a company, a release, a throwaway user) for path and body fields. */
  ids: string[];
  emails: string[];
  /** Dates for fields that want one: far from every other suite's data (1901), so nothing overlaps. */
  dates: string[];
}

function resolve(schema: Schema, components: Components): Schema {
  if (schema.$ref) return resolve(components[schema.$ref.replace('#/components/schemas/', '')] ?? {}, components);
  if (schema.allOf?.length === 1) return resolve(schema.allOf[0]!, components);
  return schema;
}

/** A value that fits the schema (mostly), before hostile values are mixed in. */
function fitting(schema: Schema, components: Components, pools: Pools, depth: number): fc.Arbitrary<Json> {
  const s = resolve(schema, components);
  if (s.enum) return fc.constantFrom(...(s.enum as Json[]));
  switch (s.type) {
    case 'integer':
    case 'number': {
      const min = s.minimum ?? -1000;
      const max = s.maximum ?? 1000;
      const inRange = s.type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
      return fc.oneof(inRange, fc.constantFrom(min - 1, max + 1), hugeNumber);
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(value(s.items ?? {}, components, pools, depth + 1), { maxLength: 4 });
    case 'object':
      return object(s, components, pools, depth);
    default:
      if (s.properties) return object(s, components, pools, depth);
      if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...pools.ids), fc.uuid());
      if (s.format === 'date') return fc.constantFrom(...pools.dates);
      if (s.format === 'email' || /email/.test(String((s as { example?: string }).example ?? ''))) return fc.constantFrom(...pools.emails);
      return fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...pools.dates, ...pools.emails), fc.string({ unit: 'grapheme', maxLength: 20 }));
  }
}

function object(s: Schema, components: Components, pools: Pools, depth: number): fc.Arbitrary<Json> {
  const props = Object.entries(s.properties ?? {});
  const required = new Set(s.required ?? []);
  // Each property present or not (required ones mostly present), in a shuffled-free stable order.
  const entries = fc
    .tuple(...props.map(([name, p]) =>
      fc.option(value(p, components, pools, depth + 1).map((v): [string, Json] => [name, v]), { freq: required.has(name) ? 8 : 2 }),
    ))
    .map((list) => list.filter((e): e is [string, Json] => e !== null));
  return hostileObject(entries, 1);
}

/** A value for a schema: fitting three times in four, hostile otherwise. */
export function value(schema: Schema, components: Components, pools: Pools, depth = 0): fc.Arbitrary<Json> {
  if (depth > 4) return hostileValue(0);
  return fc.oneof({ weight: 3, arbitrary: fitting(schema, components, pools, depth) }, { weight: 1, arbitrary: hostileValue(1) });
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
  return fc.oneof({ weight: 3, arbitrary: fit }, { weight: 1, arbitrary: hostileString });
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
