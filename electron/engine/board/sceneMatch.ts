// Which scene heading each board scene has. In order of trust: the scene number (Storyboarder
// names a scene folder Scene-1-EXT-A-PLACE-DAY-1-7BUNG after the heading's #1-7BUNG#; a folder
// or scene column may say "12", "Scene 12", "sc12"), then the heading's words in the scene's
// name ("EXT. DESERT - NIGHT" in a scene column or folder name), else story order when the
// board has as many scenes as the script has headings. A person can correct any of it
// (AnalysisSettings.sceneHeadings).
import type { BoardProblem, Scene, SceneHeading, SceneScriptMatch, ScriptInfo } from '../../common/api.ts';
import { problem } from './problems.ts';

function slug(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function numberMatches(sceneName: string, number: string): boolean {
  const name = slug(sceneName);
  const num = slug(number);
  if (!num) return false;
  if (name === num || name.endsWith(`-${num}`)) return true;
  // "Scene 12", "SC_012", "S12": the same scene number with a prefix, leading zeros ignored.
  const prefixed = /^(?:SCENE|SC|S)-?0*(\d+[A-Z]?)(?:-|$)/.exec(name);
  const plain = /^0*(\d+[A-Z]?)$/.exec(num);
  return prefixed !== null && plain !== null && prefixed[1] === plain[1];
}

function nameMatches(sceneName: string, heading: SceneHeading): boolean {
  const text = slug(heading.text);
  return text.length > 0 && `-${slug(sceneName)}-`.includes(`-${text}-`);
}

export interface SceneMatchResult {
  matches: SceneScriptMatch[];
  problems: BoardProblem[];
}

/** The scenes no heading was found for, named, with what to do; null when every scene has one (or chose none). */
function unmatchedProblem(
  scenes: readonly Pick<Scene, 'id' | 'name'>[],
  found: ReadonlyMap<string, SceneScriptMatch>,
  headingCount: number,
  scriptFile: string,
): BoardProblem | null {
  const unmatched = scenes.filter((s) => !found.has(s.id));
  if (unmatched.length === 0 || headingCount === 0) return null;
  const names =
    unmatched
      .slice(0, 5)
      .map((s) => s.name)
      .join(', ') + (unmatched.length > 5 ? `, and ${unmatched.length - 5} more` : '');
  const why =
    found.size === 0
      ? ` The board has ${scenes.length} scene${scenes.length === 1 ? '' : 's'} and the script ${headingCount} heading${headingCount === 1 ? '' : 's'}, and no scene name carries a heading's number or words.`
      : '';
  return problem(
    'SCRIPT_UNMATCHED',
    'info',
    `No heading of ${scriptFile} was found for ${unmatched.length === 1 ? 'the scene' : `${unmatched.length} scenes`} ${names}; ${unmatched.length === 1 ? 'its frames are' : 'their frames are'} not checked against the script.${why}`,
    {
      file: scriptFile,
      fix: 'Name each scene folder (or the shot list\'s scene column) after its heading or scene number, e.g. "12" or "EXT. DESERT - NIGHT", or choose the heading per scene: Script in the board header, or sceneHeadings in frameproof.json.',
    },
  );
}

export function matchScenes(
  scenes: readonly Pick<Scene, 'id' | 'name'>[],
  headings: readonly SceneHeading[],
  scriptFile: string,
): SceneMatchResult {
  const used = new Set<number>();
  const found = new Map<string, SceneScriptMatch>();
  const rule = (how: SceneScriptMatch['how'], test: (scene: Pick<Scene, 'id' | 'name'>, heading: SceneHeading) => boolean) => {
    for (const scene of scenes) {
      if (found.has(scene.id)) continue;
      const heading = headings.find((h) => !used.has(h.index) && test(scene, h));
      if (!heading) continue;
      used.add(heading.index);
      found.set(scene.id, { sceneId: scene.id, headingIndex: heading.index, how });
    }
  };
  rule('scene-number', (scene, h) => h.number !== null && numberMatches(scene.name, h.number));
  rule('scene-name', (scene, h) => nameMatches(scene.name, h));
  if (found.size === 0 && scenes.length === headings.length) {
    scenes.forEach((scene, i) => found.set(scene.id, { sceneId: scene.id, headingIndex: i, how: 'order' }));
  }
  const problem = unmatchedProblem(scenes, found, headings.length, scriptFile);
  return { matches: scenes.flatMap((s) => (found.has(s.id) ? [found.get(s.id)!] : [])), problems: problem ? [problem] : [] };
}

/**
 * The script with the person's choices applied: scene id → heading index, or null for "no
 * heading". Choices naming a heading the script does not have are left out and reported; the
 * scenes still without a heading are named again (a choice answers the problem found on opening).
 */
export function withSceneHeadings(
  script: ScriptInfo,
  scenes: readonly Pick<Scene, 'id' | 'name'>[],
  chosen: Readonly<Record<string, number | null>>,
): { script: ScriptInfo; notes: string[]; problem: BoardProblem | null } {
  const notes: string[] = [];
  const bySceneId = new Map(script.scenes.map((m) => [m.sceneId, m]));
  for (const [sceneId, index] of Object.entries(chosen)) {
    if (!scenes.some((s) => s.id === sceneId)) continue; // Another board's scene, or one since renamed.
    if (index !== null && !script.headings[index]) {
      notes.push(
        `The heading chosen for scene ${sceneId} (number ${index + 1}) is not in ${script.file}, which has ${script.headings.length}; the scene keeps the heading found for it.`,
      );
      continue;
    }
    bySceneId.set(sceneId, { sceneId, headingIndex: index, how: 'setting' });
  }
  const ordered = scenes.flatMap((s) => (bySceneId.has(s.id) ? [bySceneId.get(s.id)!] : []));
  return {
    script: { ...script, scenes: ordered },
    notes,
    problem: unmatchedProblem(scenes, bySceneId, script.headings.length, script.file),
  };
}

/** The heading of a scene, when it has one. */
export function headingOfScene(script: ScriptInfo | undefined, sceneId: string): SceneHeading | null {
  const match = script?.scenes.find((m) => m.sceneId === sceneId);
  return match && match.headingIndex !== null ? (script!.headings[match.headingIndex] ?? null) : null;
}
