import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { CSV_COLUMNS } from '@hokenshitsu/consultations';
import { consultationBody } from '../support/consultations-api.js';
import { companyRegistration, createUser, login, signedInAs, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import {
  exampleOf, hostileKey, hostileString, isJsonObject, jsonText, mutatedObject, resolve, textValue, urlText, type Components, type Json, type Pools, type Schema,
} from './openapi-arbitraries.js';

/**
 * Every operation of /api/docs-json, fed fast-check-generated paths, queries and bodies by every
 * kind of caller: a valid request with one or two parts made hostile (NUL, unpaired surrogates,
 * prototype keys, huge numbers, wrong types, a broken or doubled multipart file), so the hostile
 * part gets past every other check. The property: no answer is a 5xx, and every JSON error answer
 * is the global filter's. A fixed seed keeps a failure reproducible.
 */
const SEED = 20261104;
const RUNS_PER_OPERATION = 50;

type Identity = 'anonymous' | 'admin' | 'staff' | 'counsellor' | 'manager' | 'throwaway';
type Entries = [string, Json][];
type QueryEntry = [string, string | string[]];
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  schema?: Schema;
  example?: unknown;
}
interface Operation {
  method: 'get' | 'post';
  path: string;
  parameters: Parameter[];
  content: Record<string, { schema?: Schema }>;
}
interface GeneratedRequest {
  identity: Identity;
  pathValues: Record<string, string>;
  query: QueryEntry[];
  body: { type: string; data: string | Buffer } | null;
}

/** A valid 法人番号 from twelve digits (check digit per the NTA formula), so generation stays reproducible. */
function corporateNumber(n: number): string {
  const base = String(n).padStart(12, '0');
  let sum = 0;
  for (let i = 1; i <= 12; i++) sum += Number(base[12 - i]) * (i % 2 === 1 ? 1 : 2);
  return `${9 - (sum % 9)}${base}`;
}

