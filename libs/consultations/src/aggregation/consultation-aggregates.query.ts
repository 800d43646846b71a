import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CellAggregate, Classification, Dimension, Population } from '@hokenshitsu/disclosure';
import { CONSULTATION_CATEGORIES } from './consultation-categories.js';

type Categories = Classification['categories'];

interface Measure {
  dimension: Dimension;
  category: string;
  /** SQL predicate over one client row (aliases below), from fixed code lists only. */
  predicate: string;
}

function quote(code: string): string {
  return `'${code.replace(/'/g, "''")}'`;
}

/** One measure per cell category: the client counts in it when the predicate holds. */
export function measures(categories: Categories): Measure[] {
  return [
    { dimension: 'total', category: '*', predicate: 'true' },
    ...categories.age_band.map((code) => ({ dimension: 'age_band' as const, category: code, predicate: `age_band = ${quote(code)}` })),
    ...categories.employment_type.map((code) => ({ dimension: 'employment_type' as const, category: code, predicate: `employment_type = ${quote(code)}` })),
    ...categories.tenure_band.map((code) => ({ dimension: 'tenure_band' as const, category: code, predicate: `tenure_band = ${quote(code)}` })),
    ...categories.theme.map((code, i) => ({ dimension: 'theme' as const, category: code, predicate: `theme_mask & ${2 ** i} <> 0` })),
    ...categories.channel.map((code, i) => ({ dimension: 'channel' as const, category: code, predicate: `channel_mask & ${2 ** i} <> 0` })),
  ];
}

/**
 * The release's input, aggregated in PostgreSQL on purpose: a year can hold a million consultations,
 * and pulling them row by row into Node would dominate the build. The plan:
 *  1. each client once, in one hash aggregate (no sort): the scope and single-valued answers of her
 *     latest consultation (max over an array whose first elements are the date, the entry time and
 *     the id, so the latest row wins and ties break deterministically), her themes and channels as
 *     bit masks OR-ed over the period (theme_mask and channel_mask are generated columns);
 *  2. one wide pass over the client rows per (division, size class, employer), a count FILTER per
 *     category, far cheaper than one row per (client, category);
 *  3. those rows rolled up division → sector → all and size class → all with GROUPING SETS, still
 *     per employer (the sectors are the build's: its division → sector mapping comes in as two
 *     array parameters, a 20-row join like the reference table's, so the folded and the JSIC
 *     tables aggregate alike), then folded over employers: clients, distinct employers and the largest
 *     employer's count (the employer rule); finally unpivoted to one row per cell. Clients without
 *     an employer key count as no employer towards the minimum number of employers, but as one
 *     shared unknown employer towards the largest share: the strict reading of both rules.
 */
export function buildAggregateSql(categories: Categories, caps?: ContributionCaps): string {
  const ms = measures(categories);
  const counts = ms.map((m, i) => `count(*) FILTER (WHERE ${m.predicate})::int AS m${i}`).join(',\n         ');
  const sums = ms.map((_, i) => `sum(m${i})::int AS m${i}`).join(', ');
  const folds = ms.map((_, i) => `sum(m${i})::int AS c${i}, (count(employer_hmac) FILTER (WHERE m${i} > 0))::int AS e${i}, max(m${i})::int AS x${i}`).join(',\n         ');
  const unpivotScopes = ms.map((m, i) => `(${quote(m.dimension)}, ${quote(m.category)}, c${i}, e${i}, x${i})`).join(', ');
  const unpivotCity = ms.map((m, i) => `(${quote(m.dimension)}, ${quote(m.category)}, m${i})`).join(', ');
  return `
WITH per_client AS (
  SELECT max(ARRAY[held_on::text, recorded_at::text, id::text, industry, coalesce(size_band, ''), employment_type, age_band,
                   tenure_band, coalesce(employer_hmac, '')]) AS l,
         bit_or(theme_mask) AS theme_mask, bit_or(channel_mask) AS channel_mask
    FROM consultations
   WHERE held_on BETWEEN $1::date AND $2::date
   GROUP BY client_ref
),
clients AS (
  SELECT l[4] AS industry, i.sector, sb.size_class, et.employed, nullif(l[9], '') AS employer_hmac,
         l[7] AS age_band, l[6] AS employment_type, l[8] AS tenure_band,
         ${caps ? keepLowestBits('theme_mask', categories.theme.length, caps.themes) : 'theme_mask'} AS theme_mask,
         ${caps ? keepLowestBits('channel_mask', categories.channel.length, caps.channels) : 'channel_mask'} AS channel_mask
    FROM per_client
    JOIN unnest($3::text[], $4::text[]) AS i(code, sector) ON i.code = l[4]
    JOIN ref_employment_type et ON et.code = l[6]
    LEFT JOIN ref_size_band sb ON sb.code = nullif(l[5], '')
),
fine AS (
  SELECT industry, sector, size_class, employer_hmac,
         ${counts}
    FROM clients
   WHERE employed AND size_class IS NOT NULL
   GROUP BY industry, sector, size_class, employer_hmac
),
per_employer AS (
  SELECT CASE WHEN GROUPING(industry) = 0 THEN industry WHEN GROUPING(sector) = 0 THEN sector ELSE '*' END AS industry,
         CASE WHEN GROUPING(size_class) = 0 THEN size_class ELSE '*' END AS size_class,
         employer_hmac, ${sums}
    FROM fine
   GROUP BY GROUPING SETS (
     (industry, size_class, employer_hmac), (industry, employer_hmac),
     (sector, size_class, employer_hmac), (sector, employer_hmac),
     (size_class, employer_hmac), (employer_hmac))
),
scopes AS (
  SELECT industry, size_class,
         ${folds}
    FROM per_employer
   GROUP BY industry, size_class
),
city AS (
  SELECT ${counts} FROM clients
)
SELECT 'employed' AS population, s.industry, s.size_class, v.dimension, v.category,
       v.n AS count, v.e AS employers, v.x AS max_employer_count
  FROM scopes s, LATERAL (VALUES ${unpivotScopes}) AS v(dimension, category, n, e, x)
 WHERE v.n > 0
UNION ALL
SELECT 'all', '*', '*', v.dimension, v.category, v.n, 0, 0
  FROM city, LATERAL (VALUES ${unpivotCity}) AS v(dimension, category, n)
 WHERE v.n > 0`;
}

