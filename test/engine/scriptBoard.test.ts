// The Storyboarder fixture with its .fountain script, read in place, scored with the generated
// test model: each scene's heading on the board, the checks' readings and the caption breakdown
// in the view, the exports and a second open; the heading of a scene corrected by hand.
import { chmodSync, cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../electron/common/api.ts';
import { parseCsv } from '../../electron/engine/board/csv.ts';
import { Engine } from '../../electron/engine/engine.ts';
import { tempFolder } from '../fixtures/tempFolder.ts';
import { ensureTestModel } from '../models/cache.ts';
import { SHARED } from '../paths.ts';

const PRINTABLE = join(SHARED, 'fixtures', 'storyboarder', 'printable');
const dataDir = tempFolder('frameproof-script-data-');
const outDir = tempFolder('frameproof-script-out-');
let model: string;
let engine: Engine;
let view: BoardView;

beforeAll(async () => {
  model = await ensureTestModel('tiny');
  engine = new Engine({ dataDir, model, provider: 'cpu' });
  await engine.openBoard(PRINTABLE);
  view = await engine.scoreBoard();
});

afterAll(() => engine.close());

/** The fixture's files are read-only; the copy must not be, or the settings would go to the store. */
function chmodTree(path: string): void {
  chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  if (statSync(path).isDirectory()) for (const name of readdirSync(path)) chmodTree(join(path, name));
}

describe('a Storyboarder project with its screenplay', () => {
  it('shows each scene with its heading, and reads every frame of an EXT./INT. DAY scene', () => {
    expect(view.board.script?.scenes.map((m) => view.board.script!.headings[m.headingIndex!]!.text)).toEqual([
      'EXT. A PLACE - DAY',
      'INT. A PLACE - DAY',
      'EXT. HOUSE - DAY',
    ]);
    const analysis = view.analysis!;
    for (const frame of view.board.frames) {
      const a = analysis.frames.find((f) => f.frameId === frame.id)!;
      const interior = frame.sceneId.includes('INT-A-PLACE');
      // Interiors: setting only; exteriors: setting and time of day; no shot list, so no shot size.
      expect(a.looks.map((r) => r.check).sort()).toEqual(interior ? ['interior-exterior'] : ['interior-exterior', 'time-of-day']);
      expect(a.looks.every((r) => r.statedBy.startsWith('Scene ') && Number.isFinite(r.margin))).toBe(true);
    }
  });

  it('breaks every caption into parts scored against its frame', () => {
    const captioned = view.board.frames.filter((f) => f.caption?.trim());
    expect(captioned.length).toBeGreaterThan(0);
    for (const frame of captioned) {
      const breakdown = view.analysis!.frames.find((f) => f.frameId === frame.id)!.breakdown;
      expect(breakdown?.parts.length).toBeGreaterThan(0);
      expect(breakdown!.summary).toMatch(/^(shows: |weak: )/);
      for (const part of breakdown!.parts) expect(frame.caption).toContain(part.text);
    }
  });

  it("exports the heading, the readings and the breakdown as Frameproof's CSV columns and as JSON fields", async () => {
    const csvFile = join(outDir, 'shots.csv');
    await engine.exportView(view, csvFile);
    const records = parseCsv(readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, ''), ',').records.map((r) => r.fields.map((f) => f.value));
    const header = records[0]!;
    const [scene, looks, breakdown] = ['Frameproof: script scene', 'Frameproof: looks like', 'Frameproof: caption breakdown'];
    expect(header.slice(header.indexOf(scene), header.indexOf(scene) + 3)).toEqual([scene, looks, breakdown]);
    const rows = records.slice(1).filter((r) => r.length === header.length);
    expect(rows.map((r) => r[header.indexOf(scene)])).toEqual(
      view.board.frames.map((f) =>
        f.sceneId.includes('Scene-1') ? 'EXT. A PLACE - DAY' : f.sceneId.includes('Scene-2') ? 'INT. A PLACE - DAY' : 'EXT. HOUSE - DAY',
      ),
    );
    expect(rows.every((r) => /^(day|night|dusk|interior|exterior) \(/.test(r[header.indexOf(looks)]!))).toBe(true);
    expect(rows.some((r) => r[header.indexOf(breakdown)] !== '')).toBe(true);
    const jsonFile = join(outDir, 'shots.json');
    await engine.exportView(view, jsonFile);
    const doc = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
      board: { script: { file: string } };
      frames: { scriptScene: { text: string } | null; analysis: { looks: unknown[]; breakdown: unknown } }[];
    };
    expect(doc.board.script.file).toBe('printable.fountain');
    expect(doc.frames[0]!.scriptScene?.text).toBe('EXT. A PLACE - DAY');
    expect(doc.frames[0]!.analysis.looks.length).toBeGreaterThan(0);
  });

  it("the HTML report carries each frame's heading, its readings in words and its caption parts", async () => {
    const htmlFile = join(outDir, 'report.html');
    await engine.exportView(view, htmlFile);
    const html = readFileSync(htmlFile, 'utf8');
    const rows = (name: string) => [...html.matchAll(new RegExp(`<dt>${name}</dt><dd>([^<]*)</dd>`, 'g'))].map((m) => m[1]);
    expect(rows('Script scene')).toEqual(
      view.board.frames.map((f) =>
        f.sceneId.includes('Scene-1') ? 'EXT. A PLACE - DAY' : f.sceneId.includes('Scene-2') ? 'INT. A PLACE - DAY' : 'EXT. HOUSE - DAY',
      ),
    );
    const settings = rows('Interior/exterior');
    expect(settings).toHaveLength(view.board.frames.length);
    for (const row of settings)
      expect(row).toMatch(
        /^(Looks like an? (interior|exterior), (clearly|probably)|Looks like an? \w+, clearly not an? \w+|Looks more like an? \w+ than an? \w+|Hard to tell; leans to an? (interior|exterior)) \(interior -?\d\.\d\d, exterior -?\d\.\d\d\)$/,
      );
    const captioned = view.board.frames.filter((f) => f.caption?.trim()).length;
    expect(rows('Caption parts')).toHaveLength(captioned);
  });

  it('a second open reads the prompts and parts from the text cache: same readings, no scoring', async () => {
    const again = new Engine({ dataDir, model, provider: 'cpu' });
    try {
      const opened = await again.openBoard(PRINTABLE);
      expect(opened.analysis?.frames.map((f) => [f.looks, f.breakdown])).toEqual(view.analysis!.frames.map((f) => [f.looks, f.breakdown]));
      expect(opened.model?.embeddingSize ?? null).toBeNull(); // the model was never loaded
    } finally {
      await again.close();
    }
  });

  it("corrects a scene's heading by hand, to none, and back to the match it found", async () => {
    // Settings are saved beside the board: on a temp copy, so the shared fixture is never written.
    const copy = join(tempFolder('frameproof-script-copy-'), 'printable');
    cpSync(PRINTABLE, copy, { recursive: true });
    chmodTree(copy);
    await engine.openBoard(copy);
    const first = view.board.scenes[0]!.id;
    const chosen = await engine.setSceneHeading(first, 2);
    expect(chosen.board.script!.scenes[0]).toEqual({ sceneId: first, headingIndex: 2, how: 'setting' });
    expect(chosen.settings.sceneHeadings).toEqual({ [first]: 2 });
    expect(JSON.parse(readFileSync(chosen.settingsFile!, 'utf8'))).toMatchObject({ sceneHeadings: { [first]: 2 } });
    const none = await engine.setSceneHeading(first, null);
    expect(none.board.script!.scenes[0]).toEqual({ sceneId: first, headingIndex: null, how: 'setting' });
    const firstFrame = none.analysis!.frames.find((f) => f.sceneId === first)!;
    expect(firstFrame.looks).toEqual([]);
    const auto = await engine.setSceneHeading(first, 'auto');
    expect(auto.board.script!.scenes[0]).toEqual({ sceneId: first, headingIndex: 0, how: 'scene-number' });
    expect(auto.settings.sceneHeadings).toEqual({});
    await expect(engine.setSceneHeading(first, 3)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/has 3 scene headings; there is no heading 4/),
    });
    await expect(engine.setSceneHeading('nowhere', 0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