describe('generated input over every OpenAPI operation', () => {
  const run = randomUUID().slice(0, 8);
  let t: TestApp;
  let cookies: Record<Exclude<Identity, 'anonymous'>, string>;
  let operations: Operation[];
  let components: Components;
  let pools: Pools;
  let victimEmail: string;
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await signedInAs(t, 'admin');
    const staff = await signedInAs(t, 'city_staff');
    const counsellor = await signedInAs(t, 'counsellor');
    const company = await t.http.post('/api/v1/companies/register').send(companyRegistration()).expect(201);
    await t.http.post(`/api/v1/companies/${company.body.id}/verify`).set('Cookie', staff.cookie).expect(200);
    const manager = await signedInAs(t, 'company_manager', company.body.id);
    // Objects the generated requests may act on (verify, reject, publish, deactivate); never the callers themselves.
    const target = await t.http.post('/api/v1/companies/register').send(companyRegistration()).expect(201);
    const release = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie)
      .send({ label: 'generated-input', period_start: '1901-04-01', period_end: '1901-06-30' }).expect(201);
    const victim = await createUser(t, 'counsellor');
    victimEmail = victim.email;
    cookies = {
      admin: admin.cookie, staff: staff.cookie, counsellor: counsellor.cookie, manager: manager.cookie,
      throwaway: await login(t, victim.email, TEST_PASSWORD),
    };
    pools = {
      ids: [company.body.id, target.body.id, release.body.id, victim.id],
      emails: [victim.email, `gen-${run}@example.jp`, 'not-an-email', `${'x'.repeat(250)}@example.jp`],
      // Valid dates in 1901 only: what the run creates stays out of every other suite's periods.
      dates: ['1901-04-01', '1901-06-30', '1901-12-31', '1901-02-29', '1901-13-01', '19010401'],
    };
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Operation['content'] } }>>;
      components: { schemas: Components };
    };
    components = doc.components.schemas;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => method === 'get' || method === 'post')
        .map(([method, op]) => ({ method: method as Operation['method'], path, parameters: op.parameters ?? [], content: op.requestBody?.content ?? {} })),
    );
  });
  afterAll(() => t.close());

  const entriesOf = (o: Record<string, unknown>): Entries => Object.entries(o) as Entries;
  /** A valid body per request schema (n makes unique values unique); any other schema starts from its OpenAPI examples. */
  function validBody(schemaName: string, schema: Schema, n: number): Entries {
    const email = `gen-${run}-${n}@example.jp`;
    switch (schemaName) {
      case 'LoginDto':
        return entriesOf({ email: n % 2 ? victimEmail : `nobody-${run}@example.jp`, password: 'not-the-password' });
      case 'RegisterCompanyDto':
        return entriesOf({ ...companyRegistration(), corporate_number: corporateNumber(n), manager_email: email });
      case 'RecordConsultationDto':
        return entriesOf(consultationBody({ held_on: '1901-04-01', memo: 'memo' }));
      case 'CreateReleaseDto':
        return entriesOf({ label: 'generated', period_start: '1901-04-01', period_end: '1901-06-30', policy: { entries: [['k', 5]] } });
      case 'CreateUserDto':
        return entriesOf({ email, role: 'counsellor' });
      default: {
        const example = exampleOf(schema, components, pools);
        return isJsonObject(example) ? example.entries : [];
      }
    }
  }
  const schemaName = (schema: Schema) => (schema.$ref ?? '').replace('#/components/schemas/', '');

  /** One of each kind of hostile value, for the sweep over every field. */
  const SWEEP_VALUES: Json[] = ['a\u0000b', 'x\uD800y', '\uDC00', 'a@example.jp\uD83D', [], { entries: [] }, { raw: '1e400' }, { raw: '-123456789012345678901234567890' }, 'x'.repeat(5000), null, true];
  const SWEEP_TEXTS = ['a\u0000b', '%ED%A0%80', '%E0%A4%A', '%00', 'x'.repeat(3000), '__proto__'];
  const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

  /**
   * The systematic part, run before the random one (fast-check `examples`): every body field, query
   * parameter and path parameter of the operation gets each kind of hostile value once, every body
   * the prototype keys at its top and one level down, and the import route its known-bad forms.
   */
  function sweep(op: Operation): GeneratedRequest[] {
    const identity: Identity = op.path.endsWith('/auth/logout') ? 'throwaway' : op.path.includes('/digest') ? 'manager' : 'admin';
    const pathValues = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, pools.ids[0]!]));
    const plain = (over: Partial<GeneratedRequest>): GeneratedRequest[] => [{ identity, pathValues, query: [], body: null, ...over }];
    const out: GeneratedRequest[] = [];
    for (const p of op.parameters.filter((q) => q.in === 'path')) {
      for (const text of SWEEP_TEXTS) out.push(...plain({ pathValues: { ...pathValues, [p.name]: text } }));
    }
    for (const p of op.parameters.filter((q) => q.in === 'query')) {
      for (const text of SWEEP_TEXTS) out.push(...plain({ query: [[p.name, text]] }));
      out.push(...plain({ query: [[p.name, ['a', 'b']]] }));
    }
    for (const key of PROTOTYPE_KEYS) out.push(...plain({ query: [[key, 'x']] }));
    const schema = op.content['application/json']?.schema;
    if (schema) {
      const resolved = resolve(schema, components);
      const json = (entries: Entries) => ({ type: 'application/json', data: jsonText({ entries }) });
      let n = 1_000_000;
      const valid = () => validBody(schemaName(schema), resolved, n++);
      for (const [field, fieldSchema] of Object.entries(resolved.properties ?? {})) {
        for (const value of SWEEP_VALUES) out.push(...plain({ body: json([...valid().filter(([k]) => k !== field), [field, value]]) }));
        if (resolve(fieldSchema, components).properties) {
          for (const key of [...PROTOTYPE_KEYS, 'x']) out.push(...plain({ body: json([...valid().filter(([k]) => k !== field), [field, { entries: [[key, key === 'x' ? 'a\u0000' : { entries: [] }]] }]]) }));
        }
      }
      for (const key of PROTOTYPE_KEYS) out.push(...plain({ body: json([[key, { entries: [['polluted', true]] }], ...valid()]) }));
    }
    if (op.content['multipart/form-data']) {
      const boundary = 'sweep' + run;
      const csv = consultationCsvText();
      const part = (name: string, content: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;
      const type = `multipart/form-data; boundary=${boundary}`;
      const whole = part('file', csv) + `--${boundary}--\r\n`;
      for (const data of [
        part('file', csv).slice(0, -2), // cut off right after the file
        whole.slice(0, Math.floor(whole.length / 2)), // cut off inside the file
        part('file', csv) + part('file', csv) + `--${boundary}--\r\n`, // two files
        part('upload', csv) + `--${boundary}--\r\n`, // a file under another name
        `--${boundary}\r\nContent-Disposition: form-da`, // cut off inside a part header
      ]) out.push(...plain({ body: { type, data } }));
      out.push(...plain({ body: { type: 'multipart/form-data', data: whole } }));
      out.push(...plain({ body: { type: 'text/csv', data: csv.replace('1901-04-01', '1901-04-01\u0000') } }));
    }
    return out;
  }

  /** A valid consultation file (sessions in 1901), as the import takes it. */
  function consultationCsvText(cells: (table: string[][]) => void = () => undefined): string {
    const row = consultationBody({ held_on: '1901-04-01', employer_key: 'generated', themes: 'career_change;health' });
    const table = [[...CSV_COLUMNS] as string[], ...[0, 1].map(() => CSV_COLUMNS.map((c) => String(row[c] ?? '')))];
    cells(table);
    return table.map((line) => line.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
  }

  function requestFor(op: Operation): fc.Arbitrary<GeneratedRequest> {
    const identity = op.path.endsWith('/auth/logout')
      ? fc.constantFrom<Identity>('anonymous', 'throwaway')
      : fc.oneof(fc.constant<Identity>('anonymous'), fc.constantFrom<Identity>('admin', 'staff', 'counsellor', 'manager'), fc.constantFrom<Identity>('admin', 'staff', 'counsellor'));
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const pathValues = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, textValue(p.schema, components, pools)])));
    return fc.record({ identity, pathValues, query: queryFor(op), body: bodyFor(op) });
  }

  /**
   * The parameters' examples, with up to two of them made hostile, repeated, or joined by a hostile
   * key. Dates move to 1901 and none is dropped: an export over the whole shared table, fifty times,
   * would slow every other suite on the machine.
   */
  function queryFor(op: Operation): fc.Arbitrary<QueryEntry[]> {
    const params = op.parameters.filter((p) => p.in === 'query');
    const baseline: QueryEntry[] = params.flatMap((p) => {
      const example = p.example ?? exampleOf(p.schema ?? {}, components, pools);
      if (typeof example !== 'string' && typeof example !== 'number') return [];
      return [[p.name, /^\d{4}-\d{2}-\d{2}$/.test(String(example)) ? pools.dates[0]! : String(example)] as QueryEntry];
    });
    const key = params.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...params.map((p) => p.name)) }, { weight: 1, arbitrary: hostileKey }) : hostileKey;
    const text = fc.oneof(hostileString, textValue(undefined, components, pools));
    const mutation = fc.tuple(key, fc.oneof({ weight: 3, arbitrary: text }, { weight: 1, arbitrary: fc.array(text, { minLength: 2, maxLength: 3 }) }));
    return fc.array(mutation, { maxLength: 2 }).map((mutations) =>
      mutations.reduce<QueryEntry[]>((q, [k, v]) => [...q.filter(([name]) => name !== k), [k, v]], baseline),
    );
  }

  function bodyFor(op: Operation): fc.Arbitrary<GeneratedRequest['body']> {
    if (op.content['text/csv'] || op.content['multipart/form-data']) return fc.oneof({ weight: 2, arbitrary: csvBody() }, { weight: 4, arbitrary: multipartBody() }, fc.constant(null));
    const schema = op.content['application/json']?.schema;
    if (schema) {
      const baseline = fc.nat({ max: 999_999 }).map((n) => validBody(schemaName(schema), resolve(schema, components), n));
      const body = mutatedObject(baseline, schema, components, pools)
        .map((v) => ({ type: 'application/json', data: jsonText(v) }));
      return fc.oneof({ weight: 10, arbitrary: body }, fc.constant(null), brokenJson());
    }
    return op.method === 'post' ? fc.oneof(fc.constant(null), brokenJson()) : fc.constant(null);
  }

  const brokenJson = () =>
    fc.constantFrom('{', '[]', 'null', '"\\uD800"', '{"a":1,"a":2}', '{"__proto__":{"x":1}}', '1e400', '\uFEFF{}').map((data) => ({ type: 'application/json', data }));

  /** A valid file (held in 1901) with up to two cells, or the header, made hostile. */
  const csvText = fc
    .tuple(fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: CSV_COLUMNS.length - 1 }), hostileString), { maxLength: 2 }), fc.boolean())
    .map(([changes, validShape]) =>
      consultationCsvText((table) => {
        for (const [line, column, text] of changes) table[line]![column] = text;
        if (!validShape) table[1]!.push('extra');
      }),
    );
  const csvBody = () => csvText.map((data) => ({ type: 'text/csv', data }));

  /** A form whose file comes first, then maybe more parts (a second file, a file under another name), maybe cut off. */
  const multipartBody = () =>
    fc
      .tuple(
        csvText,
        fc.array(fc.record({ name: fc.oneof(fc.constant('file'), hostileKey, fc.constant('note')), file: fc.boolean(), content: fc.oneof(csvText, hostileString) }), { maxLength: 2 }),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 3 }),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([csv, more, cutAt, withBoundary, fileFirst]) => {
        const boundary = 'gen' + randomUUID().replace(/-/g, '');
        const part = (p: { name: string; file: boolean; content: string }) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.file ? '; filename="x.csv"\r\nContent-Type: text/csv' : ''}\r\n\r\n${p.content}\r\n`;
        const first = { name: 'file', file: true, content: csv };
        const parts = fileFirst ? [first, ...more] : [...more, first];
        const bytes = Buffer.from(parts.map(part).join('') + `--${boundary}--\r\n`, 'utf8');
        return { type: withBoundary ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data', data: cutAt === null ? bytes : bytes.subarray(0, Math.floor(bytes.length * cutAt)) };
      });

  let forwardedFor = 0;
  function send(op: Operation, generated: GeneratedRequest) {
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => urlText(generated.pathValues[name] ?? ''));
    const query = generated.query.flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${urlText(k)}=${urlText(one)}`)).join('&');
    const n = ++forwardedFor;
    // A fresh address each time: failed sign-ins are counted per address in the shared database.
    let req = t.http[op.method](query ? `${path}?${query}` : path).set('X-Forwarded-For', `10.77.${(n >> 8) & 255}.${n & 255}`).ok(() => true);
    if (generated.identity !== 'anonymous') req = req.set('Cookie', cookies[generated.identity]);
    if (generated.body) req = req.set('Content-Type', generated.body.type).send(generated.body.data);
    return req;
  }

  it("never answers 5xx, and answers every error with the filter's JSON", async () => {
    const reached = new Map<string, Set<number>>();
    for (const op of operations) {
      const seen = new Set<number>();
      reached.set(`${op.method.toUpperCase()} ${op.path}`, seen);
      const examples = sweep(op).map((request): [GeneratedRequest] => [request]);
      await fc.assert(
        fc.asyncProperty(requestFor(op), async (generated) => {
          const res = await send(op, generated);
          seen.add(res.status);
          const what = `${op.method.toUpperCase()} ${op.path} → ${res.status} ${res.text.slice(0, 200)}`;
          expect({ what, serverError: res.status >= 500 }).toEqual({ what, serverError: false });
          if (res.status >= 400 && /json/.test(res.headers['content-type'] ?? '')) {
            expect(res.body).toEqual(expect.objectContaining({ statusCode: res.status, error: expect.any(String), message: expect.any(String) }));
          }
        }),
        // examples count towards numRuns: the random runs come on top of the sweep
        { seed: SEED, numRuns: examples.length + RUNS_PER_OPERATION, examples },
      );
    }
    if (process.env.HKS_GENERATED_SUMMARY) console.log([...reached].map(([op, statuses]) => `${op}: ${[...statuses].sort().join(' ')}`).join('\n'));
    expect(reached.size).toBeGreaterThan(15);
    // Every operation got past authentication at least once: the run tested handlers, not only the guard.
    expect([...reached].filter(([, statuses]) => [...statuses].every((s) => s === 401 || s === 403)).map(([op]) => op)).toEqual([]);
    // And the generated requests were not all refused: some were valid enough to succeed.
    expect([...reached].filter(([, statuses]) => [...statuses].some((s) => s < 300)).length).toBeGreaterThan(10);
  });
});
