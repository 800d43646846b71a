import { Injectable } from '@nestjs/common';
import { BadInputError, ConflictError, ForbiddenError, NotFoundError } from '@hokenshitsu/core';
import { STAFF_ROLES, type AuthenticatedUser } from '@hokenshitsu/identity';
import { THEMES } from '@hokenshitsu/reference';
import { DEFAULT_ADVICE } from '../content/default-advice.js';
import type { AdviceEntry } from '../content/report-input.js';
import { AdviceRepository, type AdviceVersion } from './advice.repository.js';

export const ADVICE_MAX_LENGTH = 600;

/**
 * "What employers in your sector can do", per theme, in Japanese and English, written by city
 * staff. Every save is a new complete version; reports name the version they used, so a new
 * version makes new reports and leaves the old ones as they were.
 */
@Injectable()
export class AdviceService {
  constructor(private readonly advice: AdviceRepository) {}

  /** The newest version; on a new installation the built-in advice becomes version 1. */
  async current(): Promise<AdviceVersion> {
    const latest = await this.advice.latestVersion();
    if (latest !== null) return (await this.advice.get(latest))!;
    await this.advice.insertVersion(0, null, DEFAULT_ADVICE);
    return (await this.advice.get((await this.advice.latestVersion())!))!;
  }

  async get(version: number): Promise<AdviceVersion> {
    // Outside PostgreSQL's integer: no such version (not a database error).
    const found = Number.isInteger(version) && version > 0 && version <= 2 ** 31 - 1 ? await this.advice.get(version) : null;
    if (!found) throw new NotFoundError('advice version');
    return found;
  }

  list() {
    return this.advice.list();
  }

  /**
   * Saves a new version made from `basedOn`. When someone else saved a version since, this one is
   * refused (409) rather than silently replacing theirs.
   */
  async save(staff: AuthenticatedUser, basedOn: number, entries: AdviceEntry[]): Promise<AdviceVersion> {
    if (!STAFF_ROLES.includes(staff.role)) throw new ForbiddenError('advice is written by city staff');
    checkEntries(entries);
    const current = await this.current();
    if (current.version !== basedOn) {
      throw new ConflictError(`advice was saved as version ${current.version} since version ${basedOn} was opened: reload and edit again`, [
        { field: 'version', message: `is not the latest (${current.version})` },
      ]);
    }
    const cleaned = entries.map((e) => ({ theme: e.theme, ja: e.ja.trim(), en: e.en.trim() })).filter((e) => e.ja || e.en);
    if (!(await this.advice.insertVersion(basedOn, staff.id, cleaned))) {
      throw new ConflictError('advice was saved by someone else at the same moment: reload and edit again', [{ field: 'version', message: 'is not the latest' }]);
    }
    return this.get(basedOn + 1);
  }
}

/** Known themes, each once, both languages given together, not too long: a BadInputError naming the entry. */
export function checkEntries(entries: AdviceEntry[]): void {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const field = `entries[${i}]`;
    if (!THEMES.some((t) => t.code === e.theme)) throw new BadInputError(`${field}.theme must be a theme code`, [{ field: `${field}.theme`, message: 'unknown theme' }]);
    if (seen.has(e.theme)) throw new BadInputError(`${field}.theme ${e.theme} is given twice`, [{ field: `${field}.theme`, message: 'given twice' }]);
    seen.add(e.theme);
    for (const lang of ['ja', 'en'] as const) {
      if (e[lang].trim().length > ADVICE_MAX_LENGTH) {
        throw new BadInputError(`${field}.${lang} is longer than ${ADVICE_MAX_LENGTH} characters`, [{ field: `${field}.${lang}`, message: 'too long' }]);
      }
    }
    if (Boolean(e.ja.trim()) !== Boolean(e.en.trim())) {
      const missing = e.ja.trim() ? 'en' : 'ja';
      throw new BadInputError(`${field}.${missing} is required when the other language is written`, [{ field: `${field}.${missing}`, message: 'is required' }]);
    }
  });
}
