import { CLASSIFICATION, client, clientsInPeriod, generateYear } from '../disclosure.fixtures.js';
import type { CellAggregate } from '../types.js';
import { aggregateClients } from './aggregate-clients.js';
import { CellGrid, cellKey, truthFromAggregates } from './cell-grid.js';
import { assertTruthConsistent, knowledgeFromTruth } from './release-context.js';

function find(cells: CellAggregate[], key: string): CellAggregate | undefined {
  return cells.find((c) => cellKey(c) === key);
}

describe('aggregateClients', () => {
  it('counts an employed client once in each of her six employer scopes and city-wide', () => {
    const cells = aggregateClients([client({ themes: ['career_change', 'career_change', 'health'] })], CLASSIFICATION);
    for (const industry of ['E', 'secondary', '*']) {
      for (const size of ['20-99', '*']) {
        expect(find(cells, `employed|${industry}|${size}|total|*`)?.count).toBe(1);
        expect(find(cells, `employed|${industry}|${size}|theme|career_change`)?.count).toBe(1);
      }
    }
    expect(find(cells, 'all|*|*|total|*')?.count).toBe(1);
    expect(find(cells, 'all|*|*|theme|health')?.count).toBe(1);
    expect(find(cells, 'employed|D|*|total|*')).toBeUndefined();
    // 7 scopes x (total, 2 themes, channel, age, employment type, tenure)
    expect(cells).toHaveLength(7 * 7);
  });

  it('counts non-employed clients city-wide only and employers among employed clients only', () => {
    const cells = aggregateClients(
      [
        client({ employerHmac: 'x' }),
        client({ employerHmac: 'x' }),
        client({ employerHmac: 'y' }),
        client({ employerHmac: null }),
        client({ employed: false, employmentType: 'not_working', sizeClass: null, employerHmac: null, tenureBand: 'na' }),
      ],
      CLASSIFICATION,
    );
    expect(find(cells, 'employed|E|20-99|total|*')).toMatchObject({ count: 4, employers: 2, maxEmployerCount: 2 });
    expect(find(cells, 'all|*|*|total|*')?.count).toBe(5);
    expect(find(cells, 'all|*|*|employment_type|not_working')?.count).toBe(1);
    expect(find(cells, 'employed|*|*|employment_type|not_working')).toBeUndefined();
  });

  it('gives aggregates that satisfy every relation the auditor assumes', () => {
    const year = generateYear(3, { clients: 800 });
    const grid = new CellGrid(CLASSIFICATION);
    const truth = truthFromAggregates(grid, aggregateClients(clientsInPeriod(year, '2025-04-01', '2026-03-31'), CLASSIFICATION));
    const knowledge = knowledgeFromTruth(grid, truth);
    expect(knowledge).toEqual({ everyClientHasTheme: true, everyClientHasChannel: true, employedByType: true });
    expect(() => assertTruthConsistent(grid, truth, knowledge)).not.toThrow();
  });

  it('refuses codes outside the classification', () => {
    expect(() => aggregateClients([client({ themes: ['astrology'] })], CLASSIFICATION)).toThrow('unknown theme code');
  });
});
