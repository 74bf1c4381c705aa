// Final Draft (.fdx): XML, <FinalDraft><Content><Paragraph Type="Scene Heading" Number="12">
// <Text>INT. HOUSE - </Text><Text>NIGHT</Text></Paragraph>. A heading's text may be split over
// several Text runs (styles change inside it); they are joined. Read with saxes, streaming.
import { SaxesParser } from 'saxes';
import type { ParsedHeading } from './sceneHeading.ts';
import { parseHeading } from './sceneHeading.ts';

export type FdxRead = { ok: true; headings: (ParsedHeading & { line: number })[] } | { ok: false; message: string; line: number | null };

export function fdxHeadings(source: string): FdxRead {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const headings: (ParsedHeading & { line: number })[] = [];
  let current: { number: string | null; text: string; line: number } | null = null;
  let inText = 0;
  let sawRoot = false;
  parser.on('opentag', (tag) => {
    if (!sawRoot) sawRoot = true;
    if (tag.name === 'Paragraph') {
      const type = tag.attributes.Type;
      const number = tag.attributes.Number;
      current =
        type === 'Scene Heading'
          ? { number: typeof number === 'string' && number.trim() ? number.trim() : null, text: '', line: parser.line }
          : null;
    } else if (tag.name === 'Text' && current) inText++;
  });
  parser.on('text', (text) => {
    if (current && inText > 0) current.text += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'Text' && inText > 0) inText--;
    if (tag.name !== 'Paragraph' || !current) return;
    const heading = parseHeading(current.text.replace(/\s+/g, ' '));
    if (heading.text) headings.push({ ...heading, number: heading.number ?? current.number, line: current.line });
    current = null;
  });
  try {
    parser.write(source).close();
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^[^:]*:\d+:\d+: /, '') : String(error);
    return { ok: false, message, line: parser.line };
  }
  if (!sawRoot) return { ok: false, message: 'the file holds no XML', line: null };
  return { ok: true, headings };
}
