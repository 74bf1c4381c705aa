// A CLIP model folder in the Hugging Face / Xenova layout: onnx/text_model.onnx,
// onnx/vision_model.onnx, tokenizer files, preprocessor_config.json, config.json. The
// transformers.js cache of the same repository often holds only the files a program asked for,
// commonly the default q8 pair (onnx/text_model_quantized.onnx, onnx/vision_model_quantized.onnx):
// that pair is opened when the fp32 one is absent.
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../common/errors.ts';

/** transformers.js's names for the exports: fp32 is onnx/<tower>_model.onnx, q8 is onnx/<tower>_model_quantized.onnx. */
export type OnnxDtype = 'fp32' | 'q8';

export interface ModelFiles {
  dir: string;
  name: string;
  textModel: string;
  visionModel: string;
  /** Which pair the folder holds; q8 is dynamically quantized int8 (a "fast" variant). */
  dtype: OnnxDtype;
}

const LAYOUT_FIX =
  'A model folder needs onnx/text_model.onnx, onnx/vision_model.onnx and its tokenizer files (the Hugging Face/Xenova export layout).';

const SUFFIX: Record<OnnxDtype, string> = { fp32: '', q8: '_quantized' };
const towerFile = (tower: 'text' | 'vision', dtype: OnnxDtype) => `onnx/${tower}_model${SUFFIX[dtype]}.onnx`;
/** transformers.js's other dtypes, named when a folder holds only those (the engine feeds fp32 tensors to fp32 or q8 graphs only). */
const OTHER_DTYPE = /^(?:text|vision)_model_(fp16|int8|uint8|q4|q4f16|bnb4)\.onnx$/;

function onnxNames(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'onnx')).filter((f) => f.endsWith('.onnx'));
  } catch {
    return [];
  }
}

/** The first complete pair, fp32 before q8; else every file the nearest pair lacks, with what the folder has instead. */
function locatePair(dir: string): { dtype: OnnxDtype } | { missing: string[]; fix: string; note?: string } {
  const has = (f: string) => existsSync(join(dir, ...f.split('/')));
  for (const dtype of ['fp32', 'q8'] as const) if (has(towerFile('text', dtype)) && has(towerFile('vision', dtype))) return { dtype };
  const quantized = has(towerFile('text', 'q8')) || has(towerFile('vision', 'q8'));
  const fp32 = has(towerFile('text', 'fp32')) || has(towerFile('vision', 'fp32'));
  // A half q8 pair (and no fp32 file) is a transformers.js cache that fetched one tower only.
  if (quantized && !fp32) {
    const missing = (['text', 'vision'] as const).map((t) => towerFile(t, 'q8')).filter((f) => !has(f));
    const present = (['text', 'vision'] as const).map((t) => towerFile(t, 'q8')).filter(has);
    return {
      missing: missing.map((f) => `${f} (it has ${present.join(', ')}: the transformers.js cache keeps only the towers a program loaded)`),
      fix: `Copy ${missing.join(', ')} from the same repository and revision into the folder's onnx/ (or load that tower once in transformers.js with dtype q8), or use a folder with the fp32 pair.`,
    };
  }
  const missing = (['text', 'vision'] as const).map((t) => towerFile(t, 'fp32')).filter((f) => !has(f));
  const others = onnxNames(dir).filter((f) => OTHER_DTYPE.test(f));
  if (!fp32 && others.length > 0) {
    const dtypes = [...new Set(others.map((f) => OTHER_DTYPE.exec(f)![1]))].join(', ');
    return {
      missing,
      note: `It has only ${others.map((f) => `onnx/${f}`).join(', ')} (transformers.js dtype ${dtypes}), which Frameproof does not open; the q8 pair ${towerFile('text', 'q8')} + ${towerFile('vision', 'q8')} would do instead of the fp32 one.`,
      fix: 'Download the fp32 files (onnx/text_model.onnx, onnx/vision_model.onnx) or the q8 ones (*_quantized.onnx) of the same repository into onnx/.',
    };
  }
  return { missing, fix: LAYOUT_FIX };
}

export function locateModelFiles(dirInput: string): ModelFiles {
  const dir = resolve(dirInput);
  if (!existsSync(dir)) throw new AppError('FILE_NOT_FOUND', 'The model folder does not exist.', { file: dir, fix: LAYOUT_FIX });
  if (!statSync(dir).isDirectory())
    throw new AppError('MODEL_INVALID', 'This is a file, not a model folder.', { file: dir, fix: LAYOUT_FIX });
  const pair = locatePair(dir);
  const has = (f: string) => existsSync(join(dir, f));
  const hasTokenizer = has('tokenizer.json') || (has('vocab.json') && has('merges.txt')) || has('bpe_simple_vocab_16e6.txt.gz');
  const names = 'missing' in pair ? [...pair.missing] : [];
  // vocab.json alone is half a tokenizer: without the merges every word would be split wrongly.
  if (!hasTokenizer)
    names.push(
      has('vocab.json')
        ? 'merges.txt (it has vocab.json, which is half of the tokenizer without it)'
        : 'tokenizer.json (or vocab.json + merges.txt)',
    );
  if (names.length > 0 || 'missing' in pair) {
    const note = 'missing' in pair && pair.note ? ` ${pair.note}` : '';
    throw new AppError('MODEL_FILE_MISSING', `The model folder lacks ${names.join(', ')}.${note}`, {
      file: dir,
      fix: 'missing' in pair && pair.missing.length > 0 ? pair.fix : LAYOUT_FIX,
    });
  }
  const { dtype } = pair;
  // ONNX Runtime finds external weights (model.onnx_data) beside the path it is given: through a
  // link (an Immich adapter), that must be the real file's path.
  const real = (tower: 'text' | 'vision') => realpathSync(join(dir, ...towerFile(tower, dtype).split('/')));
  return { dir, name: basename(dir), textModel: real('text'), visionModel: real('vision'), dtype };
}

/** The encoder files' paths inside the folder, as a registry entry lists them. */
export function towerPaths(dtype: OnnxDtype): [string, string] {
  return [towerFile('text', dtype), towerFile('vision', dtype)];
}
