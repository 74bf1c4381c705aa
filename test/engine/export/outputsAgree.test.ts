// One flag vocabulary: the sample board, scored once with the tiny model, read back from every
// output a person sees (the analysis in the BoardView, CSV, JSON, HTML, PDF, the CLI's table and
// summary, the app's board model). Each must report the same flagged frames, the same counts per
// kind and the same labels per frame, all from common/flags.ts; notes (info flags) and flags
// marked as intended never count as flagged. One kind is switched to info (the board's own
// levels, as Settings saves them) and one frame has the review status Redo: every output must
// carry both the same way (the CLI's severity and status columns, the HTML header's counts, the
// CSV's severity and status columns, the JSON). An output with its own label table or its own
// "needs a look" rule disagrees here.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, FlagKind, FrameAnalysis, FrameFlag } from '../../../electron/common/api.ts';
import { FLAG_VOCABULARY, flagLabel, severityLabel } from '../../../electron/common/flags.ts';
import { reviewStatusLabel } from '../../../electron/common/review.ts';
import { FLAG_KINDS } from '../../../electron/common/values.ts';
import { Engine } from '../../../electron/engine/engine.ts';
import {
  boardCounts,
  cardState,
  describeBoardCounts,
  filterCards,
  frameCards,
  flagLabel as rendererFlagLabel,
} from '../../../renderer/lib/boardModel.ts';
import { runCli } from '../../hosts/cli/run.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { poppler, SAMPLE_BOARD } from './helpers.ts';

/** What one output says about the board. */
interface Reading {
  flaggedFrames: number;
  /** Flags that need a look, per kind. */
  flagCounts: Partial<Record<FlagKind, number>>;
  /** Per frame id: labels of the flags that need a look, and of the notes, in the order shown. */
  labels?: Map<string, { flags: string[]; notes: string[] }>;
}

let root: string;
let view: BoardView;
let expected: Required<Reading>;
/** The frame whose every warning was marked as intended: only notes are left on it. */
let quietened: string;
/** The kind the board's levels switch from warning to info. */
let quieter: FlagKind;
/** The frame whose review status is Redo. */
let redone: string;
const files: Record<'csv' | 'json' | 'html' | 'pdf', string> = { csv: '', json: '', html: '', pdf: '' };
let cli: { stdout: string; code: number | null };

/** The rule stated here on its own: an active flag of severity 'warning' needs a look; nothing else does. */
function warns(flag: FrameFlag): boolean {
  return !flag.acknowledged && flag.severity === 'warning';
}

function expectedReading(v: BoardView): Required<Reading> {
  const labels = new Map<string, { flags: string[]; notes: string[] }>();
  const flagCounts: Partial<Record<FlagKind, number>> = {};
  let flaggedFrames = 0;
  for (const f of v.analysis!.frames) {
    // Warnings first, each group in FLAG_KINDS order: the order every output lists them in.
    const active = f.flags.filter((flag) => !flag.acknowledged).sort((a, b) => FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind));
    const warnings = active.filter(warns);
    for (const w of warnings) flagCounts[w.kind] = (flagCounts[w.kind] ?? 0) + 1;
    if (warnings.length > 0) flaggedFrames++;
    labels.set(f.frameId, {
      flags: warnings.map((x) => FLAG_VOCABULARY[x.kind].label),
      notes: active.filter((x) => !warns(x)).map((x) => FLAG_VOCABULARY[x.kind].label),
    });
  }
  return { flaggedFrames, flagCounts, labels };
}

/** Per frame id: Warning with a flag that needs a look, Note with notes only, '' with neither (common/flags.ts's words). */
function expectedSeverity(): Map<string, string> {
  return new Map(
    [...expected.labels].map(([id, l]) => [
      id,
      l.flags.length > 0 ? severityLabel('warning') : l.notes.length > 0 ? severityLabel('info') : '',
    ]),
  );
}

