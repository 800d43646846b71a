import type { CellAggregate, CategoryDimension, Classification, ClientRecord } from '../types.js';
import { ALL, CellGrid, InvalidAggregateError } from './cell-grid.js';

/**
 * The reference aggregation: what the SQL must return for the same clients. Each client counts
 * once per cell; employed clients count in the six employer scopes (division, sector, '*' x size
 * class, '*'), everyone in the city-wide scope. Clients without an employer HMAC add to no
 * employer, which can only make the employer rule stricter.
 */
export function aggregateClients(clients: ClientRecord[], classification: Classification): CellAggregate[] {
  const grid = new CellGrid(classification);
  const columnsOf = clientColumns(grid);
  const scopesOf = clientScopes(grid, classification);

  const count = new Float64Array(grid.size);
  const perEmployer: (Map<number, number> | undefined)[] = new Array(grid.size);
  const employerId = new Map<string, number>();

  for (const client of clients) {
    const columns = columnsOf(client);
    const scopes = scopesOf(client);
    let employer = -1;
    if (client.employed && client.employerHmac !== null) {
      employer = employerId.get(client.employerHmac) ?? employerId.size;
      employerId.set(client.employerHmac, employer);
    }
    for (const scope of scopes) {
      for (const c of columns) {
        const i = grid.cell(scope, c);
        count[i]++;
        if (scope === grid.allScope || employer < 0) continue;
        const m = (perEmployer[i] ??= new Map());
        m.set(employer, (m.get(employer) ?? 0) + 1);
      }
    }
  }
  return cellAggregates(grid, count, perEmployer);
}

/** The grid columns a client counts in: the total, each theme and channel, one category of each other dimension. */
function clientColumns(grid: CellGrid): (client: ClientRecord) => Set<number> {
  const columnIndex = new Map<string, number>();
  grid.columns.forEach((c, i) => columnIndex.set(`${c.dimension}|${c.category}`, i));
  const column = (dimension: CategoryDimension, category: string) => {
    const c = columnIndex.get(`${dimension}|${category}`);
    if (c === undefined) throw new InvalidAggregateError(`unknown ${dimension} code: ${category}`);
    return c;
  };
  return (client) => {
    const columns = new Set<number>([0]);
    for (const t of client.themes) columns.add(column('theme', t));
    for (const ch of client.channels) columns.add(column('channel', ch));
    columns.add(column('age_band', client.ageBand));
    columns.add(column('employment_type', client.employmentType));
    columns.add(column('tenure_band', client.tenureBand));
    return columns;
  };
}

/** The scopes a client counts in: city-wide, and when employed her six employer scopes. */
function clientScopes(grid: CellGrid, classification: Classification): (client: ClientRecord) => number[] {
  const sectorOf = new Map(classification.industries.map((i) => [i.code, i.sector]));
  return (client) => {
    const scopes = [grid.allScope];
    if (client.employed) {
      const sector = sectorOf.get(client.industry);
      if (!sector) throw new InvalidAggregateError(`unknown industry: ${client.industry}`);
      if (client.sizeClass === null) throw new InvalidAggregateError('an employed client needs a size class');
      for (const industry of [client.industry, sector, ALL]) {
        for (const size of [client.sizeClass, ALL]) scopes.push(grid.employedScope(industry, size));
      }
    }
    return scopes;
  };
}

/** The non-zero cells with their employer figures. */
function cellAggregates(grid: CellGrid, count: Float64Array, perEmployer: (Map<number, number> | undefined)[]): CellAggregate[] {
  const out: CellAggregate[] = [];
  for (let i = 0; i < grid.size; i++) {
    if (count[i] === 0) continue;
    const m = perEmployer[i];
    let maxEmployerCount = 0;
    if (m) for (const n of m.values()) maxEmployerCount = Math.max(maxEmployerCount, n);
    out.push({ ...grid.refs[i], count: count[i], employers: m?.size ?? 0, maxEmployerCount });
  }
  return out;
}
