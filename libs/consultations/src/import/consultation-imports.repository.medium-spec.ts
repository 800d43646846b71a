import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { startMedium } from '../../../../test/support/medium.js';
import { ConsultationsModule } from '../consultations.module.js';
import { ConsultationImportsRepository } from './consultation-imports.repository.js';

/** Medium: the imports repository on the run's throwaway PostgreSQL, no HTTP. */
describe('ConsultationImportsRepository (PostgreSQL)', () => {
  let repo: ConsultationImportsRepository;
  let db: DataSource;
  let close: () => Promise<void>;
  let user: { id: string; email: string };

  beforeAll(async () => {
    const medium = await startMedium(ConsultationsModule);
    repo = medium.get(ConsultationImportsRepository);
    db = medium.db;
    close = medium.close;
    const email = `medium-${randomUUID().slice(0, 8)}@example.jp`;
    const [row] = await db.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, 'x', 'counsellor') RETURNING id`, [email]);
    user = { id: row.id, email };
  });
  afterAll(() => close());

  const sha = () => createHash('sha256').update(randomUUID()).digest('hex');
  const record = (sha256: string) => ({ id: randomUUID(), sha256, fileName: '相談.csv', rowCount: 12, importedBy: user.id });
  const transaction = async (): Promise<QueryRunner> => {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  };
  const stored = async (sha256: string) => (await db.query('SELECT count(*)::int AS n FROM consultation_imports WHERE sha256 = $1', [sha256]))[0].n;
  /** Whether a promise is still pending after a moment (the second insert waits on the first's lock). */
  const pending = (p: Promise<unknown>) => Promise.race([p.then(() => false, () => false), new Promise((r) => setTimeout(() => r(true), 300))]);

  it('records an import and finds it by its hash, with who imported it', async () => {
    const hash = sha();
    const tx = await transaction();
    const mine = record(hash);
    expect(await repo.insert(tx.manager, mine)).toBeNull();
    await tx.commitTransaction();
    await tx.release();
    expect(await repo.findBySha256(hash)).toEqual({ id: mine.id, importedAt: expect.any(Date), importedBy: user, rowCount: 12 });
    expect(await repo.findById(mine.id)).toMatchObject({ sha256: hash, fileName: '相談.csv', rowCount: 12, importedBy: user.id });
    expect(await repo.findBySha256(sha())).toBeNull();
  });

  it('lets exactly one of two concurrent transactions record the same hash: the second waits, then gets the first', async () => {
    const hash = sha();
    const [a, b] = [await transaction(), await transaction()];
    try {
      const first = record(hash);
      const second = record(hash);
      const results = [repo.insert(a.manager, first), repo.insert(b.manager, second)];
      expect(await results[0]).toBeNull();
      expect(await pending(results[1]!)).toBe(true);
      await a.commitTransaction();
      expect(await results[1]).toMatchObject({ id: first.id, importedBy: user, rowCount: 12 });
      await b.commitTransaction();
      expect(await stored(hash)).toBe(1);
    } finally {
      await Promise.all([a.release(), b.release()]);
    }
  });

  it('lets the second transaction win when the first rolls back', async () => {
    const hash = sha();
    const [a, b] = [await transaction(), await transaction()];
    try {
      const second = record(hash);
      expect(await repo.insert(a.manager, record(hash))).toBeNull();
      const waiting = repo.insert(b.manager, second);
      expect(await pending(waiting)).toBe(true);
      await a.rollbackTransaction();
      expect(await waiting).toBeNull();
      await b.commitTransaction();
      expect((await repo.findBySha256(hash))?.id).toBe(second.id);
    } finally {
      await Promise.all([a.release(), b.release()]);
    }
  });

  it('refuses a hash that is not hex SHA-256 (the table checks it)', async () => {
    const tx = await transaction();
    try {
      await expect(repo.insert(tx.manager, record('not-a-hash'))).rejects.toThrow(/consultation_imports_sha256_hex/);
    } finally {
      await tx.rollbackTransaction();
      await tx.release();
    }
  });
});
