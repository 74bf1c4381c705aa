// The content hash that keys image embeddings: sha256 of the file's bytes, read as a stream.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError, errnoOf } from '../../common/errors.ts';

export function fileReadError(cause: unknown, file: string): AppError {
  const code = errnoOf(cause);
  if (code === 'ENOENT') return new AppError('FILE_NOT_FOUND', 'The file does not exist.', { file, cause });
  return new AppError('FILE_UNREADABLE', `The file cannot be read (${code ?? (cause as Error).message}).`, {
    file,
    fix: code === 'EISDIR' ? 'Pass a file, not a folder.' : 'Check that the file exists and that you may read it.',
    cause,
  });
}

/** sha256 of the file, lowercase hex. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  } catch (cause) {
    throw fileReadError(cause, file);
  }
  return hash.digest('hex');
}
