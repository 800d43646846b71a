import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { CSV_COLUMNS } from '@hokenshitsu/consultations';
import { companyRegistration, createUser, signedInAs, startTestApp, TEST_PASSWORD, login, type TestApp } from '../support/test-app.js';
import { hostileKey, hostileString, jsonText, textValue, urlText, value, type Components, type Json, type Pools, type Schema } from './openapi-arbitraries.js';

/**
 * Every operation of /api/docs-json, fed fast-check-generated paths, queries and bodies (fitting
 * the schema or hostile: NUL, unpaired surrogates, prototype keys, huge numbers, wrong types,
 * broken multipart), by every kind of caller. The one property: no answer is a 5xx, and every
 * JSON error answer is the filter's. A fixed seed keeps a failure reproducible.
 */
const SEED = 20261104;
const RUNS_PER_OPERATION = 30;

type Identity = 'anonymous' | 'admin' | 'staff' | 'counsellor' | 'manager' | 'throwaway';
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: 'get' | 'post';
  path: string;
  parameters: Parameter[];
  content: Record<string, { schema?: Schema }>;
}
type QueryEntry = [string, string | string[]];
interface GeneratedRequest {
  identity: Identity;
  pathValues: Record<string, string>;
  query: QueryEntry[];
  body?: { type: string; data: string | Buffer };
}

