// Fountain (fountain.io): the scene headings of a plain-text screenplay. A heading is a line of
// its own after a blank line that opens with INT, EXT, EST, INT./EXT, INT/EXT or I/E and a dot
// or space, or any line forced with a leading '.' (not '..'). The title page (Key: value lines
// at the top), boneyard /* */ and notes [[ ]] are not part of the script.
import { looksLikeHeading, parseHeading, type ParsedHeading } from './sceneHeading.ts';

/** Blanks out /* *\/ and [[ ]] but keeps their line breaks, so line numbers stay true. */
function stripHidden(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return text.replace(/\/\*[\s\S]*?\*\//g, blank).replace(/\[\[[\s\S]*?\]\]/g, blank);
}

/** Index of the first line after the title page; 0 when the script has none. */
function bodyStart(lines: readonly string[]): number {
  if (!/^[^\s:][^:]*:/.test(lines[0] ?? '') || looksLikeHeading(lines[0] ?? '')) return 0;
  const blank = lines.findIndex((l) => l.trim() === '');
  return blank < 0 ? lines.length : blank + 1;
}

export function fountainHeadings(source: string): (ParsedHeading & { line: number })[] {
  const lines = stripHidden(source.replace(/\r\n?/g, '\n')).split('\n');
  const out: (ParsedHeading & { line: number })[] = [];
  for (let i = bodyStart(lines); i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const afterBlank = i === 0 || lines[i - 1]!.trim() === '';
    const forced = /^\.[^.\s]/.test(line);
    if (forced) out.push({ ...parseHeading(line.slice(1)), line: i + 1 });
    else if (afterBlank && looksLikeHeading(line)) out.push({ ...parseHeading(line), line: i + 1 });
  }
  return out;
}
