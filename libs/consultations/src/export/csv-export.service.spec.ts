import { csvField, exportLine } from './csv-export.service.js';

describe('CSV export lines', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('R-1')).toBe('R-1');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
    expect(csvField(60)).toBe('60');
  });

  it('writes REFERENCE.md order with the HMAC in the employer column and no memo', () => {
    const line = exportLine({
      id: 'x', heldOn: '2026-11-04', clientRef: 'R,1', employerHmac: 'ab'.repeat(32), industry: 'E', sizeBand: null, ageBand: '-19',
      employmentType: 'not_working', tenureBand: 'na', channel: 'phone', durationMin: 45, themes: ['health', 'startup'], satisfaction: null,
      memo: 'MEMO-NEVER', recordedBy: 'u', recordedAt: new Date(0), importId: null,
    });
    expect(line).toBe(`2026-11-04,"R,1",${'ab'.repeat(32)},E,,-19,not_working,na,phone,45,health;startup,\r\n`);
  });
});