describe('generated input over every OpenAPI operation', () => {
  let t: TestApp;
  let cookies: Record<Exclude<Identity, 'anonymous'>, string>;
  let operations: Operation[];
  let components: Components;
  let pools: Pools;
  beforeAll(async () => {
    t = await startTestApp();
    const admin = await signedInAs(t, 'admin');
    const staff = await signedInAs(t, 'city_staff');
    const counsellor = await signedInAs(t, 'counsellor');
    const company = await t.http.post('/api/v1/companies/register').send(companyRegistration()).expect(201);
    await t.http.post(`/api/v1/companies/${company.body.id}/verify`).set('Cookie', staff.cookie).expect(200);
    const manager = await signedInAs(t, 'company_manager', company.body.id);
    // Objects the generated requests may act on (verify, reject, publish, deactivate): never the callers themselves.
    const target = await t.http.post('/api/v1/companies/register').send(companyRegistration()).expect(201);
    const release = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie)
      .send({ label: 'generated-input', period_start: '1901-04-01', period_end: '1901-06-30' }).expect(201);
    const victim = await createUser(t, 'counsellor');
    cookies = {
      admin: admin.cookie, staff: staff.cookie, counsellor: counsellor.cookie, manager: manager.cookie,
      throwaway: await login(t, victim.email, TEST_PASSWORD),
    };
    pools = {
      ids: [company.body.id, target.body.id, release.body.id, victim.id],
      emails: [victim.email, `gen-${randomUUID().slice(0, 8)}@example.jp`, 'not-an-email', 'a@b', `${'x'.repeat(250)}@example.jp`],
      dates: ['1901-04-01', '1901-06-30', '1901-12-31', '1901-02-29', '1901-13-01', '19010401', '1901-4-1'],
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

  function requestFor(op: Operation): fc.Arbitrary<GeneratedRequest> {
    const identities: Identity[] = op.path.endsWith('/auth/logout') ? ['anonymous', 'throwaway'] : ['anonymous', 'admin', 'staff', 'counsellor', 'manager'];
    const pathParams = op.parameters.filter((p) => p.in === 'path');
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const pathValues = fc.record(Object.fromEntries(pathParams.map((p) => [p.name, textValue(p.schema, components, pools)])));
    const queryValue = (p: Parameter) => fc.oneof({ weight: 4, arbitrary: textValue(p.schema, components, pools) }, { weight: 1, arbitrary: fc.array(textValue(p.schema, components, pools), { minLength: 2, maxLength: 3 }) });
    const named = fc
      .tuple(...queryParams.map((p) => fc.option(queryValue(p).map((v): QueryEntry => [p.name, v]), { freq: 2 })))
      .map((entries) => entries.filter((e): e is QueryEntry => e !== null));
    const extra = fc.option(fc.tuple(fc.oneof(hostileKey, fc.string({ maxLength: 6 })), hostileString), { freq: 4 });
    const query = fc.tuple(named, extra).map(([entries, more]): QueryEntry[] => (more ? [...entries, more] : entries));
    return fc.record({ identity: fc.constantFrom(...identities), pathValues, query, body: bodyFor(op) });
  }

  function bodyFor(op: Operation): fc.Arbitrary<GeneratedRequest['body']> {
    const json = op.content['application/json'];
    if (op.content['text/csv'] || op.content['multipart/form-data']) return fc.oneof(csvBody(), multipartBody(), fc.constant(undefined));
    if (json?.schema) {
      const body = value(json.schema, components, pools).map((v) => ({ type: 'application/json', data: jsonText(v) }));
      return fc.oneof({ weight: 8, arbitrary: body }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: brokenJson() });
    }
    return op.method === 'post' ? fc.oneof(fc.constant(undefined), brokenJson(), fc.constant({ type: 'application/json', data: '{"__proto__":{"x":1}}' })) : fc.constant(undefined);
  }

  const brokenJson = () => fc.constantFrom('{', '[]', 'null', '"\\uD800"', '{"a":1,"a":2}', '{"a":"\\u0000"}', '1e400', '\uFEFF{}').map((data) => ({ type: 'application/json', data }));

  const csvCell = fc.oneof(hostileString, fc.constantFrom('1901-04-01', 'R-1', 'E', '20-49', '30-39', 'regular', '3-10', 'in_person', '60', 'health', '4', '-19'));
  const csvText = fc
    .tuple(fc.shuffledSubarray([...CSV_COLUMNS], { minLength: 1 }), fc.array(fc.array(csvCell, { minLength: 1, maxLength: 13 }), { maxLength: 4 }))
    .map(([columns, rows]) => [columns.join(','), ...rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))].join('\r\n'));
  const csvBody = () => csvText.map((data) => ({ type: 'text/csv', data }));

  /** A multipart form: any parts, any names, possibly a second file, possibly cut off anywhere. */
  const multipartBody = () =>
    fc
      .tuple(
        fc.array(fc.record({ name: fc.oneof(fc.constant('file'), hostileKey, fc.constant('note')), file: fc.boolean(), content: fc.oneof(csvText, hostileString) }), { minLength: 0, maxLength: 3 }),
        fc.option(fc.nat({ max: 400 }), { freq: 3 }),
        fc.boolean(),
      )
      .map(([parts, cutAt, withBoundary]) => {
        const boundary = 'gen' + randomUUID().replace(/-/g, '');
        const text = parts
          .map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.file ? '; filename="x.csv"\r\nContent-Type: text/csv' : ''}\r\n\r\n${p.content}\r\n`)
          .join('') + `--${boundary}--\r\n`;
        const bytes = Buffer.from(text, 'utf8');
        return { type: withBoundary ? `multipart/form-data; boundary=${boundary}` : 'multipart/form-data', data: cutAt === null ? bytes : bytes.subarray(0, cutAt) };
      });

  let forwardedFor = 0;
  async function send(op: Operation, generated: GeneratedRequest) {
    const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => urlText(generated.pathValues[name] ?? ''));
    const query = generated.query.flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${urlText(k)}=${urlText(one)}`)).join('&');
    const url = query ? `${path}?${query}` : path;
    const n = ++forwardedFor;
    // A fresh address each time: failed sign-ins are counted per address in the shared database.
    let req = t.http[op.method](url).set('X-Forwarded-For', `10.77.${(n >> 8) & 255}.${n & 255}`).ok(() => true);
    if (generated.identity !== 'anonymous') req = req.set('Cookie', cookies[generated.identity]);
    if (generated.body) req = req.set('Content-Type', generated.body.type).send(generated.body.data);
    return req;
  }

  it('never answers 5xx, and answers every error with the filter\'s JSON', async () => {
    const reached = new Map<string, Set<number>>();
    for (const op of operations) {
      const seen = new Set<number>();
      reached.set(`${op.method.toUpperCase()} ${op.path}`, seen);
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
        { seed: SEED, numRuns: RUNS_PER_OPERATION },
      );
    }
    expect(reached.size).toBeGreaterThan(15);
    // Every operation was reached past authentication at least once: the run tested handlers, not only the guard.
    const onlyRefused = [...reached].filter(([, statuses]) => [...statuses].every((s) => s === 401 || s === 403)).map(([op]) => op);
    expect(onlyRefused).toEqual([]);
  });
});
