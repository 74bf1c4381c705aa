// Writing a caption back where it came from (sidecar, shots.csv cell, storyboard.json entry,
// .storyboarder board field), or into a new <name>.txt for captions read from image metadata or
// missing: the image itself is never rewritten. The file keeps its encoding, BOM, line endings,
// separator, quoting, indentation and every byte outside the caption; the write is atomic; and
// the CaptionEdit returned holds what undoCaption needs to restore the exact previous bytes.
// Nothing is read or written through a link that leads out of the board.
import { constants } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Board, CaptionEdit, CaptionSource, Frame, TextEncodingName } from '../../common/api.ts';
import { AppError, errnoOf } from '../../common/errors.ts';
import { nodeFs, syncFolder, writeFailureOf, writeFileAtomic, type Fs } from '../../platform/atomicWrite.ts';
import { boardBoundary, outsideBoardError, resolveInBoard } from './containment.ts';
import {
  applyChange,
  locateCsvCaption,
  locateJsonManifestCaption,
  locateSidecarCaption,
  locateStoryboarderCaption,
  type LocatedCaption,
  type TextChange,
} from './captionEdits.ts';
import { toId } from './frameFiles.ts';
import { errorMessage } from './problems.ts';
import { findSidecar, indexFolderFiles, newSidecarName } from './sidecar.ts';
import { decodeText, encodeText, roundTrips, type DecodedText } from './textEncoding.ts';

export interface CaptionWriteOptions {
  /** File system functions; tests pass failing ones. */
  fs?: Fs;
}

type WritableSource = Exclude<CaptionSource, { kind: 'image-metadata' | 'none' }>;

interface CurrentFile {
  decoded: DecodedText;
}

// One edit at a time per file within this process: two quick edits to one shots.csv must not
// both read the old file and the second silently drop the first.
const pendingByFile = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(path: string, work: () => Promise<T>): Promise<T> {
  const run = (pendingByFile.get(path) ?? Promise.resolve()).then(work, work);
  const settled = run.catch(() => undefined);
  pendingByFile.set(path, settled);
  try {
    return await run;
  } finally {
    if (pendingByFile.get(path) === settled) pendingByFile.delete(path);
  }
}

const isReadOnly = (error: unknown): boolean => writeFailureOf(error) === 'read-only';
const NOTHING_CHANGED = 'Nothing was changed.';

function absolute(board: Board, file: string): string {
  return join(board.folder, ...file.split('/'));
}

function folderReadOnly(board: Board, file: string, cause?: unknown): AppError {
  const folder = toId(relative(board.folder, dirname(absolute(board, file)))) || board.name;
  return new AppError('FOLDER_READ_ONLY', `The folder ${folder} is read-only, so ${file} could not be saved. ${NOTHING_CHANGED}`, {
    file,
    fix: 'Make the folder writable (or copy the board to a folder you can write to), then save the caption again.',
    cause,
  });
}

function writeFailed(file: string, error: unknown): AppError {
  const code = errnoOf(error);
  return new AppError('CAPTION_WRITE_FAILED', `${file} could not be saved (${code ?? errorMessage(error)}). ${NOTHING_CHANGED}`, {
    file,
    fix: 'Check that the disk has free space and that no other program holds the file, then save again.',
    cause: error,
  });
}

function sourceChanged(
  file: string,
  what: string,
  fix = 'Reopen the board to see the file as it is now, then edit the caption again.',
): AppError {
  return new AppError('CAPTION_SOURCE_CHANGED', `${file} ${what} ${NOTHING_CHANGED}`, { file, fix });
}

const EDITED_SINCE = 'was edited again after this caption was saved, so undoing it now would lose that edit.';

async function readCurrent(board: Board, file: string, fs: Fs): Promise<CurrentFile | null> {
  const path = absolute(board, file);
  let info;
  try {
    info = await fs.stat(path);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return null;
    throw writeFailed(file, error);
  }
  if (!info.isFile()) {
    throw new AppError(
      'CAPTION_WRITE_FAILED',
      `${file} is a folder, not a caption file, so the caption could not be saved. ${NOTHING_CHANGED}`,
      { file, fix: `Rename or move the folder ${file}, then save again.` },
    );
  }
  const bytes = await fs.readFile(path).catch((error: unknown) => {
    throw writeFailed(file, error);
  });
  const decoded = decodeText(bytes);
  if (!roundTrips(bytes, decoded)) {
    throw new AppError(
      'CAPTION_FILE_ENCODING',
      `${file} is not valid ${decoded.encoding}, so saving into it would change more than the caption. ${NOTHING_CHANGED}`,
      {
        file,
        fix: 'Save the file as UTF-8 in a text editor, then edit the caption again.',
      },
    );
  }
  return { decoded };
}

