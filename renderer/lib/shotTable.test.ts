import { describe, expect, it } from 'vitest';
import type { FrameFlag, FrameReview } from '../../electron/common/api.ts';
import type { FrameCardData } from './boardModel.ts';
import {
  cellText,
  extraValues,
  FRAMEPROOF_COLUMNS,
  filterRows,
  nextSort,
  numericColumns,
  runningTime,
  sortRows,
  tableColumns,
  tableLines,
  type ShotColumn,
  type ShotRow,
} from './shotTable.ts';

function row(
  index: number,
  shot: string,
  sceneId: string,
  options: {
    cosine?: number;
    extra?: Record<string, string>;
    seconds?: number | null;
    flagged?: boolean;
    caption?: string;
    review?: FrameReview;
  } = {},
): ShotRow {
  const flags: FrameFlag[] = options.flagged
    ? [{ kind: 'caption-drift', severity: 'warning', reason: 'low', numbers: {}, relatedFrameIds: [], acknowledged: false } as FrameFlag]
    : [];
  const card: FrameCardData = {
    id: `f${index}.png`,
    index,
    shot,
    sceneId,
    sceneName: `Scene ${sceneId}`,
    name: `f${index}.png`,
    caption: options.caption ?? `caption ${index}`,
    captionSource: 'shots.csv',
    score: options.cosine === undefined ? null : { cosine: options.cosine, clipScore: 100 * Math.max(options.cosine, 0) },
    flags,
    activeFlags: flags,
    warnings: [],
    error: undefined,
    analysis: undefined,
    tokens: null,
    review: options.review ?? null,
  };
  return {
    card,
    extra: extraValues(Object.entries(options.extra ?? {}).map(([name, value]) => ({ name, value }))),
    seconds: options.seconds ?? null,
  };
}

const byId = (columns: ShotColumn[], id: string) => columns.find((c) => c.id === id)!;
const shots = (rows: ShotRow[]) => rows.map((r) => r.card.shot);
const context = { durationColumn: null, numeric: new Set<string>() };

describe('tableColumns', () => {
  it("keeps the manifest's order and names, Frameproof's columns after the caption", () => {
    const columns = tableColumns(
      {
        columns: ['Shot', 'file', 'Shot Size', 'Description', 'Scene', 'Lens', 'Duration'],
        extraColumns: ['Shot Size', 'Lens', 'Duration'],
      },
      'Description',
    );
    expect(columns.map((c) => c.label)).toEqual([
      'Frame',
      'Shot',
      'file',
      'Shot Size',
      'Description',
      'Score',
      'Status',
      'Flags',
      'Comment',
      'Scene',
      'Lens',
      'Duration',
    ]);
    expect(columns.map((c) => c.kind)).toEqual([
      'thumbnail',
      'shot',
      'file',
      'extra',
      'caption',
      'score',
      'status',
      'flags',
      'comment',
      'scene',
      'extra',
      'extra',
    ]);
    expect(columns.slice(5, 5 + FRAMEPROOF_COLUMNS.length)).toEqual(FRAMEPROOF_COLUMNS);
  });

  it('tells repeated names apart: the first of a kind is read, the rest are extra columns with their own values', () => {
    const columns = tableColumns(
      { columns: ['file', 'caption', 'Notes', 'caption', 'Notes', ''], extraColumns: ['Notes', 'caption', 'Notes', ''] },
      'caption',
    );
    expect(columns.map((c) => `${c.kind}:${c.label}`)).toEqual([
      'thumbnail:Frame',
      'shot:Shot',
      'file:file',
      'caption:caption',
      'score:Score',
      'status:Status',
      'flags:Flags',
      'comment:Comment',
      'extra:Notes',
      'extra:caption',
      'extra:Notes',
      'extra:Untitled column',
      'scene:Scene',
    ]);
    expect(new Set(columns.map((c) => c.id)).size).toBe(columns.length);
    const values = extraValues([
      { name: 'Notes', value: 'first' },
      { name: 'caption', value: 'alt' },
      { name: 'Notes', value: 'second' },
    ]);
    const notes = columns.filter((c) => c.label === 'Notes');
    const rowOf = { ...row(0, '1', 'a'), extra: values };
    expect(notes.map((c) => cellText(c, rowOf))).toEqual(['first', 'second']);
  });

  it('gives a board without a manifest (or without a shot column) every built-in column, the shot first', () => {
    expect(tableColumns(undefined, null).map((c) => c.id)).toEqual([
      'thumbnail',
      'shot',
      'scene',
      'file',
      'caption',
      'score',
      'status',
      'flags',
      'comment',
    ]);
    // A manifest without a caption column: the caption (from sidecars, say) comes last, Frameproof's after it.
    expect(tableColumns({ columns: ['file', 'Lens'], extraColumns: ['Lens'] }, null).map((c) => c.id)).toEqual([
      'thumbnail',
      'shot',
      'file',
      'extra:Lens',
      'scene',
      'caption',
      'score',
      'status',
      'flags',
      'comment',
    ]);
    expect(tableColumns({ columns: ['image', 'prompt', 'Notes'], extraColumns: ['Notes'] }, 'prompt').map((c) => c.label)).toEqual([
      'Frame',
      'Shot',
      'image',
      'prompt',
      'Score',
      'Status',
      'Flags',
      'Comment',
      'Notes',
      'Scene',
    ]);
  });
});

