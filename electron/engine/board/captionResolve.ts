// One frame's caption, from the first source that has one: the manifest row, the Storyboarder
// board, a sidecar file, the image's own metadata; else none. An empty caption in a source counts
// as no caption there, so the next source is asked. Whatever the source, a caption is cut to
// MAX_CAPTION_CHARS (CLIP reads 77 tokens; a megabyte of text only costs memory downstream).
import { formatBytes } from '../../common/units.ts';
import { join } from 'node:path';
import type { BoardProblem, CaptionSource } from '../../common/api.ts';
import { outsideBoardProblem, type BoardBoundary } from './containment.ts';
import { readMetadataCaption } from './imageMetadata.ts';
import { MAX_CHUNK_BYTES, type SkippedTextChunk } from './pngText.ts';
import type { ManifestEntry } from './manifestTypes.ts';
import { errorMessage, problem } from './problems.ts';
import { findSidecar, MAX_CAPTION_BYTES, readSidecar, type FolderFiles } from './sidecar.ts';
import type { StoryboarderFrame } from './storyboarder.ts';
import { errnoOf } from '../../common/errors.ts';

export interface CaptionCandidate {
  id: string;
  /** The image file, to read metadata from. */
  path: string;
  /** The folder holding the image and its name there; null for Storyboarder boards, whose text lives in the project. */
  sidecarFolder: { path: string; rel: string; files: FolderFiles; imageName: string } | null;
  storyboarder: StoryboarderFrame | null;
}

export interface ResolvedCaption {
  caption: string | null;
  source: CaptionSource;
  fromImageMetadata: boolean;
  problems: BoardProblem[];
}

const hasText = (text: string | null | undefined): text is string => typeof text === 'string' && text.trim() !== '';

/** Far more than CLIP's 77 tokens (about 300 characters), far less than a pasted document. */
export const MAX_CAPTION_CHARS = 10_000;

function sourceFile(source: CaptionSource, frameId: string): string {
  return source.kind === 'none' ? frameId : source.file;
}

/** The caption cut to MAX_CAPTION_CHARS, with a problem naming the file it came from and its length. */
function capped(found: ResolvedCaption, frameId: string): ResolvedCaption {
  const text = found.caption;
  if (text === null || text.length <= MAX_CAPTION_CHARS) return found;
  let end = MAX_CAPTION_CHARS;
  // Never split a surrogate pair: half an emoji is not text.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const file = sourceFile(found.source, frameId);
  const cut = problem(
    'CAPTION_LARGE',
    'warning',
    `The caption of ${frameId} in ${file} is ${text.length.toLocaleString('en-US')} characters long; only the first ${MAX_CAPTION_CHARS.toLocaleString('en-US')} were kept.`,
    {
      file,
      frameId,
      fix: 'Shorten the caption to what the frame shows; CLIP reads only the first 77 tokens. Saving a caption here replaces the whole text.',
    },
  );
  return { ...found, caption: text.slice(0, end), problems: [...found.problems, cut] };
}

function skippedProblem(chunk: SkippedTextChunk, frameId: string): BoardProblem {
  const name = chunk.keyword === null ? `a ${chunk.type} text chunk` : `the ${chunk.type} text chunk "${chunk.keyword}"`;
  return problem(
    'METADATA_TOO_LARGE',
    'warning',
    `${frameId}: ${name} (${formatBytes(chunk.storedBytes)} in the file) holds more than ${formatBytes(MAX_CHUNK_BYTES)} of text, more than any caption or workflow; it was not read.`,
    {
      file: frameId,
      frameId,
      fix: 'Write the caption into a sidecar file (same name, .txt), or export the image again without that text.',
    },
  );
}

export async function resolveCaption(
  candidate: CaptionCandidate,
  entry: ManifestEntry | null,
  boundary: BoardBoundary,
): Promise<ResolvedCaption> {
  return capped(await firstCaption(candidate, entry, boundary), candidate.id);
}

async function firstCaption(candidate: CaptionCandidate, entry: ManifestEntry | null, boundary: BoardBoundary): Promise<ResolvedCaption> {
  const problems: BoardProblem[] = [];
  const frameId = candidate.id;
  if (entry?.source && hasText(entry.caption)) return { caption: entry.caption, source: entry.source, fromImageMetadata: false, problems };

  const board = candidate.storyboarder;
  if (board?.caption && hasText(board.caption.text)) {
    const source: CaptionSource = {
      kind: 'storyboarder',
      file: board.info.file,
      boardUid: board.info.boardUid,
      boardIndex: board.info.boardIndex,
      field: board.caption.field,
    };
    return { caption: board.caption.text, source, fromImageMetadata: false, problems };
  }

  const folder = candidate.sidecarFolder;
  const sidecarName = folder ? findSidecar(folder.imageName, folder.files) : null;
  if (folder && sidecarName) {
    const file = folder.rel === '.' ? sidecarName : `${folder.rel}/${sidecarName}`;
    try {
      const read = await readSidecar(boundary, join(folder.path, sidecarName));
      if ('outside' in read) {
        problems.push(outsideBoardProblem(`The caption file ${file}`, read.outside, { file, frameId }));
      } else if ('tooLarge' in read) {
        problems.push(
          problem(
            'CAPTION_LARGE',
            'warning',
            `${file} is ${formatBytes(read.tooLarge)}, too large to be a caption (limit ${formatBytes(MAX_CAPTION_BYTES)}); it was not read.`,
            { file, frameId, fix: 'Shorten the caption file; CLIP reads only the first 77 tokens.' },
          ),
        );
      } else if (hasText(read.text)) {
        const source: CaptionSource = { kind: 'sidecar', file, encoding: read.encoding, sizeBytes: read.sizeBytes };
        return { caption: read.text, source, fromImageMetadata: false, problems };
      }
    } catch (error) {
      problems.push(
        problem('CAPTION_UNREADABLE', 'warning', `${file} could not be read (${errnoOf(error) ?? errorMessage(error)}).`, {
          file,
          frameId,
          fix: 'Check the file permissions, then reopen the board.',
        }),
      );
    }
  }

  if (folder) {
    try {
      const { caption: found, skipped } = await readMetadataCaption(candidate.path);
      problems.push(...skipped.map((chunk) => skippedProblem(chunk, frameId)));
      if (found) {
        const file = folder.rel === '.' ? folder.imageName : `${folder.rel}/${folder.imageName}`;
        const source: CaptionSource = { kind: 'image-metadata', file, field: found.field, generator: found.generator };
        return { caption: found.text, source, fromImageMetadata: true, problems };
      }
    } catch (error) {
      problems.push(
        problem('METADATA_UNREADABLE', 'warning', `The text inside ${candidate.id} could not be read: ${errorMessage(error)}.`, {
          file: candidate.id,
          frameId,
          fix: 'The image may be damaged; export it again from the tool that made it.',
        }),
      );
    }
  }
  return { caption: null, source: { kind: 'none' }, fromImageMetadata: false, problems };
}
