import { describe, expect, it } from 'vitest';
import { assessLook, lookScoresText } from '../../electron/common/looks.ts';

describe('a look reading in words', () => {
  // The margin is in shares of the board's spread; the flag threshold (0.5 by default) is the unit.
  const at = (margin: number, threshold = 0.5) =>
    assessLook({ looks: 'night', margin, stated: margin > 0 ? ['day'] : ['night'] }, threshold);

  it('agrees when the stated label leads, and says how clearly', () => {
    expect(at(-1.2)).toEqual({ verdict: 'agrees', confidence: 'clear', words: 'Looks like night, clearly' });
    expect(at(-1)).toMatchObject({ verdict: 'agrees', confidence: 'clear' });
    expect(at(-0.6)).toEqual({ verdict: 'agrees', confidence: 'fair', words: 'Looks like night, probably' });
    expect(at(-0.1)).toEqual({ verdict: 'agrees', confidence: 'close', words: 'Hard to tell; leans to night' });
    expect(at(0)).toMatchObject({ verdict: 'agrees', confidence: 'close' });
  });

  it('leans away within the flag margin, and contradicts past it, as the flag rule does (margin > threshold)', () => {
    expect(at(0.3)).toEqual({ verdict: 'leans-away', confidence: 'close', words: 'Hard to tell; leans to night' });
    expect(at(0.5)).toMatchObject({ verdict: 'leans-away', confidence: 'fair' });
    expect(at(0.51)).toEqual({ verdict: 'contradicts', confidence: 'fair', words: 'Looks more like night than daylight' });
    expect(at(1.4)).toEqual({ verdict: 'contradicts', confidence: 'clear', words: 'Looks like night, clearly not daylight' });
  });

  it('scales with the threshold the board uses', () => {
    expect(at(0.8, 1)).toMatchObject({ verdict: 'leans-away', confidence: 'close' });
    expect(at(0.8, 0.25)).toMatchObject({ verdict: 'contradicts', confidence: 'clear' });
  });

  it('names the label in words a sentence can take', () => {
    expect(assessLook({ looks: 'day', margin: -2, stated: ['day'] }, 0.5).words).toBe('Looks like daylight, clearly');
    expect(assessLook({ looks: 'wide', margin: 2, stated: ['close-up', 'medium'] }, 0.5).words).toBe(
      'Looks like a wide shot, clearly not a close-up or a medium shot',
    );
  });

  it("lists every label's cosine in the check's order, two decimals", () => {
    expect(lookScoresText({ scores: { day: 0.2412, night: 0.19, dusk: -0.014 } })).toBe(
      'day 0.24 \u00b7 night 0.19 \u00b7 dusk \u22120.01',
    );
    expect(lookScoresText({ scores: { interior: 0.3, exterior: 0.25 } }, ', ')).toBe('interior 0.30, exterior 0.25');
  });
});