describe('sortRows', () => {
  const columns = tableColumns({ columns: ['shot', 'file', 'caption', 'Take', 'Lens'], extraColumns: ['Take', 'Lens'] }, 'caption');
  const rows = [
    row(0, '10', 'a', { cosine: 0.3, extra: { Take: '12', Lens: '85mm' } }),
    row(1, '2', 'a', { cosine: 0.1, extra: { Take: '3', Lens: '24mm' } }),
    row(2, '1B', 'b', { extra: { Take: '', Lens: '100mm' } }),
    row(3, '1A', 'b', { cosine: 0.2, extra: { Take: '3', Lens: '' } }),
  ];

  it('sorts shot numbers naturally', () => {
    expect(shots(sortRows(rows, byId(columns, 'shot'), 'asc', context))).toEqual(['1A', '1B', '2', '10']);
    expect(shots(sortRows(rows, byId(columns, 'shot'), 'desc', context))).toEqual(['10', '2', '1B', '1A']);
  });

  it('sorts a column of numbers as numbers, empty cells last either way, ties in story order', () => {
    const numeric = numericColumns(columns, rows);
    expect([...numeric]).toEqual(['extra:Take']);
    const take = byId(columns, 'extra:Take');
    expect(shots(sortRows(rows, take, 'asc', { ...context, numeric }))).toEqual(['2', '1A', '10', '1B']);
    expect(shots(sortRows(rows, take, 'desc', { ...context, numeric }))).toEqual(['10', '2', '1A', '1B']);
    // Decimals and signs need numbers: as text, 1.5 would come before 1.25 and -2 after 1.
    const rated = [
      row(0, '1', 'a', { extra: { Take: '1.5' } }),
      row(1, '2', 'a', { extra: { Take: '-2' } }),
      row(2, '3', 'a', { extra: { Take: '1.25' } }),
    ];
    const ratedNumeric = numericColumns(columns, rated);
    expect(shots(sortRows(rated, take, 'asc', { ...context, numeric: ratedNumeric }))).toEqual(['2', '3', '1']);
    expect(shots(sortRows(rated, take, 'asc', context))).not.toEqual(['2', '3', '1']);
    // Lens is text with numbers in it: 24mm, 85mm, 100mm.
    expect(shots(sortRows(rows, byId(columns, 'extra:Lens'), 'asc', context))).toEqual(['2', '10', '1B', '1A']);
  });

  it('sorts the score by cosine (unscored last) and the duration column by the seconds it reads as', () => {
    expect(shots(sortRows(rows, byId(columns, 'score'), 'asc', context))).toEqual(['2', '1A', '10', '1B']);
    const timed = [
      row(0, '1', 'a', { extra: { Take: '2s' }, seconds: 2 }),
      row(1, '2', 'a', { extra: { Take: '0:10' }, seconds: 10 }),
      row(2, '3', 'a', { extra: { Take: '48f' }, seconds: 2.5 }),
    ];
    expect(shots(sortRows(timed, byId(columns, 'extra:Take'), 'desc', { ...context, durationColumn: 'extra:Take' }))).toEqual([
      '2',
      '3',
      '1',
    ]);
  });

  it('cycles a header through ascending, descending and story order', () => {
    expect(nextSort(null, 'shot')).toEqual({ column: 'shot', direction: 'asc' });
    expect(nextSort({ column: 'shot', direction: 'asc' }, 'shot')).toEqual({ column: 'shot', direction: 'desc' });
    expect(nextSort({ column: 'shot', direction: 'desc' }, 'shot')).toBeNull();
    expect(nextSort({ column: 'shot', direction: 'desc' }, 'score')).toEqual({ column: 'score', direction: 'asc' });
  });
});

