import { CSV_BOM, toCsv } from './csv.js';

describe('toCsv', () => {
  it('starts with the BOM and ends every row with CRLF', () => {
    expect(toCsv([['通知番号', '種類'], ['旭女活第1号', '交付決定']])).toBe(`${CSV_BOM}通知番号,種類\r\n旭女活第1号,交付決定\r\n`);
    expect(toCsv([])).toBe(CSV_BOM);
  });

  it('quotes fields holding a quote, comma or line break, doubling quotes (RFC 4180)', () => {
    expect(toCsv([['a,b', 'say "hi"', 'two\nlines', 'cr\rlf', 'plain']])).toBe(`${CSV_BOM}"a,b","say ""hi""","two\nlines","cr\rlf",plain\r\n`);
    expect(toCsv([['', '']])).toBe(`${CSV_BOM},\r\n`);
  });

  it('defuses cells a spreadsheet would run as formulas with a leading apostrophe', () => {
    expect(toCsv([['=1+1', '+81', '-5', '@SUM(A1)', '\tx', '\rx', 'a=b']])).toBe(`${CSV_BOM}'=1+1,'+81,'-5,'@SUM(A1),'\tx,"'\rx",a=b\r\n`);
    expect(toCsv([['=HYPERLINK("http://x","y")']])).toBe(`${CSV_BOM}"'=HYPERLINK(""http://x"",""y"")"\r\n`);
  });
});
