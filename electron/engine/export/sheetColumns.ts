// The person's own shot-list columns, as their manifest has them: every column of shots.csv (or
// key of storyboard.json) in its order and under its name, the caption in its own column
// ("Description" stays "Description"), then whichever of shot, scene, file and caption the
// manifest lacks, so the sheet always names each frame and its caption. A board without a
// manifest gets shot, scene, file, caption. Columns an earlier Frameproof export added are left
// out here: the export writes its own again after these.
import type { ManifestRoles } from '../../common/api.ts';
import { isFrameproofColumn } from '../board/index.ts';
import type { ExportFrame, ExportModel } from './exportModel.ts';

type Role = keyof ManifestRoles;

export interface SheetColumn {
  header: string;
  /** The cell as text; the frame's current value for the roles Frameproof reads (an edited caption). */
  value: (f: ExportFrame) => string;
  role: Role | null;
}

const ROLE_VALUES: Record<Role, (f: ExportFrame) => string> = {
  shot: (f) => f.frame.shot.label,
  scene: (f) => f.sceneName,
  file: (f) => f.frame.id,
  caption: (f) => f.frame.caption ?? '',
};

/** Default names and order of the role columns a sheet lacks, as the manifest reader knows them. */
const ROLE_ORDER: Role[] = ['shot', 'scene', 'file', 'caption'];

function extraValue(name: string): (f: ExportFrame) => string {
  return (f) => f.frame.extra.find((e) => e.name === name)?.value ?? '';
}

export function sheetColumns(model: ExportModel): SheetColumn[] {
  const manifest = model.view.board.manifest;
  const roles: Partial<Record<string, Role>> = {};
  for (const role of ROLE_ORDER) {
    const header = manifest?.roles?.[role];
    if (header) roles[header] = role;
  }
  const columns: SheetColumn[] = [];
  const seen = new Set<string>();
  const add = (header: string, role: Role | null) => {
    if (seen.has(header)) return;
    seen.add(header);
    columns.push({ header, role, value: role ? ROLE_VALUES[role] : extraValue(header) });
  };
  for (const header of manifest?.columns ?? []) if (!isFrameproofColumn(header)) add(header, roles[header] ?? null);
  // Extras a frame carries that the header does not list (a JSON key on one shot only).
  for (const f of model.frames) for (const e of f.frame.extra) if (!isFrameproofColumn(e.name)) add(e.name, null);
  const present = new Set(columns.map((c) => c.role));
  for (const role of ROLE_ORDER) if (!present.has(role)) add(role, role);
  return columns;
}
