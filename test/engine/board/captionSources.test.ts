// Each caption source on real files, and the order in which they are asked.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import type { Frame } from '../../../electron/common/api.ts';
import { openBoard } from '../../../electron/engine/board/index.ts';
import {
  ascii,
  imageBytes,
  jpegWithExif,
  pngWithText,
  removeTempBoards,
  tempBoard,
  tiffStructure,
  tiffWithDescription,
  unicodeUserComment,
  writeImage,
  writeText,
  XMP,
} from './helpers.ts';

afterAll(removeTempBoards);

const cacheDir = () => join(tempBoard('frameproof-cache-'), 'cache');

async function openOne(name: string, bytes: Buffer, files: Record<string, string | Buffer> = {}): Promise<Frame> {
  const dir = tempBoard();
  writeFileSync(join(dir, name), bytes);
  for (const [file, content] of Object.entries(files)) writeText(join(dir, file), content);
  const board = await openBoard(dir, { cacheDir: cacheDir() });
  expect(board.frames).toHaveLength(1);
  return board.frames[0] as Frame;
}

describe('sidecar caption files', () => {
  it.each([
    ['UTF-8', Buffer.from('Café at dawn\n', 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.from('\uFEFFCafé at dawn\r\n', 'utf8'), 'utf-8-bom'],
    ['UTF-16 LE', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Café at dawn\r\n', 'utf16le')]), 'utf-16le'],
    ['UTF-16 BE', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Café at dawn', 'utf16le').swap16()]), 'utf-16be'],
    ['Latin-1', Buffer.from('Café at dawn\n', 'latin1'), 'windows-1252'],
  ] as const)('reads %s', async (_name, bytes, encoding) => {
    const frame = await openOne('shot1.png', await imageBytes('png'), { 'shot1.txt': bytes });
    expect(frame.caption).toBe('Café at dawn');
    expect(frame.captionSource).toEqual({ kind: 'sidecar', file: 'shot1.txt', encoding, sizeBytes: bytes.length });
  });

  it('prefers <name>.<ext>.txt over <name>.txt, and reads .caption files', async () => {
    expect((await openOne('a.png', await imageBytes('png'), { 'a.png.txt': 'specific', 'a.txt': 'generic' })).caption).toBe('specific');
    expect((await openOne('a.png', await imageBytes('png'), { 'a.caption': 'from .caption' })).caption).toBe('from .caption');
  });

  it('reads a 600 KB caption file, keeps its first 10,000 characters and says it was cut', async () => {
    const big = `${'a very long caption '.repeat(30_000)}\n${'\n'.repeat(10_000)}`;
    const frame = await openOne('shot1.png', await imageBytes('png'), { 'shot1.txt': big });
    expect(frame.caption?.length).toBe(10_000);
    expect(frame.captionSource).toMatchObject({ kind: 'sidecar', sizeBytes: Buffer.byteLength(big) });
    expect(frame.problems).toMatchObject([{ code: 'CAPTION_LARGE', severity: 'warning', file: 'shot1.txt', frameId: 'shot1.png' }]);
    expect(frame.problems[0]?.message).toContain('600,000 characters');
  });

  it('falls through an empty sidecar to the image metadata', async () => {
    const png = await pngWithText([{ type: 'tEXt', keyword: 'Description', text: 'from the image' }]);
    const frame = await openOne('a.png', png, { 'a.txt': '  \n' });
    expect(frame).toMatchObject({ caption: 'from the image', captionSource: { kind: 'image-metadata' } });
  });
});

describe('captions inside the image', () => {
  it('takes the A1111 positive prompt from a PNG parameters chunk', async () => {
    const parameters = 'a knight, (golden armor:1.2)\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, Seed: 42';
    const frame = await openOne('gen.png', await pngWithText([{ type: 'tEXt', keyword: 'parameters', text: parameters }]));
    expect(frame).toMatchObject({
      caption: 'a knight, (golden armor:1.2)',
      captionSource: { kind: 'image-metadata', file: 'gen.png', field: 'png:parameters', generator: 'a1111' },
      captionFromImageMetadata: true,
    });
  });

  it('reads iTXt (UTF-8, compressed) and zTXt chunks', async () => {
    const itxt = await openOne(
      'a.png',
      await pngWithText([
        { type: 'iTXt', keyword: 'parameters', text: 'Ein Ritter, Morgendämmerung\nSteps: 20, Seed: 1', compressed: true },
      ]),
    );
    expect(itxt.caption).toBe('Ein Ritter, Morgendämmerung');
    const ztxt = await openOne('b.png', await pngWithText([{ type: 'zTXt', keyword: 'Comment', text: 'a compressed comment' }]));
    expect(ztxt).toMatchObject({ caption: 'a compressed comment', captionSource: { field: 'png:Comment', generator: null } });
  });

  it('takes the positive prompt from a ComfyUI graph in the prompt chunk', async () => {
    const graph = {
      '3': { class_type: 'KSampler', inputs: { seed: 1, positive: ['6', 0], negative: ['7', 0] } },
      '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a lighthouse in a storm', clip: ['4', 1] } },
      '7': {
        class_type: 'CLIPTextEncode',
        inputs: { text: 'text, watermark, a longer negative prompt than the positive', clip: ['4', 1] },
      },
    };
    const png = await pngWithText([
      { type: 'tEXt', keyword: 'prompt', text: JSON.stringify(graph) },
      { type: 'tEXt', keyword: 'workflow', text: '{"nodes":[]}' },
    ]);
    const frame = await openOne('comfy.png', png);
    expect(frame).toMatchObject({ caption: 'a lighthouse in a storm', captionSource: { field: 'png:prompt', generator: 'comfyui' } });
  });

  it('reads EXIF ImageDescription from JPEG, WebP and AVIF written by sharp', async () => {
    for (const format of ['jpeg', 'webp', 'avif'] as const) {
      const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
        .withExif({ IFD0: { ImageDescription: `a red square in ${format}` } })
        .toFormat(format)
        .toBuffer();
      const frame = await openOne(`a.${format === 'jpeg' ? 'jpg' : format}`, bytes);
      expect(frame).toMatchObject({
        caption: `a red square in ${format}`,
        captionSource: { field: 'exif:ImageDescription' },
        captionFromImageMetadata: true,
      });
    }
  });

  it('reads an A1111 prompt from a big-endian UNICODE UserComment in a little-endian EXIF block', async () => {
    const exif = tiffStructure(
      [],
      [{ tag: 0x9286, type: 7, value: unicodeUserComment('a castle, dusk\nNegative prompt: fog\nSteps: 30, Seed: 3') }],
    );
    const frame = await openOne('a1111.jpg', await jpegWithExif(exif));
    expect(frame).toMatchObject({ caption: 'a castle, dusk', captionSource: { field: 'exif:UserComment', generator: 'a1111' } });
  });

  it('skips camera placeholders in ImageDescription', async () => {
    const exif = tiffStructure(
      [{ tag: 0x010e, type: 2, value: ascii('OLYMPUS DIGITAL CAMERA') }],
      [{ tag: 0x9286, type: 7, value: Buffer.concat([Buffer.from('ASCII\0\0\0'), Buffer.from('the real caption')]) }],
    );
    const frame = await openOne('cam.jpg', await jpegWithExif(exif));
    expect(frame).toMatchObject({ caption: 'the real caption', captionSource: { field: 'exif:UserComment' } });
  });

  it('reads ImageDescription from the IFD of a TIFF file', async () => {
    const frame = await openOne('a.tif', tiffWithDescription('a hand-made TIFF'));
    expect(frame).toMatchObject({ caption: 'a hand-made TIFF', captionSource: { field: 'exif:ImageDescription' } });
  });

  it('reads XMP dc:description (x-default) with entities', async () => {
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'blue' } })
      .withXmp(XMP('rain &amp; neon'))
      .jpeg()
      .toBuffer();
    const frame = await openOne('x.jpg', bytes);
    expect(frame).toMatchObject({ caption: 'rain & neon', captionSource: { field: 'xmp:dc:description' } });
  });

  it('reads an XMP description bound to another prefix, in attribute form, from a real JPEG', async () => {
    const xmp =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:elements="http://purl.org/dc/elements/1.1/" elements:description="pier at low tide &#x2014; fog"/></rdf:RDF></x:xmpmeta>';
    const bytes = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'blue' } })
      .withXmp(xmp)
      .jpeg()
      .toBuffer();
    const frame = await openOne('attr.jpg', bytes);
    expect(frame).toMatchObject({ caption: 'pier at low tide — fog', captionSource: { field: 'xmp:dc:description' } });
  });

  it('gives caption null and source none to a frame with nothing, and a problem (not a crash) for a damaged image', async () => {
    const frame = await openOne('plain.jpg', await imageBytes('jpeg'));
    expect(frame).toMatchObject({ caption: null, captionSource: { kind: 'none' }, captionFromImageMetadata: false, problems: [] });
    const damaged = await openOne('broken.webp', Buffer.from('RIFF0000WEBPVP8 garbage'));
    expect(damaged.caption).toBeNull();
    expect(damaged.problems).toMatchObject([{ code: 'METADATA_UNREADABLE', frameId: 'broken.webp' }]);
  });
});

describe('caption precedence', () => {
  it('asks manifest, then sidecar, then metadata, then gives none', async () => {
    const dir = tempBoard();
    writeFileSync(
      join(dir, 'shot1.png'),
      await pngWithText([{ type: 'tEXt', keyword: 'parameters', text: 'from metadata\nSteps: 1, Seed: 1' }]),
    );
    writeText(join(dir, 'shot1.txt'), 'from sidecar');
    writeText(join(dir, 'shots.csv'), 'file,caption\nshot1.png,from manifest\n');
    const kinds: [string | null, string][] = [];
    const read = async () => {
      const frame = (await openBoard(dir, { cacheDir: cacheDir() })).frames[0] as Frame;
      kinds.push([frame.caption, frame.captionSource.kind]);
    };
    await read();
    rmSync(join(dir, 'shots.csv'));
    await read();
    rmSync(join(dir, 'shot1.txt'));
    await read();
    await writeImage(join(dir, 'shot1.png'));
    await read();
    expect(kinds).toEqual([
      ['from manifest', 'manifest-csv'],
      ['from sidecar', 'sidecar'],
      ['from metadata', 'image-metadata'],
      [null, 'none'],
    ]);
  });
});
