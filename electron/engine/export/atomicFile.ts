// Writing an export so that a full disk, a crash or a power cut leaves the previous export as it
// was: the bytes go to a hidden temp file in the same folder (same file system, so the rename is
// atomic), are fsynced, and only then renamed over the target; the folder is fsynced after. The
// fs functions come in as a parameter so tests can make a write fail mid-file, which chmod cannot
// do for root.
import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError, errnoOf } from '../../common/errors.ts';

export type ExportFs = Pick<typeof fsPromises, 'open' | 'rename' | 'unlink'>;

export const nodeExportFs: ExportFs = fsPromises;


/** What a failed write means for the person, with what to do. */
export function exportWriteError(file: string, error: unknown): AppError {
  const code = errnoOf(error);
  const name = basename(file);
  const kept = 'Any earlier export there was left as it was.';
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AppError('DISK_FULL', `Could not write ${name}: the disk is full.`, { file, fix: `Free some disk space, or export to another disk. ${kept}`, cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AppError('FOLDER_READ_ONLY', `Could not write ${name}: Frameproof may not write to ${dirname(file)}.`, { file, fix: `Export to a folder you can write to, such as your Documents folder. ${kept}`, cause: error });
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new AppError('FOLDER_NOT_FOUND', `Could not write ${name}: the folder ${dirname(file)} does not exist.`, { file, fix: 'Create the folder first, or choose another.', cause: error });
  }
  if (code === 'EISDIR') {
    return new AppError('EXPORT_FAILED', `Could not write ${name}: a folder of that name is in the way.`, { file, fix: 'Choose another file name.', cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new AppError('EXPORT_FAILED', `Could not write ${name}: ${detail}`, { file, fix: `Try again, or export to another folder. ${kept}`, cause: error });
}

/** Writes the chunks as `file`, atomically; throws an AppError naming the file. */
export async function writeExportFile(file: string, chunks: readonly Uint8Array[], fs: ExportFs = nodeExportFs): Promise<number> {
  // Hidden, so a board scan that runs meanwhile never takes it for a frame.
  const temp = join(dirname(file), `.${basename(file)}.frameproof-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: fsPromises.FileHandle | undefined;
  let created = false;
  let size = 0;
  try {
    handle = await fs.open(temp, 'wx');
    created = true;
    for (const chunk of chunks) {
      let offset = 0;
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
        offset += bytesWritten;
      }
      size += chunk.byteLength;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, file);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw exportWriteError(file, error);
  }
  await syncFolder(dirname(file), fs);
  return size;
}

/** Makes the rename durable; folders cannot be opened for sync on Windows, hence best effort. */
async function syncFolder(folder: string, fs: ExportFs): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    await handle.sync().catch(() => undefined);
    await handle.close();
  } catch {
    // Best effort.
  }
}
