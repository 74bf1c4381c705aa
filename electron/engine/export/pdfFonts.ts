// Which font the contact sheet is set in. pdfkit's built-in fonts (Helvetica...) are WinAnsi only:
// a Cyrillic, Greek or CJK caption would come out as garbage. So we embed (subsetted) a Unicode
// TrueType font found on the machine: among the candidates that exist, the first that has a glyph
// for every character the sheet prints, else the one that has the most. Characters the chosen font
// lacks are replaced: by their compatibility decomposition without accents when that is printable
// ("ﬁ" → "fi", "ő" → "o"), else by "?", and the export says which characters were replaced. With no
// candidate on the machine, Helvetica with the same rule over Windows-1252.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pdfLibrary } from './native.ts';

/** A font to embed: a .ttf or .otf file, with its bold face when there is one. */
export interface PdfFontFiles {
  regular: string;
  bold?: string;
}

export interface PdfFonts {
  /** For doc.font(): a file's bytes, or the name of a standard font. */
  regular: Buffer | string;
  bold: Buffer | string;
  name: string;
  canShow: (codePoint: number) => boolean;
}

const windowsFonts = join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts');

/** Widest coverage first; every platform's usual places. */
export const DEFAULT_PDF_FONTS: readonly PdfFontFiles[] = [
  // Linux (Debian/Ubuntu, Fedora, Arch)
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/TTF/DejaVuSans.ttf', bold: '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', bold: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf' },
  // macOS: Arial Unicode covers CJK as well.
  { regular: '/System/Library/Fonts/Supplemental/Arial Unicode.ttf', bold: '/System/Library/Fonts/Supplemental/Arial Bold.ttf' },
  { regular: '/Library/Fonts/Arial Unicode.ttf' },
  { regular: '/System/Library/Fonts/Supplemental/Arial.ttf', bold: '/System/Library/Fonts/Supplemental/Arial Bold.ttf' },
  // Windows: Arial covers Latin, Greek, Cyrillic, Hebrew and Arabic.
  { regular: join(windowsFonts, 'arial.ttf'), bold: join(windowsFonts, 'arialbd.ttf') },
  { regular: join(windowsFonts, 'segoeui.ttf'), bold: join(windowsFonts, 'segoeuib.ttf') },
  // Last resort with Latin only, still better than WinAnsi's 218 characters.
  {
    regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  },
];

let winAnsi: Set<number> | undefined;

/** What pdfkit's standard fonts can print: Windows-1252's printable characters. */
function winAnsiCodePoints(): Set<number> {
  if (!winAnsi) {
    const bytes = Uint8Array.from({ length: 0x100 - 0x20 }, (_, i) => i + 0x20);
    const text = new TextDecoder('windows-1252').decode(bytes);
    winAnsi = new Set([...text].map((c) => c.codePointAt(0) ?? 0).filter((cp) => cp !== 0x7f && (cp < 0x80 || cp > 0x9f)));
  }
  return winAnsi;
}

type GlyphCheck = (codePoint: number) => boolean;

/**
 * pdfkit keeps the parsed font (fontkit) on doc._font.font; asking it for a glyph is the only way to
 * learn coverage without a second font parser. If pdfkit ever moves it, we know nothing and trust
 * the font for everything rather than failing the export.
 */
function glyphCheck(bytes: Buffer): GlyphCheck {
  const probe = new (pdfLibrary())({ autoFirstPage: false });
  probe.font(bytes);
  const internal = probe as unknown as { _font?: { font?: { hasGlyphForCodePoint?: unknown } } };
  const fontkitFont = internal._font?.font;
  const has = fontkitFont?.hasGlyphForCodePoint;
  if (typeof has !== 'function') return () => true;
  return (codePoint) => Boolean(has.call(fontkitFont, codePoint));
}

function isLayoutOnly(codePoint: number): boolean {
  return codePoint === 0x0a || codePoint === 0x20;
}

async function readFont(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null;
  }
}

/** Picks the font for the sheet's text (see the top of this file). */
export async function choosePdfFonts(texts: readonly string[], candidates: readonly PdfFontFiles[] = DEFAULT_PDF_FONTS): Promise<PdfFonts> {
  const needed = new Set<number>();
  for (const text of texts) for (const c of text) needed.add(c.codePointAt(0) ?? 0);
  for (const cp of needed) if (isLayoutOnly(cp)) needed.delete(cp);

  let best: { files: PdfFontFiles; bytes: Buffer; check: GlyphCheck; covered: number } | undefined;
  for (const files of candidates) {
    const bytes = await readFont(files.regular);
    if (!bytes) continue;
    let check: GlyphCheck;
    try {
      check = glyphCheck(bytes);
    } catch {
      continue; // Not a font pdfkit can embed (a .ttc collection, a damaged file).
    }
    let covered = 0;
    for (const cp of needed) if (check(cp)) covered++;
    if (!best || covered > best.covered) best = { files, bytes, check, covered };
    if (covered === needed.size) break;
  }
  if (!best) {
    const ansi = winAnsiCodePoints();
    return {
      regular: 'Helvetica',
      bold: 'Helvetica-Bold',
      name: 'Helvetica (standard PDF font)',
      canShow: (cp) => isLayoutOnly(cp) || ansi.has(cp),
    };
  }
  const chosen = best;
  const bold = chosen.files.bold ? await readFont(chosen.files.bold) : null;
  return {
    regular: chosen.bytes,
    bold: bold ?? chosen.bytes,
    name: basename(chosen.files.regular),
    canShow: (cp) => isLayoutOnly(cp) || chosen.check(cp),
  };
}

/** Characters with a plain stand-in and no compatibility form: the typographic minus (common/units.ts) on Helvetica. */
const STAND_INS: Readonly<Record<string, string>> = { '\u2212': '-' };

/**
 * Text the font can print: other characters become their accent-free compatibility form when the
 * font has that, or their plain stand-in, else "?". `replaced` collects what was replaced, for the export's notes.
 */
export function printable(text: string, canShow: (codePoint: number) => boolean, replaced?: Set<string>): string {
  let out = '';
  for (const c of text.replace(/\r\n?/g, '\n')) {
    const cp = c.codePointAt(0) ?? 0;
    if (cp < 0x20 && cp !== 0x0a) {
      out += ' ';
      continue;
    }
    if (canShow(cp)) {
      out += c;
      continue;
    }
    const decomposed = [...c.normalize('NFKD')].filter((d) => !/\p{M}/u.test(d));
    const standIn = STAND_INS[c];
    if (decomposed.length > 0 && decomposed.every((d) => canShow(d.codePointAt(0) ?? 0))) {
      out += decomposed.join('');
    } else if (standIn !== undefined && [...standIn].every((d) => canShow(d.codePointAt(0) ?? 0))) {
      out += standIn;
    } else {
      out += '?';
      replaced?.add(c);
    }
  }
  return out;
}
