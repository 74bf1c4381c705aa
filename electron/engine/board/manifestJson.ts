// storyboard.json, Frameproof's own manifest for tools that write JSON rather than CSV.
//
//   {
//     "version": 1,
//     "shots": [
//       { "file": "scene1/shot01.png", "caption": "A rider crosses the dunes", "shot": "1A", "scene": "Desert", "lens": "35mm" }
//     ]
//   }
//
// version   must be 1.
// shots     in story order. Per shot:
//   file     (string, required) the image, relative to the board folder, forward or back slashes.
//   caption  (string or null) the caption; null, "" or absent leaves the frame to its sidecar or metadata.
//   shot     (string or number, optional) the shot label; scene (string, optional) the scene name.
//   any other key is kept, in order, as Frame.extra for the export (non-strings as JSON text).
// Writing a caption back replaces only that shot's "caption" string (or adds the key), keeping
// the file's indentation, key order and everything else byte for byte.
import type { BoardProblem, ExtraField, ManifestInfo } from '../../common/api.ts';
import { lineColumn } from './jsonLocate.ts';
import { boardRelativeRef } from './containment.ts';
import type { ManifestEntry, ManifestRead } from './manifestTypes.ts';
import { errorMessage, problem } from './problems.ts';
import { decodeText } from './textEncoding.ts';

const KNOWN_KEYS = new Set(['file', 'caption', 'shot', 'scene']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function readJsonManifest(bytes: Buffer, file: string): ManifestRead {
  const { text, encoding } = decodeText(bytes);
  const problems: BoardProblem[] = [];
  const info: ManifestInfo = { file, format: 'json', encoding, columns: [], extraColumns: [], rowCount: 0 };
  const fix = `Correct ${file}: { "version": 1, "shots": [{ "file": "shot01.png", "caption": "..." }] }.`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(errorMessage(error));
    const where = at ? ` (line ${lineColumn(text, Number(at[1])).line}, column ${lineColumn(text, Number(at[1])).column})` : '';
    problems.push(problem('MANIFEST_INVALID', 'error', `${file} is not valid JSON${where}, so it was not used.`, { file, fix }));
    return { info, entries: [], problems };
  }
  if (!isRecord(data) || !Array.isArray(data.shots)) {
    problems.push(problem('MANIFEST_INVALID', 'error', `${file} has no "shots" list, so it was not used.`, { file, fix }));
    return { info, entries: [], problems };
  }
  if (data.version !== 1) {
    problems.push(
      problem(
        'MANIFEST_INVALID',
        'warning',
        `${file} says version ${JSON.stringify(data.version ?? null)}; Frameproof reads version 1 and read it as such.`,
        { file, fix: 'Set "version": 1.' },
      ),
    );
  }
  const columns: string[] = [];
  const entries: ManifestEntry[] = [];
  info.rowCount = data.shots.length;
  data.shots.forEach((shot: unknown, index) => {
    const where = `${file} shots[${index}]`;
    if (!isRecord(shot)) {
      problems.push(problem('MANIFEST_ROW_INVALID', 'warning', `${where} is not an object; it was skipped.`, { file, fix }));
      return;
    }
    for (const key of Object.keys(shot)) if (!columns.includes(key)) columns.push(key);
    if (typeof shot.file !== 'string' || shot.file.trim() === '') {
      problems.push(problem('MANIFEST_ROW_INVALID', 'warning', `${where} has no "file"; it was skipped.`, { file, fix }));
      return;
    }
    const ref = boardRelativeRef(shot.file);
    if (ref === null) {
      problems.push(
        problem('MANIFEST_ROW_INVALID', 'warning', `${where} names "${shot.file}", which is outside the board folder; it was skipped.`, {
          file,
          fix: 'Use a path relative to the board folder.',
        }),
      );
      return;
    }
    let caption: string | null = null;
    if (typeof shot.caption === 'string') caption = shot.caption;
    else if (shot.caption !== undefined && shot.caption !== null) {
      problems.push(
        problem('MANIFEST_ROW_INVALID', 'warning', `${where} has a caption that is not text; it was ignored.`, {
          file,
          fix: 'Write the caption as a JSON string.',
        }),
      );
    }
    const extra: ExtraField[] = Object.entries(shot)
      .filter(([key]) => !KNOWN_KEYS.has(key))
      .map(([name, value]) => ({ name, value: asText(value) }));
    entries.push({
      file: shot.file,
      ref,
      caption,
      shot: shot.shot === undefined || shot.shot === null ? null : asText(shot.shot).trim() || null,
      scene: typeof shot.scene === 'string' && shot.scene.trim() ? shot.scene.trim() : null,
      extra,
      source: { kind: 'manifest-json', file, index },
      where,
    });
  });
  info.columns = columns;
  info.extraColumns = columns.filter((c) => !KNOWN_KEYS.has(c));
  const key = (name: string) => (columns.includes(name) ? name : null);
  info.roles = { file: key('file'), caption: key('caption'), shot: key('shot'), scene: key('scene') };
  return { info, entries, problems };
}
