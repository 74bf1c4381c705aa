import { describe, expect, it } from 'vitest';
import { captionForScoring, cleanPromptSyntax } from '../../../electron/engine/board/index.ts';

describe('clean prompt syntax', () => {
  const table: [string, string][] = [
    ['(knight:1.2) on a horse', 'knight on a horse'],
    ['(knight: 0.8 ), castle', 'knight, castle'],
    ['(wide shot:-0.5)', 'wide shot'],
    ['((masterpiece)), a knight', 'masterpiece, a knight'],
    ['[castle] at dusk', 'castle at dusk'],
    ['[[fog]] over the moor', 'fog over the moor'],
    ['a cat BREAK a dog', 'a cat, a dog'],
    ['a fox <lora:ink_style:0.8> in the snow', 'a fox in the snow'],
    ['<lyco:grain:1> <hypernet:paper:0.5>a street', 'a street'],
    ['a lighthouse --ar 16:9', 'a lighthouse'],
    ['a lighthouse --ar 16:9 --v 6 --no text, watermark', 'a lighthouse'],
    ['a \\(red\\) door', 'a (red) door'],
    ['\\[draft\\] shot 4', '[draft] shot 4'],
    ['((a (knight:1.3) riding):1.1), night', 'a knight riding, night'],
    ['[cat:dog:0.5] in a field', 'dog in a field'],
    ['[rain::0.6] street', 'rain street'],
    ['[cow|horse] grazing', 'cow horse grazing'],
    ['{{masterpiece}}, a boy', 'masterpiece, a boy'],
    ['1.5::rain::, city', 'rain, city'],
    ['castle::2 moat::1', 'castle moat'],
    ['embedding:easynegative, a tree', 'a tree'],
    ['a knight AND a dragon', 'a knight, a dragon'],
    ['unclosed (paren here', 'unclosed paren here'],
    ['stray ) bracket', 'stray bracket'],
    ['a knight , , on a horse,', 'a knight, on a horse'],
  ];
  it.each(table)('%s -> %s', (input, expected) => {
    expect(cleanPromptSyntax(input).text).toBe(expected);
  });

  it('leaves a plain caption alone and says so', () => {
    const caption = 'Wide shot: the knight rides out at dawn, mist on the river.';
    expect(cleanPromptSyntax(caption)).toEqual({ text: caption, changed: false });
  });

  it('lowercase "and" and "break" are words, not syntax', () => {
    expect(cleanPromptSyntax('bread and butter, the break room').text).toBe('bread and butter, the break room');
  });
});

describe('caption for scoring', () => {
  const prompt = '(knight:1.2), castle <lora:x:0.8>';

  it('by default cleans captions from image metadata only', () => {
    expect(captionForScoring(prompt, true, 'image-metadata')).toEqual({ text: 'knight, castle', cleaned: true });
    expect(captionForScoring(prompt, false, 'image-metadata')).toEqual({ text: prompt, cleaned: false });
  });

  it("'always' and 'never' do what they say", () => {
    expect(captionForScoring(prompt, false, 'always').text).toBe('knight, castle');
    expect(captionForScoring(prompt, true, 'never').text).toBe(prompt);
  });

  it('an empty caption has nothing to score; a caption that is all syntax keeps its text', () => {
    expect(captionForScoring('   ', true, 'always')).toEqual({ text: null, cleaned: false });
    expect(captionForScoring(null, true, 'always')).toEqual({ text: null, cleaned: false });
    expect(captionForScoring('<lora:x:1>', true, 'always').text).toBe('<lora:x:1>');
  });
});
