import { exportFileName } from './consultations.service.js';

describe('exportFileName', () => {
  const bounds = { first: '2026-04-03', last: '2027-03-28' };
  it('names the range asked for', () => {
    expect(exportFileName({ from: '2026-04-01', to: '2027-03-31' }, bounds, '2026-11-04')).toBe('consultations-2026-04-01-2027-03-31.csv');
  });
  it('names an open end by the first or last session date exported', () => {
    expect(exportFileName({}, bounds, '2026-11-04')).toBe('consultations-2026-04-03-2027-03-28.csv');
    expect(exportFileName({ from: '2026-01-01' }, bounds, '2026-11-04')).toBe('consultations-2026-01-01-2027-03-28.csv');
    expect(exportFileName({ to: '2026-12-31' }, bounds, '2026-11-04')).toBe('consultations-2026-04-03-2026-12-31.csv');
  });
  it('names an empty export all up to today', () => {
    expect(exportFileName({}, null, '2026-11-04')).toBe('consultations-all-2026-11-04.csv');
    expect(exportFileName({ to: '2025-03-31' }, null, '2026-11-04')).toBe('consultations-all-2025-03-31.csv');
  });
});
