import { CLASSIFICATION, client } from '../disclosure.fixtures.js';
import { aggregateClients } from '../grid/aggregate-clients.js';
import { CellGrid, truthFromAggregates } from '../grid/cell-grid.js';
import { DEFAULT_POLICY } from '../policy.js';
import type { ClientRecord } from '../types.js';
import { suppressPrimaryCells } from './primary-suppression.js';

function reasonsFor(clients: ClientRecord[]) {
  const grid = new CellGrid(CLASSIFICATION);
  const truth = truthFromAggregates(grid, aggregateClients(clients, CLASSIFICATION));
  const reasons = suppressPrimaryCells(grid, truth, DEFAULT_POLICY);
  return (key: string) => reasons[grid.indexOf(parse(key))!];
}

function parse(key: string) {
  const [population, industry, sizeClass, dimension, category] = key.split('|');
  return { population, industry, sizeClass, dimension, category };
}

const employers = (n: number) => Array.from({ length: n }, (_, i) => `emp-${i % 4}`);

describe('suppressPrimaryCells', () => {
  it('suppresses non-zero cells below k and publishes zeros', () => {
    const reason = reasonsFor(employers(4).map((e) => client({ employerHmac: e })));
    expect(reason('employed|E|20-99|total|*')).toBe('min_count');
    expect(reason('employed|D|20-99|total|*')).toBeUndefined();
  });

  it('suppresses a cell of enough clients from too few employers or dominated by one', () => {
    const fewEmployers = reasonsFor(Array.from({ length: 12 }, (_, i) => client({ employerHmac: i < 6 ? 'a' : 'b' })));
    expect(fewEmployers('employed|E|20-99|total|*')).toBe('min_employers');
    const dominated = reasonsFor(Array.from({ length: 12 }, (_, i) => client({ employerHmac: i < 8 ? 'a' : `b${i}` })));
    expect(dominated('employed|E|20-99|total|*')).toBe('employer_share');
    const spread = reasonsFor(Array.from({ length: 12 }, (_, i) => client({ employerHmac: `e${i % 4}`, ageBand: i % 2 ? '30-39' : '40-49' })));
    expect(spread('employed|E|20-99|total|*')).toBeUndefined();
  });

  it('suppresses a category shared by everyone in a scope smaller than attribute_factor * k', () => {
    // a scope of exactly k clients, all regular and all on the same theme
    const small = reasonsFor(employers(5).map((e, i) => client({ employerHmac: `${e}${i}`, ageBand: i < 3 ? '30-39' : '40-49' })));
    expect(small('employed|E|20-99|total|*')).toBeUndefined();
    expect(small('employed|E|20-99|employment_type|regular')).toBe('attribute');
    expect(small('employed|E|20-99|theme|career_change')).toBe('attribute');
    // a zero beside it would give it away, so it is hidden too (single-valued dimensions only) ...
    expect(small('employed|E|20-99|tenure_band|lt1')).toBe(small('employed|E|20-99|tenure_band|3-10') === 'attribute' ? 'attribute' : undefined);
    expect(small('employed|E|20-99|employment_type|non_regular')).toBe('attribute');
    // ... except where it is 0 by definition (employer tables hold only employed clients)
    expect(small('employed|E|20-99|employment_type|executive')).toBeUndefined();
    expect(small('employed|E|20-99|theme|startup')).toBeUndefined();
    const large = reasonsFor(
      Array.from({ length: 10 }, (_, i) => client({ employerHmac: `e${i}`, ageBand: i < 5 ? '30-39' : '40-49' })),
    );
    expect(large('employed|E|20-99|employment_type|regular')).toBeUndefined();
  });
});
