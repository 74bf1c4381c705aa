// One frame's caption, from the first source that has one: the manifest row, the Storyboarder
// board, a sidecar file, the image's own metadata; else none. An empty caption in a source counts
// as no caption there, so the next source is asked.
import { formatBytes } from '../../common/units.ts';
import { join } from 'node:path';
import type { BoardProblem, CaptionSource } from '../../common/api.ts';
import { readMetadataCaption } from './imageMetadata.ts';
import type { ManifestEntry } from './manifestTypes.ts';
import { errorMessage, problem } from './problems.ts';
import { findSidecar, LARGE_CAPTION_BYTES, MAX_CAPTION_BYTES, readSidecar, type FolderFiles } from './sidecar.ts';
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

export async function resolveCaption(candidate: CaptionCandidate, entry: ManifestEntry | null): Promise<ResolvedCaption> {
  const problems: BoardProblem[] = [];
  const frameId = candidate.id;
  if (entry?.source && hasText(entry.caption)) return { caption: entry.caption, source: entry.source, fromImageMetadata: false, problems };

  const board = candidate.storyboarder;
  if (board?.caption && hasText(board.caption.text)) {
    const source: CaptionSource = { kind: 'storyboarder', file: board.info.file, boardUid: board.info.boardUid, boardIndex: board.info.boardIndex, field: board.caption.field };
    return { caption: board.caption.text, source, fromImageMetadata: false, problems };
  }

  const folder = candidate.sidecarFolder;
  const sidecarName = folder ? findSidecar(folder.imageName, folder.files) : null;
  if (folder && sidecarName) {
    const file = folder.rel === '.' ? sidecarName : `${folder.rel}/${sidecarName}`;
    try {
      const read = await readSidecar(join(folder.path, sidecarName));
      if ('tooLarge' in read) {
        problems.push(problem('CAPTION_LARGE', 'warning', `${file} is ${formatBytes(read.tooLarge)}, too large to be a caption (limit ${formatBytes(MAX_CAPTION_BYTES)}); it was not read.`, { file, frameId, fix: 'Shorten the caption file; CLIP reads only the first 77 tokens.' }));
      } else if (hasText(read.text)) {
        if (read.sizeBytes > LARGE_CAPTION_BYTES) {
          problems.push(problem('CAPTION_LARGE', 'info', `${file} is ${formatBytes(read.sizeBytes)}; CLIP reads only the first 77 tokens of it.`, { file, frameId, fix: 'Shorten the caption to what the frame shows.' }));
        }
        const source: CaptionSource = { kind: 'sidecar', file, encoding: read.encoding, sizeBytes: read.sizeBytes };
        return { caption: read.text, source, fromImageMetadata: false, problems };
      }
    } catch (error) {
      problems.push(problem('CAPTION_UNREADABLE', 'warning', `${file} could not be read (${errnoOf(error) ?? errorMessage(error)}).`, { file, frameId, fix: 'Check the file permissions, then reopen the board.' }));
    }
  }

  if (folder) {
    try {
      const found = await readMetadataCaption(candidate.path);
      if (found) {
        const file = folder.rel === '.' ? folder.imageName : `${folder.rel}/${folder.imageName}`;
        const source: CaptionSource = { kind: 'image-metadata', file, field: found.field, generator: found.generator };
        return { caption: found.text, source, fromImageMetadata: true, problems };
      }
    } catch (error) {
      problems.push(problem('METADATA_UNREADABLE', 'warning', `The text inside ${candidate.id} could not be read: ${errorMessage(error)}.`, { file: candidate.id, frameId, fix: 'The image may be damaged; export it again from the tool that made it.' }));
    }
  }
  return { caption: null, source: { kind: 'none' }, fromImageMetadata: false, problems };
}
