// The export format a file name asks for, or an error that lists the extensions that work.
import { extname } from 'node:path';
import { AppError } from '../../common/errors.ts';

export function formatFromExtension<F extends string>(
  file: string,
  extensions: Readonly<Record<string, F>>,
  whatCannot: string,
  fix: string,
): F {
  const ext = extname(file).toLowerCase();
  const format = extensions[ext];
  if (format) return format;
  const what = ext ? `the extension "${ext}"` : 'a file name without an extension';
  throw new AppError('EXPORT_FORMAT_UNKNOWN', `${whatCannot} ${what}.`, { file, fix });
}
