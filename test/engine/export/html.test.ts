import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBoard, THUMBNAIL_WIDTH_PX } from '../../../electron/engine/export/index.ts';
import { escapeHtml } from '../../../electron/engine/export/markup.ts';
import { flagText } from '../../../electron/common/flagSentences.ts';
import { scoredSampleBoard, TRICKY_CAPTION, UNREADABLE_SHOT, type ScoredBoard } from './helpers.ts';

let board: ScoredBoard;
let html: string;
let notes: string[];

beforeAll(async () => {
  board = await scoredSampleBoard();
  const file = join(board.outDir, 'report.html');
  ({ notes } = await exportBoard(board.view, file));
  html = readFileSync(file, 'utf8');
});

afterAll(() => board.cleanup());

function dataImages(text: string): { mime: string; bytes: Buffer }[] {
  return [...text.matchAll(/<img src="data:(image\/[a-z]+);base64,([A-Za-z0-9+/=]+)"/g)].map((m) => ({
    mime: m[1]!,
    bytes: Buffer.from(m[2]!, 'base64'),
  }));
}

describe('HTML report', () => {
  it('is one document with a title, headings and the board name', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>sample-board \u2014 Frameproof report</title>');
    expect(html).toContain('<h1>sample-board</h1>');
    expect(html.match(/<h2 id="scene-\d+">/g)).toHaveLength(2);
  });

  it('shows each frame\u2019s review status and comment, and counts statuses and flagged frames in the header as the app does', async () => {
    const [first, second, third] = board.view.board.frames;
    const reviews = {
      [first!.id]: { frameId: first!.id, status: 'redo' as const, comment: 'The <b>horse</b> is missing' },
      [second!.id]: { frameId: second!.id, status: 'approved' as const, comment: '' },
      [third!.id]: { frameId: third!.id, status: null, comment: 'ask the director' },
    };
    const file = join(board.outDir, 'reviewed.html');
    await exportBoard({ ...board.view, reviews }, file);
    const reviewed = readFileSync(file, 'utf8');
    const card = (n: number) => new RegExp(`<article class="card[^"]*" id="frame-${n}">([\\s\\S]*?)</article>`).exec(reviewed)![1]!;
    expect(card(1)).toContain(
      '<p class="review"><span class="review-status redo">Redo</span> <span class="review-comment">The &lt;b&gt;horse&lt;/b&gt; is missing</span></p>',
    );
    expect(card(2)).toContain('<p class="review"><span class="review-status approved">Approved</span></p>');
    expect(card(3)).toContain('<span class="review-status">No status</span> <span class="review-comment">ask the director</span>');
    expect(card(4)).not.toContain('class="review"');
    const a = board.view.analysis!;
    const errors = Object.values(board.view.scores).filter((s) => s.error).length;
    const header = /<header>[\s\S]*?<p class="counts">(.*?)<\/p>/.exec(reviewed)![1]!.replace(/<[^>]+>/g, '');
    expect(header).toBe(
      `16 frames in 2 scenes \u00b7 ${a.flaggedFrames} flagged${errors ? ` \u00b7 ${errors} error${errors === 1 ? '' : 's'}` : ''} \u00b7 Approved 1 \u00b7 Redo 1`,
    );
    // Without reviews the header holds the counts only.
    expect(/<p class="counts">(.*?)<\/p>/.exec(html)![1]).not.toMatch(/Approved|Redo|Needs changes/);
  });

  it('has a card for every shot', () => {
    for (const frame of board.view.board.frames) expect(html).toContain(`<span class="shot">Shot ${frame.shot.label}</span>`);
    expect(html.match(/<article class="card/g)).toHaveLength(16);
  });

  it('escapes a caption holding a <script> tag', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(escapeHtml(TRICKY_CAPTION));
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('embeds small thumbnails as data: URIs and loads nothing from anywhere', async () => {
    const images = dataImages(html);
    expect(images).toHaveLength(15);
    const withoutData = html.replace(/data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g, 'data:');
    expect(withoutData.match(/file:|https?:|\/\/[a-z]|url\(|@import|\ssrc="(?!data:)|\shref=/gi)).toBeNull();
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
    for (const image of images.slice(0, 3)) {
      expect(image.mime).toBe('image/jpeg');
      const meta = await sharp(image.bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.width).toBeLessThanOrEqual(THUMBNAIL_WIDTH_PX);
      expect(meta.width).toBeGreaterThan(THUMBNAIL_WIDTH_PX / 2);
    }
  });

  it('gives every image alt text and shows a placeholder for an unreadable frame', () => {
    const imgTags = html.match(/<img [^>]*>/g) ?? [];
    for (const tag of imgTags) expect(tag).toMatch(/ alt="Shot \d+, shot\d+\.png"/);
    expect(html).toMatch(new RegExp(`role="img" aria-label="Shot ${UNREADABLE_SHOT}, shot05.png: The image could not be read`));
    expect(notes).toEqual(['1 frame could not be read for a thumbnail and show a placeholder.']);
  });

  it('shows flags with their reasons and the summary counts', () => {
    const analysis = board.view.analysis!;
    // Each flag in plain words with its numbers (common/flagSentences.ts), as the app's detail and the CLI say it.
    const flagged = analysis.frames.find((f) => f.flags.length > 0)!;
    const scene = board.view.board.scenes.find((s) => s.id === flagged.sceneId)!.name;
    const shotOf = (id: string) => board.view.board.frames.find((f) => f.id === id)?.shot.label;
    expect(html).toContain(escapeHtml(flagText(flagged.flags[0]!, { frame: flagged, sceneName: scene, shotOf })));
    expect(html).toContain(`<li><strong>16</strong> frames</li>`);
    expect(html).toContain(`<li><strong>2</strong> not scored</li>`);
    expect(html).toContain(`<li><strong>${analysis.flaggedFrames}</strong> flagged frames</li>`);
  });

  it('draws the series chart inline with the scene boundary and the drift threshold', () => {
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).toContain('role="img"');
    expect(svg.match(/class="scene-line"/g)).toHaveLength(1);
    expect(svg).toContain('>Scene 1 - Desert<');
    expect(svg).toContain('>Scene 2 - Kitchen<');
    expect(svg).toContain(`drift threshold ${board.view.analysis!.thresholds.captionDriftCosine}`);
    // One point per scored frame in each panel: the caption score and the style similarity.
    expect(svg.match(/<circle /g)).toHaveLength(14 + 15);
  });

  it('prints on light paper with scenes on their own pages and cards kept whole', () => {
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toContain('.scene { break-before: page; }');
    expect(print).toMatch(/\.card[^{]*\{ break-inside: avoid; \}/);
    expect(html).toContain('color-scheme: light');
  });

  it('uses a thumbnail maker when one is given', async () => {
    const file = join(board.outDir, 'custom.html');
    const red = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    await exportBoard(board.view, file, { thumbnail: async () => red });
    const images = dataImages(readFileSync(file, 'utf8'));
    expect(images).toHaveLength(16);
    expect(images.every((i) => i.mime === 'image/png' && i.bytes.equals(red))).toBe(true);
  });
});
