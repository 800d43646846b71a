import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DataSource } from 'typeorm';
import { postStream } from '../support/consultations-api.js';
import { consultationCsvStream, consultationRows } from '../support/consultations-csv.js';
import { signedInAs, startTestApp, type TestApp } from '../support/test-app.js';

const MB = 1024 * 1024;

interface Memory {
  /** Highest heapUsed and RSS seen (sampled every 10 ms), above the start. */
  peakHeap: number;
  peakRss: number;
  /** Highest heapUsed right after a full GC (one a second): what the import really holds. */
  retained: number;
}

/** The GC, for measuring what is live rather than what V8 has not yet collected. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** Measures this process's memory while `work` runs (the app and the client share the process). */
async function measure<T>(gc: () => void, work: () => Promise<T>): Promise<{ result: T; memory: Memory; ms: number }> {
  gc();
  const before = process.memoryUsage();
  const memory: Memory = { peakHeap: 0, peakRss: 0, retained: 0 };
  const sample = setInterval(() => {
    const now = process.memoryUsage();
    memory.peakHeap = Math.max(memory.peakHeap, now.heapUsed - before.heapUsed);
    memory.peakRss = Math.max(memory.peakRss, now.rss - before.rss);
  }, 10);
  const collect = setInterval(() => {
    gc();
    memory.retained = Math.max(memory.retained, process.memoryUsage().heapUsed - before.heapUsed);
  }, 1000);
  const started = Date.now();
  try {
    const result = await work();
    return { result, memory, ms: Date.now() - started };
  } finally {
    clearInterval(sample);
    clearInterval(collect);
  }
}

describe('consultations: a 100,000-row import', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp();
    cookie = (await signedInAs(t, 'counsellor')).cookie;
  });
  afterAll(() => t.close());

  // The generator's returning clients come back on the same day, by the same channel, about the
  // same themes now and then (seed 12's 100,000 rows hold one such pair), which the import refuses
  // as a repeat unless confirmed: the big file says its rows are new (the 10,000 rows are checked).
  const importRows = (count: number, seed: number, confirmNew = false) =>
    postStream(t, `/api/v1/consultations/import${confirmNew ? '?confirm_new=true' : ''}`, { Cookie: cookie, 'Content-Type': 'text/csv' }, consultationCsvStream(count, { seed }));

  it('generates the same realistic rows from the same seed', () => {
    const a = [...consultationRows(500, { seed: 3 })];
    expect([...consultationRows(500, { seed: 3 })]).toEqual(a);
    expect([...consultationRows(500, { seed: 4 })]).not.toEqual(a);
    expect(new Set(a.map((r) => r.client_ref)).size).toBeLessThan(300); // clients come back
    expect(a.some((r) => /[Ａ-Ｚａ-ｚ]/.test(r.employer_key) || r.employer_key !== r.employer_key.trim())).toBe(true);
  });

  it('imports 100,000 streamed rows in one transaction with memory that does not grow with the file', async () => {
    const gc = exposeGc();
    const small = await measure(gc, () => importRows(10_000, 11));
    expect(small.result.status).toBe(201);

    const big = await measure(gc, () => importRows(100_000, 12, true));
    expect(big.result.status).toBe(201);
    expect(big.result.body).toEqual({ imported: 100_000, import_id: expect.any(String) });
    const [{ n, clients }] = await t.app.get(DataSource).query(
      'SELECT count(*)::int AS n, count(DISTINCT client_ref)::int AS clients FROM consultations WHERE import_id = $1', [big.result.body.import_id],
    );
    expect(n).toBe(100_000);
    expect(clients).toBeGreaterThan(25_000);

    const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;
    const line = (label: string, m: typeof big) =>
      `${label}: ${m.ms} ms; growth: retained heap ${mb(m.memory.retained)}, peak heap ${mb(m.memory.peakHeap)}, peak RSS ${mb(m.memory.peakRss)}`;
    console.log(`${line('10,000 rows', small)}\n${line('100,000 rows', big)}`);
    // The file is ~11 MB; its rows held as objects would take well over 100 MB. One process holds
    // the app and the sending client, so the bounds leave room for both and for GC timing.
    expect(big.memory.peakRss).toBeLessThan(150 * MB);
    expect(big.memory.peakHeap).toBeLessThan(150 * MB);
    expect(big.memory.retained).toBeLessThan(30 * MB);
    // Ten times the rows, not ten times the memory (holding just the parsed rows would add ~40 MB).
    expect(big.memory.retained).toBeLessThan(small.memory.retained + 15 * MB);
    // Time is printed above, not asserted: the machine running the suite is shared and noisy.
  }, 240_000);
});
