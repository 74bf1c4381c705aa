import { describe, expect, it } from 'vitest';
import type { AppErrorData, FrameFlag } from '../../electron/common/api.ts';
import { storeNoticeData } from '../../electron/common/storeNotices.ts';
import {
  boardCounts,
  cardState,
  describeBoardCounts,
  filterCards,
  folderNotices,
  formatEta,
  gridRows,
  groupCards,
  moveSelection,
  untoldStoreNotices,
  scrollToShow,
  visibleRange,
  type FrameCardData,
} from './boardModel.ts';

function card(id: string, index: number, sceneId: string, cosine: number | null, flags: Partial<FrameFlag>[] = []): FrameCardData {
  const full = flags.map(
    (f) =>
      ({
        kind: 'caption-drift',
        severity: 'warning',
        reason: '',
        numbers: {},
        relatedFrameIds: [],
        acknowledged: false,
        ...f,
      }) as FrameFlag,
  );
  return {
    id,
    index,
    shot: String(index + 1),
    sceneId,
    sceneName: `Scene ${sceneId}`,
    name: `${id}.png`,
    caption: `caption of ${id}`,
    captionSource: 'shots.csv',
    score: cosine === null ? null : { cosine, clipScore: 100 * Math.max(cosine, 0) },
    flags: full,
    activeFlags: full.filter((f) => !f.acknowledged),
    warnings: [],
    error: undefined,
    analysis: undefined,
    tokens: null,
    review: null,
  };
}

const cards = [
  card('a', 0, '1', 0.3),
  card('b', 1, '1', 0.12, [{ kind: 'caption-drift' }]),
  card('c', 2, '2', 0.28, [{ kind: 'palette-drift', acknowledged: true }]),
  card('d', 3, '2', null),
  card('e', 4, '2', 0.25, [{ kind: 'crop-loss', severity: 'info' }]),
];