function labelOf(text: string): FlagKind {
  const kind = FLAG_KINDS.find((k) => flagLabel(k) === text);
  if (!kind) throw new Error(`"${text}" is no flag label of common/flags.ts`);
  return kind;
}

function countsOf(labels: Iterable<{ flags: string[] }>): Partial<Record<FlagKind, number>> {
  const counts: Partial<Record<FlagKind, number>> = {};
  for (const { flags } of labels) for (const label of flags) counts[labelOf(label)] = (counts[labelOf(label)] ?? 0) + 1;
  return counts;
}

function list(text: string): string[] {
  return text ? text.split(', ') : [];
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  return rows;
}

function unescapeHtml(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'frameproof-agree-'));
  const board = join(root, 'sample-board');
  cpSync(SAMPLE_BOARD, board, { recursive: true });
  const dataDir = join(root, 'data');
  const model = await ensureTestModel('tiny');
  const engine = new Engine({ dataDir, model, provider: 'cpu', threads: 1 });
  try {
    await engine.openBoard(board);
    let scored = await engine.scoreBoard();
    // The most frequent warning kind that leaves two frames warned for other kinds, switched to info
    // in the board's saved levels, so the CLI's own process reads it too.
    const warnedFor = (kind: FlagKind) => scored.analysis!.frames.filter((f) => f.flags.some((x) => warns(x) && x.kind !== kind)).length;
    const ranked = (Object.entries(scored.analysis!.flagCounts) as [FlagKind, number][]).sort((a, b) => b[1] - a[1]);
    const chosen = ranked.find(([kind]) => warnedFor(kind) >= 2);
    if (!chosen)
      throw new Error('The sample board has no warning kind to switch to info and keep two warned frames: choose another board.');
    quieter = chosen[0];
    await engine.updateSettings((s) => ({ ...s, flagLevels: { ...s.flagLevels, [quieter]: 'info' } }));
    scored = await engine.scoreBoard();
    // A frame with warnings and notes: its warnings marked as intended leave it with notes only.
    // Where the board has none, a warned frame's caption grows past what CLIP reads (a note).
    const isMixed = (f: FrameAnalysis) => f.flags.some(warns) && f.flags.some((x) => x.severity === 'info');
    // Frames warned for their pixels first: a new caption leaves those warnings in place.
    const pixelKinds: FlagKind[] = ['style-drift', 'palette-drift', 'continuity'];
    const warnedFrames = scored.analysis!.frames.filter((f) => f.flags.some(warns) && f.scoredCaption);
    warnedFrames.sort(
      (a, b) => Number(b.flags.some((x) => pixelKinds.includes(x.kind))) - Number(a.flags.some((x) => pixelKinds.includes(x.kind))),
    );
    for (const warned of warnedFrames) {
      if (scored.analysis!.frames.some(isMixed)) break;
      scored = await engine.setCaption(
        warned.frameId,
        `${warned.scoredCaption!} ${'and the rain keeps falling on the dark street outside '.repeat(10)}`,
      );
    }
    const mixed = scored.analysis!.frames.find(isMixed);
    if (!mixed) throw new Error('The sample board has no frame with both a warning and a note: choose another case for this test.');
    quietened = mixed.frameId;
    for (const flag of mixed.flags.filter(warns)) scored = await engine.acknowledge(mixed.frameId, flag.kind, true);
    redone = scored.board.frames.find((f) => f.id !== quietened)!.id;
    scored = await engine.setReview([redone], { status: 'redo', comment: 'redraw, see notes' });
    view = scored;
    for (const format of ['csv', 'json', 'html', 'pdf'] as const) {
      files[format] = join(root, `board.${format}`);
      await engine.exportView(view, files[format]);
    }
  } finally {
    await engine.close();
  }
  // The CLI scores the same folder in its own process, from the same cache and project settings.
  // Wide enough that no cell is cut (the table fits 100 columns by cutting; board.test.ts checks that).
  cli = await runCli(['score', board, '--model', model, '--provider', 'cpu', '--threads', '1'], '', {
    FRAMEPROOF_DATA_DIR: dataDir,
    COLUMNS: '400',
  });
  expected = expectedReading(view);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('every output reads the flags the same way', () => {
  it('has something to agree on: flagged frames, notes, a frame with notes only, a flag marked as intended', () => {
    expect(view.analysis!.frames.every((f) => !view.scores[f.frameId]!.error)).toBe(true);
    expect(expected.flaggedFrames).toBeGreaterThan(0);
    expect(expected.flaggedFrames).toBeLessThan(view.board.frames.length);
    expect([...expected.labels.values()].some((l) => l.notes.length > 0)).toBe(true);
    expect(expected.labels.get(quietened)).toMatchObject({ flags: [] });
    expect(expected.labels.get(quietened)!.notes.length).toBeGreaterThan(0);
    expect(view.analysis!.acknowledgedFlags).toBeGreaterThan(0);
    // The kind switched to info is a note everywhere on the board, never a warning.
    expect(view.analysis!.flagCounts[quieter]).toBeUndefined();
    expect(view.analysis!.noteCounts[quieter]).toBeGreaterThan(0);
    expect(view.reviews[redone]).toMatchObject({ status: 'redo', comment: 'redraw, see notes' });
  });

  it('the analysis (BoardView)', () => {
    const a = view.analysis!;
    expect(a.flaggedFrames).toBe(expected.flaggedFrames);
    expect(a.flagCounts).toEqual(expected.flagCounts);
    // The chart marks the flags that need a look, per frame.
    expect(a.series.flags.map((kinds) => kinds.map(flagLabel))).toEqual(a.frames.map((f) => expected.labels.get(f.frameId)!.flags));
  });

  it('CSV: the flags column holds what needs a look, the notes column the rest', () => {
    const [header, ...rows] = parseCsv(readFileSync(files.csv, 'utf8').replace(/^\uFEFF/, ''));
    const column = (name: string) => header!.indexOf(name);
    const labels = new Map(
      rows.map((r) => [r[column('file')]!, { flags: list(r[column('Frameproof: flags')]!), notes: list(r[column('Frameproof: notes')]!) }]),
    );
    expect(labels).toEqual(expected.labels);
    expect([...labels.values()].filter((l) => l.flags.length > 0)).toHaveLength(expected.flaggedFrames);
    expect(countsOf(labels.values())).toEqual(expected.flagCounts);
    // Severity: Warning where a flag needs a look, Note where only notes are left; the status column names Redo once.
    const severity = new Map(rows.map((r) => [r[column('file')]!, r[column('Frameproof: severity')]!]));
    expect(severity).toEqual(expectedSeverity());
    const statuses = rows.map((r) => [r[column('file')]!, r[column('Frameproof: status')]!]).filter(([, status]) => status);
    expect(statuses).toEqual([[redone, reviewStatusLabel('redo')]]);
    expect(rows.find((r) => r[column('file')] === redone)![column('Frameproof: comment')]).toBe('redraw, see notes');
  });

  it('JSON: the summary and every frame', () => {
    const doc = JSON.parse(readFileSync(files.json, 'utf8')) as {
      summary: { flaggedFrames: number; flagCounts: Record<string, number>; noteCounts: Record<string, number> };
      frames: {
        id: string;
        needsLook: boolean;
        flags: (FrameFlag & { label: string; needsLook: boolean })[];
        review: { status: string | null; comment: string } | null;
      }[];
    };
    expect(doc.summary.flaggedFrames).toBe(expected.flaggedFrames);
    expect(doc.summary.flagCounts).toEqual(expected.flagCounts);
    expect(doc.summary.noteCounts[quieter]).toBe(view.analysis!.noteCounts[quieter]);
    expect(doc.frames.filter((f) => f.review?.status).map((f) => [f.id, f.review!.status])).toEqual([[redone, 'redo']]);
    expect(doc.frames.filter((f) => f.needsLook)).toHaveLength(expected.flaggedFrames);
    const labels = new Map(
      doc.frames.map((f) => {
        const active = f.flags.filter((x) => !x.acknowledged);
        return [
          f.id,
          { flags: active.filter((x) => x.needsLook).map((x) => x.label), notes: active.filter((x) => !x.needsLook).map((x) => x.label) },
        ];
      }),
    );
    // The JSON lists flags in analysis order; the set per frame is what must agree.
    for (const [id, want] of expected.labels) {
      expect([...labels.get(id)!.flags].sort(), id).toEqual([...want.flags].sort());
      expect([...labels.get(id)!.notes].sort(), id).toEqual([...want.notes].sort());
    }
    expect(countsOf(labels.values())).toEqual(expected.flagCounts);
  });

  it('HTML: the summary tiles and table, and each card', () => {
    const html = readFileSync(files.html, 'utf8');
    expect(Number(/<li><strong>(\d+)<\/strong> flagged frames<\/li>/.exec(html)![1])).toBe(expected.flaggedFrames);
    // The header reads as the app's header does, then the statuses.
    const header = /<header>[\s\S]*?<p class="counts">(.*?)<\/p>/.exec(html)![1]!.replace(/<[^>]+>/g, '');
    const app = boardCounts(frameCards(view));
    expect(app.flagged).toBe(expected.flaggedFrames);
    const scenes = `${view.board.frames.length} frames in ${view.board.scenes.length} scenes`;
    expect(header).toBe(`${scenes} \u00b7 ${describeBoardCounts(app.flagged, app.errors)} \u00b7 ${reviewStatusLabel('redo')} 1`);
    const table = /<table class="flag-counts">([\s\S]*?)<\/table>/.exec(html)![1]!;
    const tableCounts = Object.fromEntries(
      [...table.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>(\d+)<\/td><\/tr>/g)].map((m) => [
        labelOf(unescapeHtml(m[1]!)),
        Number(m[2]),
      ]),
    );
    expect(tableCounts).toEqual(expected.flagCounts);
    const cards = [...html.matchAll(/<article class="card( warned)?" id="frame-(\d+)">([\s\S]*?)<\/article>/g)];
    expect(cards).toHaveLength(view.board.frames.length);
    const labels = new Map(
      cards.map((m) => {
        const chips = [...m[3]!.matchAll(/<li class="flag (\w+)"><span class="flag-name">([^<]+)<\/span>/g)];
        const of = (severity: string) => chips.filter((c) => c[1] === severity).map((c) => unescapeHtml(c[2]!));
        return [view.board.frames[Number(m[2]) - 1]!.id, { flags: of('warning'), notes: of('info'), warned: m[1] !== undefined }];
      }),
    );
    expect(new Map([...labels].map(([id, l]) => [id, { flags: l.flags, notes: l.notes }]))).toEqual(expected.labels);
    for (const [id, l] of labels) expect(l.warned, id).toBe(expected.labels.get(id)!.flags.length > 0);
  });

  it('PDF: the flagged count, the counts per kind and every label printed', () => {
    const text = poppler('pdftotext', [files.pdf, '-']).replace(/\s+/g, ' ');
    // The title page: "Flagged 4 frames: Style drift 1 · Palette drift 3", then the next row.
    const flagged = /Flagged (\d+) frames?(?:: (.*?))? (?:Notes|Marked as intended|Review|Model) /.exec(text)!;
    expect(Number(flagged[1])).toBe(expected.flaggedFrames);
    const line = flagged[2] ?? '';
    const pdfCounts = Object.fromEntries(
      line
        .split(' \u00b7 ')
        .map((part) => /^(.*) (\d+)$/.exec(part)!)
        .map((m) => [labelOf(m[1]!), Number(m[2])]),
    );
    expect(pdfCounts).toEqual(expected.flagCounts);
    // The cells are laid out in a grid and cut to two lines, so per frame only that each label is a common/flags.ts label.
    for (const l of expected.labels.values()) for (const label of [...l.flags, ...l.notes]) expect(text).toContain(label);
  });

  it('the CLI table, its severity and status columns, and the summary', () => {
    expect(cli.code).toBe(0);
    const [tableText, summary] = cli.stdout.trim().split('\n\n');
    const [header, ...lines] = tableText!.split('\n');
    // Cells by the header's column starts: an empty cell (no severity) must not shift the next one.
    const names = header!.split(/ {2,}/);
    const starts = names.map((name) => header!.indexOf(name));
    const cell = (line: string, name: string) => {
      const i = names.indexOf(name);
      return line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim();
    };
    expect(names).toEqual(['shot', 'file', 'cosine', 'CLIPScore', 'reading', 'severity', 'status', 'flags']);
    const rows = lines.filter((line) => !line.startsWith('-- '));
    expect(rows).toHaveLength(view.board.frames.length);
    const labels = new Map(
      rows.map((line) => {
        const [warnings, notes] = cell(line, 'flags').split(`; ${severityLabel('info')}: `);
        const noteOnly = cell(line, 'severity') === severityLabel('info');
        return [
          cell(line, 'file'),
          { flags: noteOnly ? [] : list(warnings ?? ''), notes: noteOnly ? list(warnings ?? '') : list(notes ?? '') },
        ];
      }),
    );
    expect(labels).toEqual(expected.labels);
    const severity = new Map(rows.map((line) => [cell(line, 'file'), cell(line, 'severity')]));
    expect(severity).toEqual(expectedSeverity());
    expect([...severity.values()].filter((s) => s === severityLabel('warning'))).toHaveLength(expected.flaggedFrames);
    expect(rows.filter((line) => cell(line, 'status')).map((line) => [cell(line, 'file'), cell(line, 'status')])).toEqual([
      [redone, reviewStatusLabel('redo')],
    ]);
    expect(Number(/^\d+ frames, (\d+) flagged/.exec(summary!)![1])).toBe(expected.flaggedFrames);
    const counted = /flagged \((.*?)\)/.exec(summary!)?.[1] ?? '';
    const cliCounts = Object.fromEntries(
      list(counted)
        .map((part) => /^(.*) (\d+)$/.exec(part)!)
        .map((m) => [labelOf(m[1]!), Number(m[2])]),
    );
    expect(cliCounts).toEqual(expected.flagCounts);
    expect(summary).toContain(`notes, not counted: `);
    expect(summary).toContain(`${flagLabel(quieter)} ${view.analysis!.noteCounts[quieter]}`);
    expect(summary).toContain(`; review: ${reviewStatusLabel('redo')} 1;`);
  });

  it("the app's board model: card states, the flagged filter, the per-kind filters and the chips", () => {
    const cards = frameCards(view);
    expect(cards.filter((c) => cardState(c) === 'warning')).toHaveLength(expected.flaggedFrames);
    expect(filterCards(cards, '', 'flagged').map((c) => c.id)).toEqual(
      [...expected.labels].filter(([, l]) => l.flags.length > 0).map(([id]) => id),
    );
    expect(cardState(cards.find((c) => c.id === quietened)!)).toBe('info');
    for (const kind of FLAG_KINDS) {
      const withKind = [...expected.labels.values()].filter((l) => [...l.flags, ...l.notes].includes(flagLabel(kind))).length;
      expect(filterCards(cards, '', kind), kind).toHaveLength(withKind);
    }
    const labels = new Map(
      cards.map((c) => [
        c.id,
        {
          flags: c.activeFlags.filter(warns).map((f) => rendererFlagLabel(f.kind)),
          notes: c.activeFlags.filter((f) => !warns(f)).map((f) => rendererFlagLabel(f.kind)),
        },
      ]),
    );
    expect(labels).toEqual(expected.labels);
  });
});
