// Writing an export: atomically (platform/atomicWrite.ts), so a full disk, a crash or a power cut
// leaves the previous export as it was, and a failure worded as what it means for the export.
import { basename, dirname } from 'node:path';
import { AppError } from '../../common/errors.ts';
import { writeFailureOf, writeFileAtomic, type Fs } from '../../platform/atomicWrite.ts';

/** What a failed write means for the person, with what to do. */
export function exportWriteError(file: string, error: unknown): AppError {
  const name = basename(file);
  const kept = 'Any earlier export there was left as it was.';
  switch (writeFailureOf(error)) {
    case 'disk-full':
      return new AppError('DISK_FULL', `Could not write ${name}: the disk is full.`, {
        file,
        fix: `Free some disk space, or export to another disk. ${kept}`,
        cause: error,
      });
    case 'read-only':
      return new AppError('FOLDER_READ_ONLY', `Could not write ${name}: Frameproof may not write to ${dirname(file)}.`, {
        file,
        fix: `Export to a folder you can write to, such as your Documents folder. ${kept}`,
        cause: error,
      });
    case 'folder-missing':
      return new AppError('FOLDER_NOT_FOUND', `Could not write ${name}: the folder ${dirname(file)} does not exist.`, {
        file,
        fix: 'Create the folder first, or choose another.',
        cause: error,
      });
    case 'folder-in-the-way':
      return new AppError('EXPORT_FAILED', `Could not write ${name}: a folder of that name is in the way.`, {
        file,
        fix: 'Choose another file name.',
        cause: error,
      });
    case 'busy':
      return new AppError('EXPORT_FAILED', `Could not write ${name}: another program is holding the file.`, {
        file,
        fix: `Close the program that has ${name} open, then export again. ${kept}`,
        cause: error,
      });
    case 'other': {
      const detail = error instanceof Error ? error.message : String(error);
      return new AppError('EXPORT_FAILED', `Could not write ${name}: ${detail}`, {
        file,
        fix: `Try again, or export to another folder. ${kept}`,
        cause: error,
      });
    }
  }
}

/** Writes the chunks as `file`, atomically; returns its size, or throws an AppError naming the file. */
export async function writeExportFile(file: string, chunks: readonly Uint8Array[], fs?: Fs): Promise<number> {
  try {
    return await writeFileAtomic(file, chunks, { ...(fs && { fs }) });
  } catch (error) {
    throw exportWriteError(file, error);
  }
}
