import fc from 'fast-check';
import { CLIENT_REF_MAX, CODES, clientRefProblem } from '../consultations/consultation-rules.js';
import { csvField, exportLine, spreadsheetSafe } from './csv-export.service.js';

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

describe('CSV export against spreadsheet formulas', () => {
  it("prefixes ' to text starting with = + - @, a tab or a carriage return", () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField('+81-90-0000-0000')).toBe("'+81-90-0000-0000");
    expect(csvField("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves numbers, number-shaped codes and ordinary text alone', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField('-19')).toBe('-19');
    expect(csvField('+3')).toBe('+3');
    expect(csvField('-1.5')).toBe('-1.5');
    expect(csvField('R-1=2')).toBe('R-1=2');
    expect(csvField("'already")).toBe("'already");
  });

  it('exports every code and every valid client_ref unchanged, so an export imports as it was', () => {
    for (const code of Object.values(CODES).flat()) expect(spreadsheetSafe(code)).toBe(code);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: CLIENT_REF_MAX, unit: 'grapheme' }), (ref) => {
        fc.pre(clientRefProblem(ref) === null);
        expect(spreadsheetSafe(ref)).toBe(ref);
      }),
      { seed: 4242, numRuns: 500 },
    );
  });

  it('never lets a generated text cell start like a formula, unless it is a plain number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('=', '+', '-', '@', '\t', '\r').chain((c) => fc.string().map((s) => c + s))), (text) => {
        const cell = unquote(csvField(text));
        expect(/^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell)).toBe(false);
        expect(cell === text || cell === `'${text}`).toBe(true);
      }),
      { seed: 4242, numRuns: 1000 },
    );
  });
});

/** The cell's text as a spreadsheet reads it: RFC 4180 quotes removed. */
function unquote(field: string): string {
  return field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}
