// How the zero-shot look readings are put into words, for every output that shows them (the
// app's frame detail, the HTML report, the engine's flag reasons): one vocabulary, so "looks like
// daylight, clearly" means the same thing everywhere.
import type { LookCheck, LookLabel, LookReading } from './api.ts';
import { formatNumber } from './units.ts';

/** The check's name as a heading: "Time of day". */
export const LOOK_CHECK_NAMES: Readonly<Record<LookCheck, string>> = {
  'time-of-day': 'Time of day',
  'interior-exterior': 'Interior/exterior',
  'shot-size': 'Shot size',
};

/** How a sentence names what the frame looks like: "looks like daylight". */
export const LOOK_WORDS: Readonly<Record<LookLabel, string>> = {
  day: 'daylight',
  night: 'night',
  dusk: 'dusk or dawn',
  interior: 'an interior',
  exterior: 'an exterior',
  'close-up': 'a close-up',
  medium: 'a medium shot',
  wide: 'a wide shot',
};

/** agrees: it looks like what is stated; leans-away: like something else, but within the margin (not flagged); contradicts: flagged. */
export type LookVerdict = 'agrees' | 'leans-away' | 'contradicts';

/** How sure the reading is, from how far the winning label leads: clearly, probably, or a close call. */
export type LookConfidence = 'clear' | 'fair' | 'close';

export interface LookAssessment {
  verdict: LookVerdict;
  confidence: LookConfidence;
  /** "Looks like daylight, clearly", "Looks more like night than daylight", "Hard to tell; leans to night". */
  words: string;
}

/**
 * The reading in plain words. Its margin is the lead of the best label outside the stated ones
 * over the best stated one, in shares of the board's typical spread between labels; the flag
 * threshold (lookMarginRatio) is the unit: past twice the threshold is clear, past it fair,
 * under it a close call. A ratio, so the words hold at any model's cosine scale.
 */
export function assessLook(reading: Pick<LookReading, 'looks' | 'margin' | 'stated'>, marginRatio: number): LookAssessment {
  const { margin } = reading;
  const verdict: LookVerdict = margin > marginRatio ? 'contradicts' : margin > 0 ? 'leans-away' : 'agrees';
  const lead = Math.abs(margin);
  const confidence: LookConfidence = lead >= 2 * marginRatio ? 'clear' : lead >= marginRatio ? 'fair' : 'close';
  const looks = LOOK_WORDS[reading.looks];
  // Against the statement, the lead says how unlike the stated label the frame is, not how
  // sure the winner is over the other labels outside it (night may tie with dusk).
  const stated = reading.stated.map((l) => LOOK_WORDS[l]).join(' or ');
  const words =
    confidence === 'close'
      ? `Hard to tell; leans to ${looks}`
      : verdict === 'agrees'
        ? `Looks like ${looks}, ${confidence === 'clear' ? 'clearly' : 'probably'}`
        : confidence === 'clear'
          ? `Looks like ${looks}, clearly not ${stated}`
          : `Looks more like ${looks} than ${stated}`;
  return { verdict, confidence, words };
}

/** "day 0.24 · night 0.19 · dusk 0.20": every label's cosine with the frame, in the check's order. */
export function lookScoresText(reading: Pick<LookReading, 'scores'>, separator = ' \u00b7 '): string {
  return Object.entries(reading.scores)
    .map(([label, score]) => `${label} ${formatNumber(score, 2)}`)
    .join(separator);
}
