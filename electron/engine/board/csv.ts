// RFC 4180 CSV as spreadsheets write it, with the positions of every field kept so a caption
// can be written back into one cell and every other byte of the file left as it was.
// Separators: ',' ';' (Excel in locales with a decimal comma) or tab, sniffed from the header.

export type CsvSeparator = ',' | ';' | '\t';

export interface CsvField {
  value: string;
  /** Offsets of the raw field in the text, quotes included. */
  start: number;
  end: number;
  quoted: boolean;
}

export interface CsvRecord {
  fields: CsvField[];
  /** 1-based line the record starts on. */
  line: number;
  start: number;
  /** End of the last field, before the line break. */
  end: number;
}

export interface CsvTable {
  records: CsvRecord[];
  separator: CsvSeparator;
  /** The first line break outside quotes; '\n' for a one-line file. */
  lineEnding: '\r\n' | '\n' | '\r';
  /** Every field that has text is quoted: new cells are quoted too. */
  quotesAll: boolean;
  /** 1-based line of a quoted field that never closes. */
  unterminatedQuoteLine: number | null;
}

const SEPARATORS: readonly CsvSeparator[] = [',', ';', '\t'];

/** The separator used most often outside quotes on the first line (',' when there is none). */
export function sniffSeparator(text: string): CsvSeparator {
  const counts = new Map<CsvSeparator, number>(SEPARATORS.map((s) => [s, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && counts.has(c as CsvSeparator)) counts.set(c as CsvSeparator, (counts.get(c as CsvSeparator) ?? 0) + 1);
  }
  let best: CsvSeparator = ',';
  for (const s of SEPARATORS) if ((counts.get(s) ?? 0) > (counts.get(best) ?? 0)) best = s;
  return best;
}

export function parseCsv(text: string, separator: CsvSeparator = sniffSeparator(text)): CsvTable {
  const records: CsvRecord[] = [];
  let lineEnding: CsvTable['lineEnding'] | null = null;
  let unterminatedQuoteLine: number | null = null;
  let line = 1;
  let i = 0;
  const n = text.length;

  while (i <= n) {
    const recordLine = line;
    const recordStart = i;
    const fields: CsvField[] = [];
    let atRecordEnd = false;
    while (!atRecordEnd) {
      const start = i;
      let value: string;
      let quoted = false;
      if (text[i] === '"') {
        quoted = true;
        const quoteLine = line;
        const parts: string[] = [];
        let j = i + 1;
        for (;;) {
          const close = text.indexOf('"', j);
          if (close < 0) {
            unterminatedQuoteLine ??= quoteLine;
            parts.push(text.slice(j));
            line += countLineBreaks(text, j, n);
            j = n;
            break;
          }
          parts.push(text.slice(j, close));
          line += countLineBreaks(text, j, close);
          if (text[close + 1] === '"') {
            parts.push('"');
            j = close + 2;
            continue;
          }
          j = close + 1;
          break;
        }
        // Text after the closing quote (`"a"b`) is kept as written, as spreadsheets do.
        let k = j;
        while (k < n && text[k] !== separator && text[k] !== '\n' && text[k] !== '\r') k++;
        parts.push(text.slice(j, k));
        value = parts.join('');
        i = k;
      } else {
        let k = i;
        while (k < n && text[k] !== separator && text[k] !== '\n' && text[k] !== '\r') k++;
        value = text.slice(i, k);
        i = k;
      }
      fields.push({ value, start, end: i, quoted });
      if (i < n && text[i] === separator) {
        i++;
        continue;
      }
      atRecordEnd = true;
    }
    const recordEnd = i;
    if (i < n) {
      const ending = text[i] === '\r' && text[i + 1] === '\n' ? '\r\n' : (text[i] as '\n' | '\r');
      lineEnding ??= ending;
      i += ending.length;
      line++;
    } else {
      i = n + 1;
    }
    const blank = fields.length === 1 && !fields[0]?.quoted && fields[0]?.value === '';
    if (!blank) records.push({ fields, line: recordLine, start: recordStart, end: recordEnd });
  }

  const withText = records.flatMap((r) => r.fields).filter((f) => f.end > f.start);
  const quotesAll = withText.length > 0 && withText.every((f) => f.quoted);
  return { records, separator, lineEnding: lineEnding ?? '\n', quotesAll, unterminatedQuoteLine };
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
}

/** One field as it should appear in the file: quoted when asked to or when it must be. */
export function encodeCsvField(value: string, separator: CsvSeparator, quote: boolean): string {
  const mustQuote = value.includes(separator) || value.includes('"') || value.includes('\n') || value.includes('\r');
  if (!quote && !mustQuote) return value;
  return `"${value.split('"').join('""')}"`;
}