describe('board screen model', () => {
  it('filters by review status, "No status" taking frames with a comment alone', () => {
    const reviewed = cards.map((c, i) => ({
      ...c,
      review:
        i === 0
          ? { frameId: c.id, status: 'redo' as const, comment: '' }
          : i === 2
            ? { frameId: c.id, status: null, comment: 'ask' }
            : null,
    }));
    expect(filterCards(reviewed, '', 'status:redo').map((c) => c.id)).toEqual(['a']);
    expect(filterCards(reviewed, '', 'status:approved')).toEqual([]);
    expect(filterCards(reviewed, '', 'status:none').map((c) => c.id)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('filters by flag state, flag kind and words, acknowledged flags not counting', () => {
    // e has only an info flag (crop loss): shown on its card, but not a frame that needs a look.
    expect(filterCards(cards, '', 'flagged').map((c) => c.id)).toEqual(['b']);
    expect(filterCards(cards, '', 'crop-loss').map((c) => c.id)).toEqual(['e']);
    expect(filterCards(cards, '', 'palette-drift')).toEqual([]);
    expect(filterCards(cards, 'caption of d', 'all').map((c) => c.id)).toEqual(['d']);
    // Every word must match somewhere: "scene 1" alone matches shot 1 of scene 2 too.
    expect(filterCards(cards, 'scene 1 caption of b', 'all').map((c) => c.id)).toEqual(['b']);
  });

  it('groups by scene in story order, or one group lowest score first with unscored last', () => {
    expect(groupCards(cards, 'story').map((g) => [g.title, g.frames.map((c) => c.id).join('')])).toEqual([
      ['Scene 1', 'ab'],
      ['Scene 2', 'cde'],
    ]);
    expect(groupCards(cards, 'score')[0]!.frames.map((c) => c.id)).toEqual(['b', 'e', 'c', 'a', 'd']);
  });

  it('lays groups into header and card rows', () => {
    const rows = gridRows(groupCards(cards, 'story'), 2);
    expect(rows.map((r) => (r.kind === 'header' ? `#${r.count}` : r.cards.map((c) => c.id).join('')))).toEqual([
      '#2',
      'ab',
      '#3',
      'cd',
      'e',
    ]);
  });

  it('colours a card by its most serious active flag', () => {
    expect(cards.map(cardState)).toEqual(['ok', 'warning', 'ok', 'unscored', 'info']);
  });

  it('renders only the rows near the viewport', () => {
    const tops = Array.from({ length: 1000 }, (_, i) => i * 100);
    const [start, end] = visibleRange(tops, 100_000, 50_000, 800, 200);
    expect(start).toBe(498);
    expect(end).toBe(510);
    expect(end - start).toBeLessThan(20);
  });

  it('scrolls only as far as a row needs to come into view', () => {
    const row = (top: number) => ({ top, height: 100 });
    expect(scrollToShow(1000, row(1200), 500, 40)).toBe(1000); // in view: stays
    expect(scrollToShow(1000, row(1450), 500, 40)).toBe(1050); // below: its bottom at the view's bottom
    expect(scrollToShow(1000, row(900), 500, 40)).toBe(860); // above: room left over it
    expect(scrollToShow(1000, row(10), 500, 40)).toBe(0);
  });

  it('moves the selection with arrow keys within the shown order', () => {
    const order = ['a', 'b', 'c', 'd', 'e'];
    expect(moveSelection(order, null, 'ArrowRight', 2)).toBe('a');
    expect(moveSelection(order, 'a', 'ArrowDown', 2)).toBe('c');
    expect(moveSelection(order, 'e', 'ArrowRight', 2)).toBe('e');
    expect(moveSelection(order, 'b', 'ArrowUp', 2)).toBe('a');
  });

  it('words the ETA', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(42.4)).toBe('42 s left');
    expect(formatEta(80)).toBe('1 min 20 s left');
  });
});

describe('errors apart from flags', () => {
  const unreadable: AppErrorData = { code: 'IMAGE_UNREADABLE', message: 'The image is damaged or incomplete.', file: '/board/f.png' };
  // f could not be read; g could not be read and has no caption (a flag that needs a look).
  const withErrors = [
    ...cards,
    { ...card('f', 5, '2', null), error: unreadable },
    { ...card('g', 6, '2', null, [{ kind: 'no-caption' }]), error: unreadable },
  ];

  it('"Flagged only" lists exactly the frames the header counts as flagged, and "Errors" the unreadable ones', () => {
    const counts = boardCounts(withErrors);
    expect(counts).toEqual({ flagged: 2, errors: 2 });
    // Before: an unreadable frame was listed as flagged while the header did not count it.
    expect(filterCards(withErrors, '', 'flagged').map((c) => c.id)).toEqual(['b', 'g']);
    expect(filterCards(withErrors, '', 'errors').map((c) => c.id)).toEqual(['f', 'g']);
    expect(filterCards(withErrors, '', 'flagged')).toHaveLength(counts.flagged);
    expect(filterCards(withErrors, '', 'errors')).toHaveLength(counts.errors);
    expect(filterCards(withErrors, 'f.png', 'errors').map((c) => c.id)).toEqual(['f']);
    expect(withErrors.filter((c) => cardState(c) === 'error').map((c) => c.id)).toEqual(['f', 'g']);
  });

  it('words the header counts: errors only when there are some, flagged only once analysed', () => {
    expect(describeBoardCounts(3, 2)).toBe('3 flagged \u00b7 2 errors');
    expect(describeBoardCounts(3, 1)).toBe('3 flagged \u00b7 1 error');
    expect(describeBoardCounts(0, 0)).toBe('0 flagged');
    expect(describeBoardCounts(null, 2)).toBe('2 errors');
    expect(describeBoardCounts(null, 0)).toBe('');
  });
});

describe('a rebuilt database', () => {
  const movedAside = storeNoticeData({
    kind: 'moved-aside',
    file: '/data/frameproof.sqlite',
    movedTo: '/data/frameproof.sqlite.corrupt-1',
    message: 'It was moved to /data/frameproof.sqlite.corrupt-1. Nothing in any board folder was touched.',
  });
  const settings: AppErrorData = {
    code: 'INVALID_CONFIG',
    message: 'The project settings are not valid JSON.',
    file: '/board/frameproof.json',
  };

  it('is not one of the things to check in the folder', () => {
    expect(folderNotices([movedAside, settings])).toEqual([settings]);
  });

  it('is told once as a message, however many views repeat it', () => {
    const told = new Set<string>();
    expect(untoldStoreNotices([settings, movedAside], told)).toEqual([movedAside]);
    told.add(movedAside.message);
    expect(untoldStoreNotices([settings, movedAside], told)).toEqual([]);
    const replaced = storeNoticeData({
      kind: 'reopened',
      file: '/data/frameproof.sqlite',
      message: 'The database file was deleted while Frameproof was using it.',
    });
    expect(untoldStoreNotices([movedAside, replaced], told)).toEqual([replaced]);
  });
});
