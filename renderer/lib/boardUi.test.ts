import { describe, expect, it } from 'vitest';
import { boardUiKey, DEFAULT_BOARD_UI, MAX_COLUMN_WIDTH_PX, readBoardUi, writeBoardUi } from './boardUi.ts';
import { MIN_COLUMN_WIDTH_PX } from './shotTable.ts';

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('boardUi', () => {
  it('keeps each board apart', () => {
    const store = memoryStore();
    const ui = {
      view: 'table' as const,
      hiddenColumns: ['extra:Lens'],
      columnWidths: { caption: 420 },
      sort: { column: 'shot', direction: 'desc' as const },
      fps: 25,
    };
    writeBoardUi(store, '/boards/a', ui);
    expect(readBoardUi(store, '/boards/a')).toEqual(ui);
    expect(readBoardUi(store, '/boards/b')).toEqual(DEFAULT_BOARD_UI);
  });

  it('falls back per field for damaged or foreign values, and clamps widths', () => {
    expect(readBoardUi(undefined, '/x')).toEqual(DEFAULT_BOARD_UI);
    expect(readBoardUi(memoryStore({ [boardUiKey('/x')]: '{oops' }), '/x')).toEqual(DEFAULT_BOARD_UI);
    const store = memoryStore({
      [boardUiKey('/x')]: JSON.stringify({
        view: 'cards',
        hiddenColumns: ['a', 3],
        columnWidths: { a: 2, b: 99999, c: 'wide' },
        sort: { column: 'shot', direction: 'up' },
        fps: -1,
      }),
    });
    expect(readBoardUi(store, '/x')).toEqual({
      ...DEFAULT_BOARD_UI,
      hiddenColumns: ['a'],
      columnWidths: { a: MIN_COLUMN_WIDTH_PX, b: MAX_COLUMN_WIDTH_PX },
    });
  });

  it('holds the choice for this run when storage refuses it', () => {
    const store = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => writeBoardUi(store, '/x', DEFAULT_BOARD_UI)).not.toThrow();
  });
});
