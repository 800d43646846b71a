import { csvCell, toCsv } from './csv.js';

describe('toCsv', () => {
  it('starts with the BOM, ends rows with CRLF and quotes what needs quoting', () => {
    expect(toCsv([['事業者', '金額'], ['株式会社"テスト", 旭川', 150000]])).toBe('\uFEFF事業者,金額\r\n"株式会社""テスト"", 旭川",150000\r\n');
  });

  it('defuses cells that Excel would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+81')).toBe("'+81");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('defuses @, tab and CR starts too, quoting the CR (RFC 4180), and leaves = inside a cell alone', () => {
    expect(toCsv([['@SUM(A1)', '\tx', '\rx', 'a=b', '']])).toBe(`\uFEFF'@SUM(A1),'\tx,"'\rx",a=b,\r\n`);
  });
});
