import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvLine } from './csv.js';

describe('csvCell (RFC 4180, OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['=1+1', "'=1+1"],
    ['+cmd', "'+cmd"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab am Anfang', "'\tTab am Anfang"],
    ['\rCR am Anfang', `"'\rCR am Anfang"`],
  ])('neutralises the formula-like %j with a leading apostrophe', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('leaves ordinary text untouched, including umlauts and inner formula characters', () => {
    expect(csvCell('Jobcenter Rhein-Sieg')).toBe('Jobcenter Rhein-Sieg');
    expect(csvCell('Größe = 3')).toBe('Größe = 3');
    expect(csvCell("O'Brien")).toBe("O'Brien");
  });

  it('quotes fields with commas, quotes and line breaks and doubles inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('Er sagte "Hallo"')).toBe('"Er sagte ""Hallo"""');
    expect(csvCell('Zeile 1\nZeile 2')).toBe('"Zeile 1\nZeile 2"');
    expect(csvCell('Zeile 1\r\nZeile 2')).toBe('"Zeile 1\r\nZeile 2"');
  });

  it('writes empty cells for null and undefined, ISO dates, numbers and JSON for objects', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(new Date('2026-03-01T12:00:00.000Z'))).toBe('2026-03-01T12:00:00.000Z');
    expect(csvCell({ roles: ['lead', 'admin'] })).toBe('"{""roles"":[""lead"",""admin""]}"');
  });

  it('joins a line with commas and ends it with CRLF', () => {
    expect(csvLine(['a', 'b,c', null, '=x'])).toBe(`a,"b,c",,'=x\r\n`);
    expect(CSV_BOM).toBe('\uFEFF');
    expect(Buffer.from(CSV_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