/** Refuses a caption file, or its folder, that links out of the board; a file not there yet is checked by its folder. */
async function assertInsideBoard(board: Board, file: string, doing: string): Promise<void> {
  const boundary = await boardBoundary(board.folder).catch((error: unknown) => {
    throw writeFailed(file, error);
  });
  const path = absolute(board, file);
  for (const target of [path, dirname(path)]) {
    const resolved = await resolveInBoard(boundary, target).catch(() => null);
    if (resolved && !resolved.inside) throw outsideBoardError(file, resolved.real, `${doing}. ${NOTHING_CHANGED}`);
  }
}

/** Refuses before writing: a read-only mark is honoured even where the OS would let us write (root). */
async function assertWritable(board: Board, file: string, exists: boolean, fs: Fs): Promise<void> {
  const path = absolute(board, file);
  const folder = dirname(path);
  // Windows sets the read-only attribute on many writable folders; only the OS answer counts there.
  if (process.platform !== 'win32') {
    const folderInfo = await fs.stat(folder);
    if ((folderInfo.mode & 0o222) === 0) throw folderReadOnly(board, file);
  }
  await fs.access(folder, constants.W_OK).catch((error: unknown) => {
    throw isReadOnly(error) ? folderReadOnly(board, file, error) : writeFailed(file, error);
  });
  if (!exists) return;
  const info = await fs.stat(path);
  const denied = await fs.access(path, constants.W_OK).then(
    () => false,
    (error: unknown) => isReadOnly(error),
  );
  if ((info.mode & 0o222) === 0 || denied) {
    throw new AppError('FILE_READ_ONLY', `${file} is read-only, so the caption was not saved. ${NOTHING_CHANGED}`, {
      file,
      fix: `Make ${file} writable (clear its read-only mark), then save the caption again.`,
    });
  }
}

/** Replaces the file atomically (it keeps its permissions); a refusal is worded for the person. */
async function save(board: Board, file: string, bytes: Uint8Array, fs: Fs): Promise<void> {
  try {
    await writeFileAtomic(absolute(board, file), bytes, { fs });
  } catch (error) {
    throw isReadOnly(error) ? folderReadOnly(board, file, error) : writeFailed(file, error);
  }
}

/** The source a new caption for this frame goes to. */
async function chooseTarget(board: Board, frame: Frame, fs: Fs): Promise<WritableSource> {
  const source = frame.captionSource;
  if (source.kind !== 'image-metadata' && source.kind !== 'none') return source;
  if (frame.entry && frame.entry.kind !== 'image-metadata' && frame.entry.kind !== 'none') return frame.entry;
  const folder = dirname(frame.path);
  const files = indexFolderFiles(await fs.readdir(folder).catch(() => [] as string[]));
  const imageName = basename(frame.path);
  const name = findSidecar(imageName, files) ?? newSidecarName(imageName, files);
  return { kind: 'sidecar', file: toId(relative(board.folder, join(folder, name))), encoding: 'utf-8', sizeBytes: 0 };
}

function frameKeys(board: Board, frame: Frame): Set<string> {
  return new Set([frame.id, toId(relative(board.folder, frame.path))].map((key) => key.toLowerCase()));
}

function locate(board: Board, frame: Frame, target: WritableSource, text: string): LocatedCaption | null {
  try {
    switch (target.kind) {
      case 'manifest-csv':
        return locateCsvCaption(text, frameKeys(board, frame), target.column, target.row);
      case 'manifest-json':
        return locateJsonManifestCaption(text, frameKeys(board, frame), target.index);
      case 'storyboarder':
        return locateStoryboarderCaption(text, target.boardUid, target.boardIndex, target.field);
      case 'sidecar':
        return locateSidecarCaption(text);
    }
  } catch {
    // Not valid JSON any more: reported below as a changed source.
    return null;
  }
}

function updatedSource(target: WritableSource, located: LocatedCaption, encoding: TextEncodingName, sizeBytes: number): CaptionSource {
  switch (target.kind) {
    case 'sidecar':
      return { ...target, encoding, sizeBytes };
    case 'manifest-csv':
      return located.row ? { ...target, ...located.row } : target;
    case 'manifest-json':
      return { ...target, index: located.index ?? target.index };
    case 'storyboarder':
      return { ...target, boardIndex: located.index ?? target.boardIndex };
  }
}

export async function writeCaption(board: Board, frameId: string, text: string, options: CaptionWriteOptions = {}): Promise<CaptionEdit> {
  const fs = options.fs ?? nodeFs;
  const frame = board.frames.find((f) => f.id === frameId);
  if (!frame)
    throw new AppError('FRAME_NOT_FOUND', `There is no frame ${frameId} on the board ${board.name}.`, {
      fix: 'Reopen the board; the frame may have been moved or renamed.',
    });
  if (typeof text !== 'string') throw new AppError('INVALID_ARGUMENT', 'A caption must be text.');
  const target = await chooseTarget(board, frame, fs);
  return oneAtATime(absolute(board, target.file), () => writeTo(board, frame, target, text, fs));
}

