import pg from 'pg';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { seedConsultations } from './consultation-seed.js';
import { login, registeredCompany, signedInAs, type TestApp } from './test-app.js';

/** A queue prefix of the suite's own, so its worker takes only its own jobs. */
export function ownQueuePrefix(): string {
  return `hks-rep-${randomUUID().slice(0, 8)}`;
}

export interface ReportWorld {
  staff: { cookie: string; id: string };
  /** A verified manufacturing (E) company of 42 employees: size class 20-99. */
  manager: string;
  companyId: string;
  releaseId: string;
  draftId: string;
}

/**
 * Consultations for a fiscal year the suite owns, a published release of it and a draft of its
 * first quarter, a verified company and its signed-in manager.
 */
export async function reportWorld(t: TestApp, fiscalYear: number, clients = 700): Promise<ReportWorld> {
  const staff = await signedInAs(t, 'city_staff');
  const company = await registeredCompany(t, { verifiedBy: staff.cookie });
  const manager = await login(t, company.managerEmail);
  const start = `${fiscalYear}-04-01`;
  const end = `${fiscalYear + 1}-03-31`;
  await seedConsultations(t.app.get(DataSource), { clients, periodStart: start, periodEnd: end, recordedBy: staff.id, seed: fiscalYear });
  const release = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label: `${fiscalYear}年度 ${randomUUID().slice(0, 4)}`, period_start: start, period_end: end });
  if (release.status !== 201) throw new Error(`release: ${release.status} ${JSON.stringify(release.body)}`);
  const published = await t.http.post(`/api/v1/releases/${release.body.id}/publish`).set('Cookie', staff.cookie);
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  const draft = await t.http.post('/api/v1/releases').set('Cookie', staff.cookie).send({ label: `draft ${fiscalYear}`, period_start: start, period_end: `${fiscalYear}-06-30` });
  if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${JSON.stringify(draft.body)}`);
  return { staff, manager, companyId: company.id, releaseId: release.body.id, draftId: draft.body.id };
}

/** Polls a report's status until it is done or failed. */
export async function waitForReport(t: TestApp, cookie: string, id: string, timeoutMs = 60_000): Promise<{ status: string; sha256: string | null; bytes: number | null; error?: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http.get(`/api/v1/reports/${id}`).set('Cookie', cookie);
    if (res.status !== 200) throw new Error(`report status answered ${res.status}`);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${res.body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Advice for employers is one global, versioned setting, and a report's key holds the advice
 * version: a suite that saves advice while another asks for "the same report twice" would give
 * that suite two reports. Suites that save advice hold this lock exclusively for their whole run,
 * suites whose assertions depend on the version standing still hold it shared (PostgreSQL
 * advisory lock on a connection of its own; closing the connection releases it).
 */
export async function holdAdviceLock(mode: 'shared' | 'exclusive'): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query(mode === 'shared' ? 'SELECT pg_advisory_lock_shared($1)' : 'SELECT pg_advisory_lock($1)', [ADVICE_LOCK]);
  return () => client.end();
}

const ADVICE_LOCK = 4_240_001;

/** A PDF read back the way a person and an accessibility checker would: poppler's tools. */
export function readPdf(pdf: Buffer, name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'hks-pdf-'));
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  const read = {
    info,
    title: field('Title'),
    tagged: field('Tagged'),
    pages: Number(field('Pages')),
    pageSize: field('Page size'),
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
    // -layout off: one logical line per text run, as a screen reader gets it.
    text: execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '),
    raw: pdf.toString('latin1'),
  };
  rmSync(dir, { recursive: true, force: true });
  return read;
}

