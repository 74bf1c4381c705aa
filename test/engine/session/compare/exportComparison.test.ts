// The comparison's exports on a hand-made comparison: what the HTML escapes, what the JSON carries,
// and that a failed write leaves the previous file as it was.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComparedModel, FrameFlag, ModelComparison } from '../../../../electron/common/api.ts';
import { COMPARISON_JSON_FORMAT, COMPARISON_JSON_VERSION, exportComparison } from '../../../../electron/engine/session/compare/index.ts';
import type { Fs } from '../../../../electron/platform/atomicWrite.ts';

const dir = mkdtempSync(join(tmpdir(), 'frameproof-compare-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recall = { recallAt1: 0.5, recallAt5: 1, hitsAt1: 1, hitsAt5: 2, meanReciprocalRank: 0.75 };

function model(id: string, name: string): ComparedModel {
  return {
    requested: name,
    id,
    name,
    dir: `/models/${name}`,
    provider: 'cpu',
    embeddingSize: 16,
    calibration: 'generic',
    speed: { imagesPerSecond: 12.5, frames: 2, seconds: 0.16, loadSeconds: 0.1, batchSize: 16, provider: 'cpu' },
    memory: { rssBeforeBytes: 100 << 20, rssWithModelBytes: 141 << 20, deltaBytes: 41 << 20 },
    retrieval: { imageToCaption: recall, captionToImage: recall },
    scored: 2,
    flaggedFrames: 1,
    flagCounts: { 'caption-drift': 1 },
    notices: [],
  };
}

const flag: FrameFlag = {
  kind: 'caption-drift',
  severity: 'warning',
  reason: 'Shot 1 <b>drifts</b>.',
  numbers: {},
  relatedFrameIds: [],
  acknowledged: false,
};

const COMPARISON: ModelComparison = {
  board: { name: 'Board <img src=x onerror=alert(1)>', folder: '/boards/b', frames: 2 },
  comparedAt: '2025-03-01T14:05:00.000Z',
  providerChoice: 'cpu',
  models: [model('m1@0000000000000001', 'model "one"'), model('m2@0000000000000002', 'model <two>')],
  frames: [
    {
      frameId: 'a/shot1.png',
      shot: '1',
      sceneId: 'a',
      caption: 'Then <script>alert(1)</script> & "quotes"',
      cells: [
        {
          modelId: 'm1@0000000000000001',
          cosine: 0.21,
          clipScore: 21,
          flags: [flag],
          flagTexts: ['This frame <b>drifts</b> from its caption.'],
          imageToCaptionRank: 1,
          captionToImageRank: 2,
        },
        {
          modelId: 'm2@0000000000000002',
          cosine: 0.3,
          clipScore: 30,
          flags: [],
          flagTexts: [],
          imageToCaptionRank: 1,
          captionToImageRank: 1,
        },
      ],
    },
    {
      frameId: 'a/shot2.png',
      shot: '2',
      sceneId: 'a',
      caption: null,
      cells: [
        {
          modelId: 'm1@0000000000000001',
          cosine: null,
          clipScore: null,
          flags: [],
          flagTexts: [],
          imageToCaptionRank: null,
          captionToImageRank: null,
        },
        {
          modelId: 'm2@0000000000000002',
          cosine: null,
          clipScore: null,
          flags: [],
          flagTexts: [],
          imageToCaptionRank: null,
          captionToImageRank: null,
        },
      ],
    },
  ],
  disagreements: [
    { frameId: 'a/shot1.png', shot: '1', kind: 'caption-drift', flaggedBy: ['m1@0000000000000001'], notFlaggedBy: ['m2@0000000000000002'] },
  ],
  correlations: [{ modelA: 'm1@0000000000000001', modelB: 'm2@0000000000000002', spearman: 1, frames: 2 }],
  retrieval: { frames: 1, excludedNoCaption: 1, excludedNotEmbedded: 0 },
  notes: ['Only 1 frames take part in retrieval: <recall@5> is 1 by construction.'],
};

describe('exportComparison', () => {
  it('writes a self-contained HTML page: no script, no remote load, every board and model text escaped', async () => {
    const result = await exportComparison(COMPARISON, join(dir, 'c.html'), { now: new Date('2025-03-02T10:00:00Z') });
    expect(result).toMatchObject({ format: 'html', frameCount: 2, file: join(dir, 'c.html') });
    const html = readFileSync(result.file, 'utf8');
    expect(html).not.toMatch(/<script|<img|<b>|onerror=alert\(1\)>/i);
    expect(html).toContain('Then &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('Board &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('model &lt;two&gt;');
    // The flag's sentence (the cell's flagTexts), not the detector's text.
    expect(html).toContain('This frame &lt;b&gt;drifts&lt;/b&gt; from its caption.');
    expect(html).not.toContain('Shot 1 &lt;b&gt;drifts');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
    expect(html).not.toMatch(/\b(src|href)="(?!data:)/);
    expect(html).toContain('@media print');
    // Every model's id is on the page, and the disagreeing row is marked.
    expect(html).toContain('m1@0000000000000001');
    expect(html).toContain('m2@0000000000000002');
    expect(html).toMatch(/<tr class="disagree"><th scope="row">1</);
  });

  it('writes JSON with its format name and version, every cell naming its model', async () => {
    const result = await exportComparison(COMPARISON, join(dir, 'c.json'), { now: new Date('2025-03-02T10:00:00Z') });
    const doc = JSON.parse(readFileSync(result.file, 'utf8')) as ModelComparison & {
      format: string;
      formatVersion: number;
      exportedAt: string;
    };
    expect(doc).toMatchObject({
      format: COMPARISON_JSON_FORMAT,
      formatVersion: COMPARISON_JSON_VERSION,
      exportedAt: '2025-03-02T10:00:00.000Z',
    });
    expect(COMPARISON_JSON_FORMAT).toBe('frameproof-model-comparison');
    const { format: _format, formatVersion: _version, exportedAt: _at, ...rest } = doc;
    expect(rest).toEqual(COMPARISON);
    for (const frame of doc.frames) expect(frame.cells.map((c) => c.modelId)).toEqual(doc.models.map((m) => m.id));
  });

  it('refuses an extension it cannot write, naming the two it can', async () => {
    await expect(exportComparison(COMPARISON, join(dir, 'c.csv'))).rejects.toMatchObject({
      code: 'EXPORT_FORMAT_UNKNOWN',
      fix: expect.stringMatching(/\.html.*\.json/),
    });
  });

  it('leaves the previous export as it was when the write fails midway', async () => {
    const file = join(dir, 'kept.json');
    writeFileSync(file, 'previous');
    const failing: Fs = {
      ...fsPromises,
      open: async (...args: Parameters<typeof fsPromises.open>) => {
        const handle = await fsPromises.open(...args);
        if (String(args[0]).endsWith('.tmp')) {
          handle.write = (async () => {
            throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
          }) as typeof handle.write;
        }
        return handle;
      },
    };
    await expect(exportComparison(COMPARISON, file, { fs: failing })).rejects.toMatchObject({ code: 'DISK_FULL' });
    expect(readFileSync(file, 'utf8')).toBe('previous');
    expect((await fsPromises.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
