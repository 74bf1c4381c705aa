import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagDetails, flagSentence } from '../../../electron/common/flagSentences.ts';
import { exportBoard, JSON_FORMAT, JSON_FORMAT_VERSION } from '../../../electron/engine/export/index.ts';
import { NO_CAPTION_SHOT, scoredSampleBoard, TRICKY_CAPTION, UNREADABLE_SHOT, type ScoredBoard } from './helpers.ts';

interface ExportedFrame {
  id: string;
  shot: { label: string };
  scene: { id: string; name: string };
  caption: string | null;
  extra: { name: string; value: string }[];
  score: { cosine: number; clipScore: number } | null;
  unscoredReason: string | null;
  tokens: { count: number; truncated: boolean; contextLength: number } | null;
  warnings: { code: string }[];
  error: { code: string } | null;
  analysis: { top3: { shot: string; cosine: number }[]; bestOther: unknown; styleSimilarity: number | null } | null;
  flags: {
    kind: string;
    reason: string;
    details: string;
    detectorReason: string;
    numbers: Record<string, number>;
    acknowledged: boolean;
  }[];
  sheet: Record<string, string>;
  review: { status: string | null; comment: string } | null;
}

let board: ScoredBoard;
let doc: Record<string, unknown>;
let frames: ExportedFrame[];
const NOW = new Date('2025-06-01T12:34:56Z');

beforeAll(async () => {
  board = await scoredSampleBoard();
  const file = join(board.outDir, 'board.json');
  await exportBoard(board.view, file, { now: NOW });
  doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  frames = doc.frames as ExportedFrame[];
});

afterAll(() => board.cleanup());

const byShot = (shot: string) => frames.find((f) => f.shot.label === shot)!;

describe('JSON export', () => {
  it('names its format, version and date', () => {
    expect(doc).toMatchObject({ format: JSON_FORMAT, formatVersion: JSON_FORMAT_VERSION, exportedAt: '2025-06-01T12:34:56.000Z' });
    expect(JSON_FORMAT_VERSION).toBe(1);
  });

  it('records the model, the provider and the thresholds in force', () => {
    const model = board.view.model!;
    expect(doc.model).toMatchObject({ id: model.id, name: model.name });
    expect(doc.provider).toMatchObject({ used: 'cpu' });
    expect(doc.thresholds).toEqual(board.view.analysis?.thresholds);
    expect(Object.keys(doc.thresholds as object)).toContain('captionDriftCosine');
    expect(doc.calibration).toBe(board.view.analysis?.calibration);
  });

  it('summarises the board', () => {
    expect(doc.summary).toMatchObject({ frames: 16, scored: 14, unscored: 2 });
    expect(doc.board).toMatchObject({ name: 'sample-board', manifest: { extraColumns: ['lens'] } });
    expect((doc.board as { scenes: unknown[] }).scenes).toHaveLength(2);
    expect(doc.series).toEqual(board.view.analysis?.series);
  });

  it('has every frame in story order with its details', () => {
    expect(frames.map((f) => f.id)).toEqual(board.view.board.frames.map((f) => f.id));
    const first = byShot('1');
    const score = board.view.scores[first.id]!;
    expect(first.score).toEqual(score.score);
    expect(first.tokens).toEqual({
      count: score.tokens!.count,
      countLimited: false,
      truncated: false,
      contextLength: score.tokens!.contextLength,
    });
    expect(first.extra).toEqual([{ name: 'lens', value: '24mm' }]);
    expect(first.scene.name).toBe('Scene 1 - Desert');
    expect(first.analysis?.top3).toHaveLength(3);
    // Flags with their reasons and numbers, on a frame that has some (which one depends on the random test model).
    const flagged = frames.find((f) => f.flags.length > 0)!;
    expect(flagged).toBeDefined();
    for (const flag of flagged.flags) expect(typeof flag.reason).toBe('string');
    expect(flagged.flags.some((f) => Object.keys(f.numbers).length > 0)).toBe(true);
    // Each flag's reason is the sentence every output shows, its numbers beside it; the detector's text is kept apart.
    const analysis = new Map(board.view.analysis!.frames.map((a) => [a.frameId, a]));
    const shots = new Map(board.view.board.frames.map((f) => [f.id, f.shot.label]));
    for (const f of frames) {
      const a = analysis.get(f.id);
      for (const [i, flag] of f.flags.entries()) {
        const original = a!.flags[i]!;
        const context = { frame: a, sceneName: f.scene.name, shotOf: (id: string) => shots.get(id) };
        expect(flag.reason).toBe(flagSentence(original, context));
        expect(flag.details).toBe(flagDetails(original));
        expect(flag.detectorReason).toBe(original.reason);
      }
    }
    expect(frames.flatMap((f) => f.flags).some((x) => x.reason !== x.detectorReason)).toBe(true);
    expect(byShot('11').caption).toBe(TRICKY_CAPTION);
  });

  it('marks a truncated caption and flags it', () => {
    const long = byShot('15');
    expect(long.tokens?.truncated).toBe(true);
    expect(long.flags.map((f) => f.kind)).toContain('caption-truncated');
  });

  it('says why a frame has no score', () => {
    expect(byShot(NO_CAPTION_SHOT)).toMatchObject({ score: null, caption: null, unscoredReason: 'Not scored: the frame has no caption.' });
    expect(byShot(NO_CAPTION_SHOT).flags.map((f) => f.kind)).toContain('no-caption');
    const unreadable = byShot(UNREADABLE_SHOT);
    expect(unreadable.score).toBeNull();
    expect(unreadable.error?.code).toMatch(/^IMAGE_/);
    expect(unreadable.unscoredReason).toMatch(/^Not scored: /);
  });

  it("keeps each frame's row of the person's sheet, columns in the manifest's order, apart from Frameproof's fields", () => {
    expect(doc.sheetColumns).toEqual(['shot', 'scene', 'file', 'caption', 'lens']);
    expect(byShot('11').sheet).toEqual({
      shot: '11',
      scene: 'Scene 2 - Kitchen',
      file: 'scene-2-kitchen/shot03.png',
      caption: TRICKY_CAPTION,
      lens: board.lenses.get('11'),
    });
    expect(frames.every((f) => f.review === null)).toBe(true);
  });
});
