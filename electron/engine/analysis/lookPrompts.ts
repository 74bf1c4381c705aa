// The zero-shot checks' labels and the small prompt ensemble each label is read with. A label's
// text embedding is the normalized mean of its prompts' (CLIP's own ensembling), so one odd
// phrasing does not decide. The engine embeds these once per model into the text cache.
import type { LookCheck, LookLabel } from '../../common/api.ts';

export const LOOK_CHECKS: readonly LookCheck[] = ['time-of-day', 'interior-exterior', 'shot-size'];

export const LOOK_LABELS: Readonly<Record<LookCheck, readonly LookLabel[]>> = {
  'time-of-day': ['day', 'night', 'dusk'],
  'interior-exterior': ['interior', 'exterior'],
  'shot-size': ['close-up', 'medium', 'wide'],
};

export const LOOK_PROMPTS: Readonly<Record<LookLabel, readonly string[]>> = {
  day: ['a storyboard frame during the day', 'a scene in daylight, under a blue sky', 'outdoors in the daytime'],
  night: ['a storyboard frame at night', 'a scene at night, under the stars', 'outdoors under the night sky'],
  dusk: ['a storyboard frame at sunset', 'a scene at dusk, in the evening', 'outdoors under a sunset sky'],
  interior: ['a storyboard frame of an interior', 'a scene indoors, inside a room', 'indoors'],
  exterior: ['a storyboard frame of an exterior', 'a scene outdoors, in the open air', 'outdoors'],
  'close-up': ['a close-up storyboard frame', 'a close-up shot', 'an extreme close-up'],
  medium: ['a medium shot storyboard frame', 'a medium shot', 'a mid shot'],
  wide: ['a wide shot storyboard frame', 'a wide shot', 'a long shot, an establishing shot'],
};

/** How a reason names what the frame looks like: "looks like daylight". */
export { LOOK_WORDS } from '../../common/flagSentences.ts';

/** Every prompt of every check, for the engine to embed. */
export function lookPromptTexts(): string[] {
  return [...new Set(Object.values(LOOK_PROMPTS).flat())];
}
