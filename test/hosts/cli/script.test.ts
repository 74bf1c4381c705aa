import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../../electron/common/api.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { SHARED } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { runCli } from './run.ts';

const PRINTABLE = join(SHARED, 'fixtures', 'storyboarder', 'printable');
let model: string;

beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

describe('frameproof score --json on a board with a screenplay', () => {
  it("carries each scene's heading, the checks' readings and every caption's breakdown", async () => {
    const result = await runCli(['score', PRINTABLE, '--model', model, '--provider', 'cpu', '--json'], '', {
      FRAMEPROOF_DATA_DIR: tempFolder('frameproof-cli-script-'),
    });
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as BoardView;
    expect(view.board.script?.headings.map((h) => h.text)).toEqual(['EXT. A PLACE - DAY', 'INT. A PLACE - DAY', 'EXT. HOUSE - DAY']);
    expect(view.board.script?.scenes.map((m) => m.how)).toEqual(['scene-number', 'scene-number', 'scene-number']);
    const frames = view.analysis!.frames;
    expect(frames.every((f) => f.looks.some((r) => r.check === 'interior-exterior'))).toBe(true);
    const captioned = frames.filter((f) => f.scoredCaption);
    expect(captioned.length).toBeGreaterThan(0);
    expect(captioned.every((f) => f.breakdown && f.breakdown.parts.length > 0)).toBe(true);
  });
});