async function writeTo(board: Board, frame: Frame, target: WritableSource, text: string, fs: Fs): Promise<CaptionEdit> {
  const { file } = target;
  await assertInsideBoard(board, file, 'the caption was not saved');
  const current = await readCurrent(board, file, fs);
  if (!current && target.kind !== 'sidecar') throw sourceChanged(file, 'is gone since the board was opened.');

  // A new sidecar ends with a line break, as text files do (reading drops it from the caption).
  const located = current
    ? locate(board, frame, target, current.decoded.text)
    : { current: null, change: (t: string) => ({ offset: 0, removed: '', inserted: `${t}\n` }) };
  if (!located)
    throw sourceChanged(
      file,
      `no longer ${target.kind === 'storyboarder' ? `has board ${target.boardUid}` : `lists ${frame.id}`} (it changed since the board was opened).`,
    );
  const change: TextChange = located.change(text);
  const previousEncoding = current?.decoded.encoding ?? 'utf-8';
  const newText = current ? applyChange(current.decoded.text, change) : change.inserted;
  let encoding: TextEncodingName = previousEncoding;
  let bytes = encodeText(newText, encoding);
  if (!bytes) {
    // Windows-1252 cannot hold this caption: the file becomes UTF-8 (with a BOM for CSV, which Excel needs).
    encoding = target.kind === 'manifest-csv' ? 'utf-8-bom' : 'utf-8';
    bytes = encodeText(newText, encoding) as Buffer;
  }
  await assertWritable(board, file, current !== null, fs);
  await save(board, file, bytes, fs);

  const captionSource = updatedSource(target, located, encoding, bytes.length);
  const sameAsEntry = frame.entry !== null && frame.entry.kind === target.kind && frame.entry.file === target.file;
  return {
    frameId: frame.id,
    text,
    target: captionSource,
    previousText: current ? located.current : null,
    createdFile: current === null,
    encoding,
    previousEncoding,
    change,
    previousFrame: { caption: frame.caption, captionSource: frame.captionSource, captionFromImageMetadata: frame.captionFromImageMetadata },
    frame: {
      ...frame,
      caption: text.trim() === '' ? null : text,
      captionSource,
      captionFromImageMetadata: false,
      entry: sameAsEntry ? captionSource : frame.entry,
    },
  };
}

/** Puts back exactly the bytes writeCaption replaced, or deletes the sidecar it created. */
export async function undoCaption(board: Board, edit: CaptionEdit, options: CaptionWriteOptions = {}): Promise<Frame> {
  const fs = options.fs ?? nodeFs;
  if (edit.target.kind === 'none' || edit.target.kind === 'image-metadata')
    throw new AppError('NOTHING_TO_UNDO', 'This edit did not write a caption file, so there is nothing to undo.');
  const { file } = edit.target;
  return oneAtATime(absolute(board, file), () => undoIn(board, edit, file, fs));
}

async function undoIn(board: Board, edit: CaptionEdit, file: string, fs: Fs): Promise<Frame> {
  await assertInsideBoard(board, file, 'the edit was not undone');
  const current = await readCurrent(board, file, fs);
  const { offset, removed, inserted } = edit.change;
  const restored: Frame = { ...edit.frame, ...edit.previousFrame };
  if (edit.createdFile) {
    if (!current) return restored;
    if (current.decoded.text !== inserted) throw sourceChanged(file, EDITED_SINCE, 'Change the caption by hand instead.');
    await assertWritable(board, file, false, fs);
    try {
      await fs.unlink(absolute(board, file));
    } catch (error) {
      throw isReadOnly(error) ? folderReadOnly(board, file, error) : writeFailed(file, error);
    }
    await syncFolder(dirname(absolute(board, file)), fs);
    return restored;
  }
  if (!current) throw sourceChanged(file, EDITED_SINCE, 'Change the caption by hand instead.');
  let text: string;
  if (current.decoded.text.slice(offset, offset + inserted.length) === inserted) {
    text = current.decoded.text.slice(0, offset) + removed + current.decoded.text.slice(offset + inserted.length);
  } else {
    // The bytes moved: another frame's caption in this file was edited or undone since (a per-frame
    // undo out of order). Find this frame's caption again; if it still holds what this edit wrote,
    // put the previous caption back there. Anything else is someone else's edit and is kept.
    const located =
      edit.target.kind === 'image-metadata' || edit.target.kind === 'none'
        ? null
        : locate(board, edit.frame, edit.target, current.decoded.text);
    if (!located || located.current !== edit.text) throw sourceChanged(file, EDITED_SINCE, 'Change the caption by hand instead.');
    text = applyChange(current.decoded.text, located.change(edit.previousText ?? ''));
  }
  const bytes = encodeText(text, edit.previousEncoding) ?? encodeText(text, current.decoded.encoding);
  if (!bytes) throw writeFailed(file, new Error(`the text cannot be written as ${current.decoded.encoding}`));
  await assertWritable(board, file, true, fs);
  await save(board, file, bytes, fs);
  return restored;
}
