// A caption explained part by part: each part (captionParts.ts) scored against the frame on its
// own, from the text cache. A part is weak when it scores below the model's caption drift line,
// or this far below the caption's best part (partWeakMarginCosine): the frame shows the rest but
// not this. The frame's score stays the whole caption's CLIP score; this only explains it.
import type { AnalysisThresholds, CaptionBreakdown, CaptionPart } from '../../common/api.ts';
import { captionParts } from './captionParts.ts';
import { dotVector, type Rows } from './matrix.ts';
import type { EmbeddedTexts } from './types.ts';
import { round } from './wording.ts';

export function breakdownSummary(parts: readonly CaptionPart[]): string {
  const shown = parts.filter((p) => p.shown).map((p) => p.text);
  const weak = parts.filter((p) => !p.shown).map((p) => p.text);
  const cut = parts.some((p) => p.truncated) ? " (a part was cut at the model's context)" : '';
  return (
    [shown.length > 0 ? `shows: ${shown.join(', ')}` : '', weak.length > 0 ? `weak: ${weak.join(', ')}` : ''].filter(Boolean).join('; ') +
    cut
  );
}

/** Null when the caption is empty or any of its parts is not embedded yet (a half breakdown would mislead). */
export function captionBreakdown(
  images: Rows,
  index: number,
  caption: string | null,
  long: boolean,
  texts: EmbeddedTexts,
  thresholds: AnalysisThresholds,
): CaptionBreakdown | null {
  if (!caption?.trim() || !images.present[index]) return null;
  const spans = captionParts(caption, long);
  const embedded = spans.map((s) => texts.get(s.text));
  if (spans.length === 0 || embedded.some((e) => !e || e.vector.length !== images.dims)) return null;
  const cosines = embedded.map((e) => dotVector(images, index, e!.vector));
  const best = Math.max(...cosines);
  const parts: CaptionPart[] = spans.map((s, k) => {
    const cosine = cosines[k]!;
    const shown = cosine >= thresholds.captionDriftCosine && cosine >= best - thresholds.partWeakMarginCosine;
    return { text: s.text, kind: s.kind, cosine: round(cosine), shown, truncated: embedded[k]!.truncated };
  });
  return { parts, summary: breakdownSummary(parts), longCaption: long };
}

/** Every part text the captions need embedded. */
export function captionPartTexts(captions: readonly { text: string | null; long: boolean }[]): string[] {
  return [...new Set(captions.flatMap((c) => (c.text?.trim() ? captionParts(c.text, c.long).map((p) => p.text) : [])))];
}
