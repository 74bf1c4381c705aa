import { describe, expect, it } from 'vitest';
import { encodeCsvField, parseCsv, sniffSeparator } from '../../../electron/engine/board/csv.ts';

const values = (text: string) => parseCsv(text).records.map((r) => r.fields.map((f) => f.value));

describe('CSV', () => {
  it('sniffs the separator from the header line, not from quoted text', () => {
    expect(sniffSeparator('shot;file;caption\n1;a.png;x,y,z,w')).toBe(';');
    expect(sniffSeparator('shot\tfile\t"a;b;c"\n')).toBe('\t');
    expect(sniffSeparator('"a;b;c;d",file,caption')).toBe(',');
    expect(sniffSeparator('file')).toBe(',');
  });

  it('reads quoted separators, doubled quotes and line breaks inside quotes', () => {
    const text = 'file,caption\r\na.png,"She says ""go"", then\r\nleaves"\r\nb.png,plain\r\n';
    expect(values(text)).toEqual([
      ['file', 'caption'],
      ['a.png', 'She says "go", then\r\nleaves'],
      ['b.png', 'plain'],
    ]);
    const table = parseCsv(text);
    expect(table.lineEnding).toBe('\r\n');
    expect(table.records[2]?.line).toBe(4);
  });

  it('keeps field offsets that point at the raw text', () => {
    const text = 'file;caption\nx.png;"a;b"\n';
    const field = parseCsv(text).records[1]?.fields[1];
    expect(field && text.slice(field.start, field.end)).toBe('"a;b"');
    expect(field?.quoted).toBe(true);
  });

  it('skips blank lines, keeps empty cells, and reports a quote that never closes', () => {
    expect(values('a,b\n\n1,\n')).toEqual([
      ['a', 'b'],
      ['1', ''],
    ]);
    const broken = parseCsv('file,caption\nx.png,"never closed\ny.png,z\n');
    expect(broken.unterminatedQuoteLine).toBe(2);
    expect(broken.records).toHaveLength(2);
  });

  it('quotes a value only when it must, or when asked', () => {
    expect(encodeCsvField('plain', ',', false)).toBe('plain');
    expect(encodeCsvField('a,b', ',', false)).toBe('"a,b"');
    expect(encodeCsvField('a,b', ';', false)).toBe('a,b');
    expect(encodeCsvField('say "hi"', ',', false)).toBe('"say ""hi"""');
    expect(encodeCsvField('two\nlines', ';', false)).toBe('"two\nlines"');
    expect(encodeCsvField('plain', ',', true)).toBe('"plain"');
  });
});
