// dc:description from an XMP packet. It is a language alternative (rdf:Alt of rdf:li with
// xml:lang), so the x-default entry wins, then the first; some writers use the attribute form.
// A few regular expressions over a bounded packet do this without an XML parser dependency.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function xmpDescription(xml: string): string | null {
  const element = /<dc:description\b[^>]*>([\s\S]*?)<\/dc:description>/.exec(xml);
  if (element) {
    const items = [...(element[1] ?? '').matchAll(/<rdf:li\b([^>]*)>([\s\S]*?)<\/rdf:li>/g)];
    const preferred = items.find((m) => /xml:lang\s*=\s*["']x-default["']/.test(m[1] ?? '')) ?? items[0];
    const text = preferred ? preferred[2] : element[1];
    const value = unescapeXml(text ?? '').trim();
    if (value) return value;
  }
  const attribute = /\bdc:description\s*=\s*"([^"]*)"/.exec(xml);
  const value = attribute ? unescapeXml(attribute[1] ?? '').trim() : '';
  return value || null;
}
