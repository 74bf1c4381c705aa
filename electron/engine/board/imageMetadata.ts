// A caption from inside the image, for frames no manifest, project or sidecar describes:
// PNG text chunks first (where generators put prompts), then EXIF, then XMP dc:description.
import { extname } from 'node:path';
import sharp from 'sharp';
import type { ImageMetadataField, PromptGenerator } from '../../common/api.ts';
import { readPngHeaderText, type PngTextChunk, type SkippedTextChunk } from './pngText.ts';
import { a1111Positive, comfyPositive, looksLikeA1111, novelAiPrompt, parseJson } from './promptText.ts';
import { readExifText, readTiffFileText, type TiffText } from './tiffTags.ts';
import { xmpDescription } from './xmp.ts';

export interface MetadataCaption {
  text: string;
  field: ImageMetadataField;
  generator: PromptGenerator | null;
}

export interface MetadataRead {
  caption: MetadataCaption | null;
  /** PNG text chunks too large to read: the caption may have been in one of them. */
  skipped: SkippedTextChunk[];
}

// Cameras fill ImageDescription with their own name; that is not a caption.
const CAMERA_PLACEHOLDERS =
  /^(?:OLYMPUS DIGITAL CAMERA|SONY DSC|DCIM|Default|Image|Picture|DIGITAL CAMERA|SAMSUNG|KONICA MINOLTA DIGITAL CAMERA|MINOLTA DIGITAL CAMERA)$/i;

function promptFrom(text: string, field: ImageMetadataField): MetadataCaption | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (looksLikeA1111(trimmed)) {
    const positive = a1111Positive(trimmed);
    return positive ? { text: positive, field, generator: 'a1111' } : null;
  }
  return { text: trimmed, field, generator: null };
}

function fromPngTexts(texts: PngTextChunk[]): MetadataCaption | null {
  const chunk = (keyword: string) => texts.find((t) => t.keyword.toLowerCase() === keyword.toLowerCase())?.text;
  const parameters = chunk('parameters');
  if (parameters !== undefined) {
    const caption = promptFrom(parameters, 'png:parameters');
    if (caption) return { ...caption, generator: 'a1111' };
  }
  const prompt = chunk('prompt');
  if (prompt !== undefined) {
    const graph = parseJson(prompt);
    if (graph !== undefined) {
      const text = comfyPositive(graph);
      if (text) return { text, field: 'png:prompt', generator: 'comfyui' };
    } else if (prompt.trim()) {
      return { text: prompt.trim(), field: 'png:prompt', generator: null };
    }
  }
  const description = chunk('Description');
  const comment = chunk('Comment');
  const novelAi = comment !== undefined && chunk('Software')?.startsWith('NovelAI') ? novelAiPrompt(comment) : null;
  if (description?.trim()) return { text: description.trim(), field: 'png:Description', generator: novelAi ? 'novelai' : null };
  if (novelAi) return { text: novelAi, field: 'png:Comment', generator: 'novelai' };
  if (comment !== undefined) {
    const caption = promptFrom(comment, 'png:Comment');
    if (caption) return caption;
  }
  return null;
}

function fromTiffText(tags: TiffText): MetadataCaption | null {
  if (tags.imageDescription && !CAMERA_PLACEHOLDERS.test(tags.imageDescription.trim())) {
    const caption = promptFrom(tags.imageDescription, 'exif:ImageDescription');
    if (caption) return caption;
  }
  if (tags.userComment) {
    const caption = promptFrom(tags.userComment, 'exif:UserComment');
    if (caption) return caption;
  }
  if (tags.xpComment) return promptFrom(tags.xpComment, 'exif:XPComment');
  return null;
}

function fromXmp(xmp: Buffer | undefined): MetadataCaption | null {
  if (!xmp) return null;
  const text = xmpDescription(xmp.toString('utf8'));
  return text ? promptFrom(text, 'xmp:dc:description') : null;
}

/** A null caption when the image holds none. Throws when the file cannot be read or parsed. */
export async function readMetadataCaption(path: string): Promise<MetadataRead> {
  const ext = extname(path).toLowerCase();
  if (ext === '.png') {
    const png = await readPngHeaderText(path);
    if (png) return { caption: await fromPng(png.texts, png.exif), skipped: png.skipped };
  }
  return { caption: await fromOtherFormats(path, ext), skipped: [] };
}

async function fromPng(texts: PngTextChunk[], exif: Buffer | null): Promise<MetadataCaption | null> {
  const fromText = fromPngTexts(texts);
  if (fromText) return fromText;
  const xmpChunk = texts.find((t) => t.keyword === 'XML:com.adobe.xmp');
  if (exif) {
    const fromExif = fromTiffText(await readExifText(exif));
    if (fromExif) return fromExif;
  }
  return xmpChunk ? fromXmp(Buffer.from(xmpChunk.text, 'utf8')) : null;
}

async function fromOtherFormats(path: string, ext: string): Promise<MetadataCaption | null> {
  if (ext === '.tif' || ext === '.tiff') {
    const fromTags = fromTiffText(await readTiffFileText(path));
    if (fromTags) return fromTags;
  }
  if (ext === '.gif') return null;
  const metadata = await sharp(path).metadata();
  if (metadata.exif) {
    const fromExif = fromTiffText(await readExifText(metadata.exif));
    if (fromExif) return fromExif;
  }
  return fromXmp(metadata.xmp);
}
