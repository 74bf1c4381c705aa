import { describe, expect, it } from 'vitest';
import { CARD_SIZES, cardSizeFor, chipsThatFit, columnsFor } from './cardLayout.ts';

describe('card layout', () => {
  it('fits whole cards only, and always one', () => {
    expect(columnsFor(232, CARD_SIZES.medium)).toBe(1);
    expect(columnsFor(232 * 2 + 14, CARD_SIZES.medium)).toBe(2);
    expect(columnsFor(232 * 2 + 13, CARD_SIZES.medium)).toBe(1);
    expect(columnsFor(10, CARD_SIZES.large)).toBe(1);
  });

  it('keeps three columns beside the detail panel in a 1024-pixel window', () => {
    // 1024 wide: the detail takes 38% (389 px), the grid pads 20 px a side.
    const grid = 1024 - Math.round(1024 * 0.38) - 40;
    expect(columnsFor(grid, cardSizeFor('medium', true))).toBeGreaterThanOrEqual(3);
    expect(columnsFor(grid, cardSizeFor('small', true))).toBeGreaterThanOrEqual(3);
    expect(columnsFor(grid, cardSizeFor('medium', false))).toBe(2);
  });

  it('makes larger sizes really larger', () => {
    expect(CARD_SIZES.small.widthPx).toBeLessThan(CARD_SIZES.medium.widthPx);
    expect(CARD_SIZES.medium.widthPx).toBeLessThan(CARD_SIZES.large.widthPx);
    expect(cardSizeFor('large', true)).toBe(CARD_SIZES.medium);
  });
});

describe('chips on a card', () => {
  it('shows whole chips only, keeping room for "+N" when some are left over', () => {
    // 50 + 4 + 60 = 114; a third would need 4 + 40 more, and "+1" takes 4 + 30.
    expect(chipsThatFit([50, 60, 40], 150)).toBe(2);
    expect(chipsThatFit([50, 60, 40], 158)).toBe(3);
    // The last chip needs no "+N" after it.
    expect(chipsThatFit([50, 60], 114)).toBe(2);
    expect(chipsThatFit([50, 60], 113)).toBe(1);
    expect(chipsThatFit([200], 100)).toBe(0);
    expect(chipsThatFit([], 100)).toBe(0);
  });
});
