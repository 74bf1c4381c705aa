import { describe, expect, it } from 'vitest';
import { CARD_SIZES, cardSizeFor, columnsFor } from './cardLayout.ts';

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
