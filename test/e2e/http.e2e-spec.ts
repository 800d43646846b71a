import { signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

describe('HTTP behaviour', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health of PostgreSQL and Redis', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('serves every reference list with ja/en labels', async () => {
    const expected: Record<string, number> = { industries: 20, 'size-bands': 8, 'age-bands': 6, 'employment-types': 5, 'tenure-bands': 5, channels: 5, themes: 15 };
    for (const [list, count] of Object.entries(expected)) {
      const res = await t.http.get(`/api/v1/reference/${list}`).expect(200);
      expect(res.body).toHaveLength(count);
      expect(res.body[0]).toEqual(expect.objectContaining({ code: expect.any(String), ja: expect.any(String), en: expect.any(String) }));
    }
    const industries = await t.http.get('/api/v1/reference/industries').expect(200);
    expect(industries.body.find((i: { code: string }) => i.code === 'E')).toMatchObject({ ja: '製造業', sector: 'secondary' });
    const bands = await t.http.get('/api/v1/reference/size-bands').expect(200);
    expect(bands.body.find((b: { code: string }) => b.code === '50-99')).toMatchObject({ size_class: '20-99' });
    await t.http.get('/api/v1/reference/colours').expect(404);
  });

  it('refuses cross-site API writes (403) and non-JSON bodies (415)', async () => {
    await t.http.post('/api/v1/auth/login').set('Origin', 'https://evil.example').send({ email: 'a@example.jp', password: 'x' }).expect(403);
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'text/plain').send('email=a@example.jp').expect(415);
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/x-www-form-urlencoded').send('email=a@example.jp&password=x').expect(415);
    // same-origin writes with JSON pass the check (and fail later on credentials)
    await t.http.post('/api/v1/auth/login').set('Origin', t.url).send({ email: 'a@example.jp', password: 'x' }).expect(401);
  });

  it('lets a write without a body through without a content type', async () => {
    const { cookie } = await signedInAs(t, 'city_staff');
    await t.http.post('/api/v1/companies/00000000-0000-4000-8000-000000000000/verify').set('Cookie', cookie).expect(404);
  });

  it('answers 413 for a body over 1 MB and 400 for malformed JSON, never 500', async () => {
    const big = JSON.stringify({ email: 'a@example.jp', password: 'x'.repeat(1_100_000) });
    const res = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(big).expect(413);
    expect(res.body.message).toMatch(/too large/);
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('[1,2]').expect(400);
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('"just a string"').expect(400);
    await t.http.post('/api/v1/companies/register').set('Content-Type', 'application/json').send('null').expect(400);
  });

  it('sets helmet headers and a request id', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-request-id']).toMatch(/^[\w-]+$/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves an OpenAPI document where every operation has a summary, error responses and security', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.servers?.length).toBeGreaterThan(0);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'hks_session' });
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { summary?: string; responses: Record<string, unknown>; operationId?: string }>).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(8);
    for (const { path, method, op } of operations) {
      expect({ path, method, summary: Boolean(op.summary) }).toEqual({ path, method, summary: true });
      const codes = Object.keys(op.responses);
      expect({ path, method, hasError: codes.some((c) => c.startsWith('4') || c.startsWith('5')) }).toEqual({ path, method, hasError: true });
      expect(op.operationId).toBeTruthy();
    }
    await t.http.get('/api/docs').expect(200);
  });

  it('passes the Redocly recommended OpenAPI lint with no error', async () => {
    const { createConfig, lintFromString } = await import('@redocly/openapi-core');
    const res = await t.http.get('/api/docs-json').expect(200);
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(res.body), absoluteRef: 'openapi.json', config });
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} ${p.location?.[0]?.pointer ?? ''}`);
    expect(errors).toEqual([]);
  });

  it('answers unknown routes with 404 JSON', async () => {
    const res = await t.http.get('/api/v1/nothing-here').expect(404);
    expect(res.body.statusCode).toBe(404);
  });
});
