// XMP packets as real tools write them: the description is found by its namespace, whatever the prefix.
import { describe, expect, it } from 'vitest';
import { xmpDescription } from '../../../electron/engine/board/xmp.ts';

// Laid out as Photoshop writes it: packet wrapper with a BOM, several schemas on one
// rdf:Description as attributes, dc:title before dc:description, padding before the end marker.
const PHOTOSHOP = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 9.1-c002 79.dba3da3, 2023/12/13-05:06:49        ">
   <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
      <rdf:Description rdf:about=""
            xmlns:xmp="http://ns.adobe.com/xap/1.0/"
            xmlns:dc="http://purl.org/dc/elements/1.1/"
            xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
            xmp:CreatorTool="Adobe Photoshop 25.5 (Macintosh)"
            xmp:CreateDate="2024-03-01T10:12:44+01:00"
            photoshop:ColorMode="3">
         <dc:format>image/jpeg</dc:format>
         <dc:title>
            <rdf:Alt>
               <rdf:li xml:lang="x-default">Shot 12A</rdf:li>
            </rdf:Alt>
         </dc:title>
         <dc:description>
            <rdf:Alt>
               <rdf:li xml:lang="en-GB">The rider reaches the ridge</rdf:li>
               <rdf:li xml:lang="x-default">The rider reaches the ridge at dawn &amp; looks back</rdf:li>
            </rdf:Alt>
         </dc:description>
      </rdf:Description>
   </rdf:RDF>
</x:xmpmeta>
${' '.repeat(2000)}
<?xpacket end="w"?>`;

// As ExifTool writes it: single quotes, one rdf:Description per schema, numeric character references.
const EXIFTOOL = `<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x='adobe:ns:meta/' x:xmptk='Image::ExifTool 12.76'>
<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>

 <rdf:Description rdf:about=''
  xmlns:dc='http://purl.org/dc/elements/1.1/'>
  <dc:description>
   <rdf:Alt>
    <rdf:li xml:lang='x-default'>Caf&#233; at night, &#x201C;closed&#x201D; sign &lt;lit&gt;</rdf:li>
   </rdf:Alt>
  </dc:description>
 </rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end='w'?>`;

const packet = (body: string, namespaces = 'xmlns:dc="http://purl.org/dc/elements/1.1/"') =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" ${namespaces}>${body}</rdf:Description></rdf:RDF></x:xmpmeta>`;

describe('xmpDescription', () => {
  it('reads a Photoshop packet: x-default over the other languages, entities decoded', () => {
    expect(xmpDescription(PHOTOSHOP)).toBe('The rider reaches the ridge at dawn & looks back');
  });

  it('reads an ExifTool packet with single quotes and character references', () => {
    expect(xmpDescription(EXIFTOOL)).toBe('Café at night, “closed” sign <lit>');
  });

  it('finds Dublin Core under another prefix, and not a dc: prefix bound to another namespace', () => {
    const other = packet(
      '<purl:description><rdf:Alt><rdf:li xml:lang="x-default">Wide shot, harbour</rdf:li></rdf:Alt></purl:description>',
      'xmlns:purl="http://purl.org/dc/elements/1.1/"',
    );
    expect(xmpDescription(other)).toBe('Wide shot, harbour');
    const impostor = packet('<dc:description>not Dublin Core</dc:description>', 'xmlns:dc="http://example.com/not-dc/"');
    expect(xmpDescription(impostor)).toBeNull();
  });

  it('reads the attribute form, with its entities', () => {
    const attribute = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:d="http://purl.org/dc/elements/1.1/" d:description="A &quot;quiet&quot; street &#x2014; dusk"/></rdf:RDF></x:xmpmeta>`;
    expect(xmpDescription(attribute)).toBe('A "quiet" street — dusk');
  });

  it('takes the first entry when there is no x-default, and a plain literal', () => {
    expect(
      xmpDescription(
        packet(
          '<dc:description><rdf:Alt><rdf:li xml:lang="fr">Le port</rdf:li><rdf:li xml:lang="en">The harbour</rdf:li></rdf:Alt></dc:description>',
        ),
      ),
    ).toBe('Le port');
    expect(xmpDescription(packet('<dc:description>  Just text  </dc:description>'))).toBe('Just text');
    expect(
      xmpDescription(
        packet('<dc:description><rdf:Alt><rdf:li xml:lang="x-default"><![CDATA[a <b> & c]]></rdf:li></rdf:Alt></dc:description>'),
      ),
    ).toBe('a <b> & c');
  });

  it('ignores a description in a comment, which a text search would have found', () => {
    const commented = packet(
      '<!-- <dc:description>old caption</dc:description> --><dc:description><rdf:Alt><rdf:li xml:lang="x-default">new caption</rdf:li></rdf:Alt></dc:description>',
    );
    expect(xmpDescription(commented)).toBe('new caption');
  });

  it('answers null, without throwing, for no description, an empty one, and what is not XML', () => {
    expect(xmpDescription(packet('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Only a title</rdf:li></rdf:Alt></dc:title>'))).toBeNull();
    expect(
      xmpDescription(packet('<dc:description><rdf:Alt><rdf:li xml:lang="x-default"> </rdf:li></rdf:Alt></dc:description>')),
    ).toBeNull();
    expect(xmpDescription('not xml at all <<<')).toBeNull();
    expect(xmpDescription('')).toBeNull();
  });

  it('still reads a packet padded with NULs or cut after the description', () => {
    expect(xmpDescription(`${EXIFTOOL}\0\0\0\0`)).toBe('Café at night, “closed” sign <lit>');
    expect(xmpDescription(PHOTOSHOP.slice(0, PHOTOSHOP.indexOf('</rdf:Description>')))).toBe(
      'The rider reaches the ridge at dawn & looks back',
    );
  });
});
