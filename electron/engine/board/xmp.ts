// The Dublin Core description from an XMP packet, read by namespace: the URI
// http://purl.org/dc/elements/1.1/ under whatever prefix the writer bound it to (most use dc:,
// not all). It is a language alternative (rdf:Alt of rdf:li with xml:lang): x-default wins, then
// the first entry; a plain literal and the attribute form (dc:description="...") count too.
// saxes rather than fast-xml-parser: saxes resolves every prefix to its namespace URI as it
// parses (fast-xml-parser can only keep or strip prefixes), and brings one small dependency.
import { SaxesParser } from 'saxes';

const DC = 'http://purl.org/dc/elements/1.1/';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XML = 'http://www.w3.org/XML/1998/namespace';

interface Entry {
  lang: string | undefined;
  text: string;
}

/** What one dc:description element holds: its rdf:li entries, or its text as a plain literal. */
function choose(entries: readonly Entry[], literal: string): string {
  const preferred = entries.find((e) => e.lang?.toLowerCase() === 'x-default') ?? entries.find((e) => e.text.trim() !== '');
  return (preferred ? preferred.text : literal).trim();
}

export function xmpDescription(xml: string): string | null {
  let element: string | null = null;
  let attribute: string | null = null;
  // Inside the first dc:description element: how deep, its entries, the entry being read.
  let depth = 0;
  let entries: Entry[] = [];
  let entry: Entry | null = null;
  let literal = '';

  const parser = new SaxesParser({ xmlns: true });
  const onText = (text: string) => {
    if (entry) entry.text += text;
    else if (depth > 0) literal += text;
  };
  parser.on('opentag', (tag) => {
    if (depth > 0) {
      depth++;
      if (tag.uri === RDF && tag.local === 'li')
        entry = { lang: Object.values(tag.attributes).find((a) => a.uri === XML && a.local === 'lang')?.value, text: '' };
      return;
    }
    if (element === null && tag.uri === DC && tag.local === 'description') {
      depth = 1;
      entries = [];
      literal = '';
      return;
    }
    const inline = Object.values(tag.attributes).find((a) => a.uri === DC && a.local === 'description');
    if (inline && attribute === null) attribute = inline.value;
  });
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    if (depth === 0) return;
    depth--;
    if (depth === 0) {
      element = choose(entries, literal);
      return;
    }
    if (entry && tag.uri === RDF && tag.local === 'li') {
      entries.push(entry);
      entry = null;
    }
  });
  // A damaged packet (padding NULs, an undefined entity) still gives what was read before the damage.
  parser.on('error', () => undefined);
  try {
    parser.write(xml.replace(/^\ufeff/, '').replace(/\0+$/, '')).close();
  } catch {
    // saxes reports through the handler above; a throw here is one it cannot go on from.
  }
  const value = element || (attribute ?? '').trim();
  return value || null;
}
