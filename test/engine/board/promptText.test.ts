import { describe, expect, it } from 'vitest';
import { a1111Positive, comfyPositive, looksLikeA1111 } from '../../../electron/engine/board/promptText.ts';

describe('prompt text from generators', () => {
  it('takes the A1111 prompt up to the Negative prompt line, over several lines', () => {
    const text =
      'a knight on a horse,\n(masterpiece:1.2)\nNegative prompt: blurry, lowres\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1';
    expect(looksLikeA1111(text)).toBe(true);
    expect(a1111Positive(text)).toBe('a knight on a horse,\n(masterpiece:1.2)');
  });

  it('takes the A1111 prompt up to the Steps line when there is no negative prompt', () => {
    expect(a1111Positive('a castle at dusk\nSteps: 30, Sampler: DPM++ 2M, Seed: 5')).toBe('a castle at dusk');
    expect(looksLikeA1111('just a description of a castle')).toBe(false);
  });

  it('follows the ComfyUI sampler positive input back through conditioning nodes to its text', () => {
    const graph = {
      '3': { class_type: 'KSampler', inputs: { positive: ['10', 0], negative: ['7', 0], model: ['4', 0] } },
      '6': { class_type: 'CLIPTextEncode', inputs: { text: 'a lighthouse in a storm', clip: ['4', 1] } },
      '7': {
        class_type: 'CLIPTextEncode',
        inputs: { text: 'a much longer negative prompt full of words nobody wants in the image', clip: ['4', 1] },
      },
      '10': { class_type: 'ConditioningSetArea', inputs: { conditioning: ['6', 0], width: 64 } },
    };
    expect(comfyPositive(graph)).toBe('a lighthouse in a storm');
  });

  it('reads a ComfyUI text that comes from a string node', () => {
    const graph = {
      '1': { class_type: 'KSamplerAdvanced', inputs: { positive: ['2', 0], negative: ['3', 0] } },
      '2': { class_type: 'CLIPTextEncode', inputs: { text: ['5', 0] } },
      '3': { class_type: 'CLIPTextEncode', inputs: { text: 'ugly' } },
      '5': { class_type: 'String Literal', inputs: { string: 'a fox in the snow' } },
    };
    expect(comfyPositive(graph)).toBe('a fox in the snow');
  });

  it('falls back to the longest text encoder when no sampler leads to one', () => {
    const graph = {
      '1': { class_type: 'CLIPTextEncode', inputs: { text: 'short' } },
      '2': { class_type: 'CLIPTextEncode', inputs: { text: 'the longer of the two prompts' } },
    };
    expect(comfyPositive(graph)).toBe('the longer of the two prompts');
    expect(comfyPositive([1, 2])).toBeNull();
  });
});
