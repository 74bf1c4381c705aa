// The score command's table on hand-made views: the severity column, the status column, cutting
// to the width with an ellipsis, and the flags' order.
import { describe, expect, it } from 'vitest';
import type { BoardView, FrameFlag } from '../../../electron/common/api.ts';
import { boardTable, cut, describeFrameFlags } from '../../../electron/hosts/cli/boardTable.ts';

function flag(kind: FrameFlag['kind'], severity: FrameFlag['severity'], acknowledged = false): FrameFlag {
  return { kind, severity, reason: 'detector text', numbers: {}, relatedFrameIds: [], acknowledged };
}

function view(flags: FrameFlag[][], reviews: BoardView['reviews'] = {}): BoardView {
  const frames = flags.map((_, i) => ({
    id: `a-very-long-scene-folder-name/shot${String(i + 1).padStart(2, '0')}.png`,
    name: `shot${i + 1}`,
    sceneId: 's1',
    shot: { label: String(i + 1) },
    caption: 'a caption',
  }));
  return {
    board: {
      frames,
      scenes: [{ id: 's1', name: 'Scene one with a name far too long for any table column at all, and then some more words' }],
    },
    scores: Object.fromEntries(frames.map((f, i) => [f.id, { score: { cosine: i === 0 ? -0.25 : 0.3, clipScore: i === 0 ? 0 : 30 } }])),
    analysis: {
      frames: frames.map((f, i) => ({
        frameId: f.id,
        sceneId: 's1',
        shot: f.shot.label,
        flags: flags[i]!,
        scoreReading: i === 0 ? 'poor' : 'good',
      })),
    },
    reviews,
  } as unknown as BoardView;
}

describe('describeFrameFlags', () => {
  it('says Warning with the warnings first and the notes after them, Note for notes only, nothing for acknowledged flags', () => {
    expect(describeFrameFlags([flag('crop-loss', 'info'), flag('style-drift', 'warning')])).toEqual({
      severity: 'Warning',
      flags: 'Style drift; Note: Cropped by CLIP',
    });
    expect(describeFrameFlags([flag('caption-truncated', 'info')])).toEqual({ severity: 'Note', flags: 'Caption too long' });
    expect(describeFrameFlags([flag('style-drift', 'warning', true)])).toEqual({ severity: '', flags: '' });
  });
});

describe('boardTable', () => {
  const many = [
    flag('caption-drift', 'warning'),
    flag('style-drift', 'warning'),
    flag('palette-drift', 'warning'),
    flag('continuity', 'warning'),
  ];

  it('fits the width, cutting the flags and the file with an ellipsis, the file at its start', () => {
    const lines = boardTable(view([many, []]), 80).split('\n');
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(lines[1]).toMatch(/^-- Scene one with a name .*\u2026$/);
    expect(lines[2]).toMatch(/^1\s+\u2026\S*shot01\.png\s+\u22120\.2500\s+0\.0\s+poor\s+Warning\s+Caption drift, .*\u2026$/);
    expect(lines[3]).toMatch(/^2\s+\u2026\S*shot02\.png\s+0\.3000\s+30\.0\s+good$/);
    // Wide enough, nothing is cut.
    const wide = boardTable(view([many, []]), 300);
    expect(wide).not.toContain('\u2026');
    expect(wide).toContain('Caption drift, Style drift, Palette drift, Continuity jump');
  });

  it('adds a status column only when a frame has a status', () => {
    expect(boardTable(view([[], []]), 100).split('\n')[0]).not.toMatch(/status/);
    const reviewed = boardTable(
      view([[], []], { 'a-very-long-scene-folder-name/shot02.png': { frameId: 'x', status: 'redo', comment: '' } }),
      100,
    );
    expect(reviewed.split('\n')[0]).toMatch(/severity\s+status\s+flags$/);
    expect(reviewed.split('\n')[3]).toMatch(/\s+Redo$/);
    // A comment without a status adds no column.
    const commented = boardTable(
      view([[], []], { 'a-very-long-scene-folder-name/shot02.png': { frameId: 'x', status: null, comment: 'ok' } }),
      100,
    );
    expect(commented.split('\n')[0]).not.toMatch(/status/);
  });

  it('cut keeps short text and marks what it cuts', () => {
    expect(cut('Palette drift', 20)).toBe('Palette drift');
    expect(cut('Palette drift', 8)).toBe('Palette\u2026');
    expect(cut('scene-1/shot01.png', 11, true)).toBe('\u2026shot01.png');
  });
});