export const AGGREGATE_SQL = buildAggregateSql(CONSULTATION_CATEGORIES);

/** Each division's sector scope in the tables being built (a classification's industries). */
export type SectorMapping = Classification['industries'];

/** Differential privacy bounds each client's weight: at most this many themes and channels. */
export interface ContributionCaps {
  themes: number;
  channels: number;
}

/**
 * The mask with only its `keep` lowest set bits (the first codes in list order): the same rule as
 * the engine's capContributions. Integers only, never data, go into the text.
 */
function keepLowestBits(mask: string, bits: number, keep: number): string {
  if (!Number.isInteger(bits) || !Number.isInteger(keep)) throw new RangeError('bit counts must be integers');
  return `(SELECT coalesce(bit_or(1 << g), 0) FROM (SELECT g FROM generate_series(0, ${bits - 1}) g
            WHERE ${mask} & (1 << g) <> 0 ORDER BY g LIMIT ${keep}) kept)`;
}

interface Row {
  population: Population;
  industry: string;
  size_class: string;
  dimension: Dimension;
  category: string;
  count: number;
  employers: number;
  max_employer_count: number;
}

/** The aggregation's SQL; callers outside consultations go through ConsultationAggregatesService. */
@Injectable()
export class ConsultationAggregatesQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The fiscal years (April to March) that hold consultations, newest first. A loose index scan:
   * one index lookup per year on held_on instead of reading every row.
   */
  async fiscalYearsOnRecord(): Promise<number[]> {
    const rows: { year: number }[] = await this.db.query(`
      WITH RECURSIVE fy(year) AS (
        SELECT (SELECT extract(year FROM min(held_on) - interval '3 months')::int FROM consultations)
        UNION ALL
        SELECT (SELECT extract(year FROM min(held_on) - interval '3 months')::int FROM consultations WHERE held_on >= make_date(fy.year + 1, 4, 1))
          FROM fy WHERE fy.year IS NOT NULL
      )
      SELECT year FROM fy WHERE year IS NOT NULL ORDER BY year DESC`);
    return rows.map((r) => Number(r.year));
  }

  /**
   * Non-zero cells of every table for the period (inclusive ISO dates), with the sector margins of
   * `industries` (each division's sector scope); a division outside it is in no table.
   */
  async forPeriod(periodStart: string, periodEnd: string, industries: SectorMapping, caps?: ContributionCaps): Promise<CellAggregate[]> {
    const sql = caps ? buildAggregateSql(CONSULTATION_CATEGORIES, caps) : AGGREGATE_SQL;
    const params = [periodStart, periodEnd, industries.map((i) => i.code), industries.map((i) => i.sector)];
    const rows: Row[] = await this.db.transaction(async (tx) => {
      // The per-client hash aggregate of a year's consultations must stay in memory, not spill to disk.
      await tx.query(`SET LOCAL work_mem = '256MB'`);
      return tx.query(sql, params);
    });
    return rows.map((r) => ({
      population: r.population,
      industry: r.industry,
      sizeClass: r.size_class,
      dimension: r.dimension,
      category: r.category,
      count: r.count,
      employers: r.employers,
      maxEmployerCount: r.max_employer_count,
    }));
  }
}