describe('filterRows', () => {
  const columns = tableColumns({ columns: ['shot', 'file', 'caption', 'Lens'], extraColumns: ['Lens'] }, 'caption');
  const rows = [
    row(0, '1', 'a', { extra: { Lens: '85mm' }, caption: 'A rider at dawn', cosine: 0.3 }),
    row(1, '2', 'b', { extra: { Lens: '24mm' }, caption: 'A kettle', flagged: true, cosine: 0.05 }),
  ];
  it('finds every word in any column: manifest columns, flags and the score reading too', () => {
    expect(shots(filterRows(rows, columns, '85MM'))).toEqual(['1']);
    expect(shots(filterRows(rows, columns, 'kettle 24mm'))).toEqual(['2']);
    expect(shots(filterRows(rows, columns, 'caption drift'))).toEqual(['2']);
    expect(shots(filterRows(rows, columns, 'needs a look'))).toEqual(['2']);
    expect(shots(filterRows(rows, columns, 'scene b'))).toEqual(['2']);
    expect(shots(filterRows(rows, columns, '  '))).toEqual(['1', '2']);
    expect(filterRows(rows, columns, 'nothing like this')).toEqual([]);
  });
  it('says what each cell holds', () => {
    expect(cellText(byId(columns, 'score'), rows[0]!)).toBe('0.300 fits');
    expect(cellText(byId(columns, 'flags'), rows[1]!)).toBe('Caption drift');
    expect(cellText(byId(columns, 'extra:Lens'), row(2, '3', 'a'))).toBe('');
  });
});

describe('tableLines', () => {
  const rows = [
    row(0, '1', 'a', { seconds: 3 }),
    row(1, '2', 'a', { seconds: 2.5 }),
    row(2, '3', 'b', { seconds: null }),
    row(3, '4', 'a', { seconds: 1 }),
  ];
  it('puts a scene row with its count and running time before each run of a scene', () => {
    const lines = tableLines(rows, true);
    expect(lines.map((l) => (l.kind === 'scene' ? `${l.title}:${l.count}:${l.seconds}` : l.row.card.shot))).toEqual([
      'Scene a:2:5.5',
      '1',
      '2',
      'Scene b:1:null',
      '3',
      'Scene a:1:1',
      '4',
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
  });
  it('has no scene rows when sorted, and totals what reads', () => {
    expect(tableLines(rows, false).every((l) => l.kind === 'frame')).toBe(true);
    expect(runningTime(rows)).toBe(6.5);
    expect(runningTime([row(0, '1', 'a')])).toBeNull();
    expect(tableLines([], true)).toEqual([]);
  });
});

describe('review columns', () => {
  const columns = tableColumns(undefined, null);
  const review = (status: FrameReview['status'], comment = ''): FrameReview => ({ frameId: '', status, comment });
  const rows = [
    row(0, '1', 'a', { review: review('redo', 'too dark') }),
    row(1, '2', 'a'),
    row(2, '3', 'a', { review: review('approved') }),
    row(3, '4', 'a', { review: review(null, 'ask the DP') }),
    row(4, '5', 'a', { review: review('needs-changes') }),
  ];

  it('shows the status by its label and the comment as written', () => {
    expect(cellText(byId(columns, 'status'), rows[0]!)).toBe('Redo');
    expect(cellText(byId(columns, 'status'), rows[4]!)).toBe('Needs changes');
    expect(cellText(byId(columns, 'comment'), rows[3]!)).toBe('ask the DP');
    expect(cellText(byId(columns, 'status'), rows[1]!)).toBe('');
  });

  it('sorts by status in review order (approved, needs changes, redo), frames without one last', () => {
    expect(shots(sortRows(rows, byId(columns, 'status'), 'asc', context))).toEqual(['3', '5', '1', '2', '4']);
    expect(shots(sortRows(rows, byId(columns, 'status'), 'desc', context))).toEqual(['1', '5', '3', '2', '4']);
    expect(shots(sortRows(rows, byId(columns, 'comment'), 'asc', context))).toEqual(['4', '1', '2', '3', '5']);
  });

  it('filters by status and comment words like any other column', () => {
    expect(shots(filterRows(rows, columns, 'needs changes'))).toEqual(['5']);
    expect(shots(filterRows(rows, columns, 'dark'))).toEqual(['1']);
  });
});
