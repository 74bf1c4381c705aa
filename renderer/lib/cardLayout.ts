// Card sizes for the thumbnail size control, and how many columns fit. With the detail panel open
// the cards step down a size, so a 1024-pixel window still shows three columns beside it.
import type { ThumbnailSize } from './preferences.ts';

export interface CardSize {
  widthPx: number;
  thumbPx: number;
  heightPx: number;
  captionLines: number;
}

export const CARD_SIZES: Record<ThumbnailSize, CardSize> = {
  small: { widthPx: 176, thumbPx: 99, heightPx: 200, captionLines: 3 },
  medium: { widthPx: 232, thumbPx: 130, heightPx: 248, captionLines: 4 },
  large: { widthPx: 312, thumbPx: 176, heightPx: 294, captionLines: 4 },
};

export const CARD_GAP_PX = 14;
const SMALLER: Record<ThumbnailSize, ThumbnailSize> = { small: 'small', medium: 'small', large: 'medium' };

export function cardSizeFor(size: ThumbnailSize, detailOpen: boolean): CardSize {
  return CARD_SIZES[detailOpen ? SMALLER[size] : size];
}

/** Columns that fit in `widthPx` of grid (its side padding already taken off); at least one. */
export function columnsFor(widthPx: number, card: CardSize, gapPx = CARD_GAP_PX): number {
  return Math.max(1, Math.floor((widthPx + gapPx) / (card.widthPx + gapPx)));
}

/** The gap between a card's chips, and the room a "+9" chip takes. */
export const CHIP_GAP_PX = 4;
export const MORE_CHIP_PX = 30;

/**
 * How many chips (in order: warnings first) show whole in `availablePx`; the rest go into a "+N"
 * chip, whose room is kept whenever any are left over. Never fewer than zero, never a cut chip.
 */
export function chipsThatFit(widthsPx: readonly number[], availablePx: number, gapPx = CHIP_GAP_PX, morePx = MORE_CHIP_PX): number {
  let used = 0;
  for (let i = 0; i < widthsPx.length; i++) {
    const next = used + (i > 0 ? gapPx : 0) + widthsPx[i]!;
    const restLeft = i < widthsPx.length - 1;
    // The last chip needs no "+N" after it; any other must leave room for one.
    if (next + (restLeft ? gapPx + morePx : 0) > availablePx) {
      return next <= availablePx && !restLeft ? i + 1 : i;
    }
    used = next;
  }
  return widthsPx.length;
}
