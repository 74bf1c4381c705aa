// Shot labels: what the manifest or Storyboarder calls the shot, else the file name. The number
// is for sorting and charts: the first number of a label ("12A" -> 12), the last of a file
// name ("sc01_sh020" -> 20, since scene numbers come first in names).
import type { ShotLabel } from '../../common/api.ts';
import { stemOf } from './frameFiles.ts';

export function shotFromLabel(label: string): ShotLabel {
  const digits = /\d+/.exec(label);
  return { number: digits ? Number(digits[0]) : null, label };
}

export function shotFromFileName(name: string): ShotLabel {
  const stem = stemOf(name);
  const all = stem.match(/\d+/g);
  const last = all?.at(-1);
  return { number: last !== undefined ? Number(last) : null, label: stem };
}
