// A CLIP model folder in the Hugging Face / Xenova layout: onnx/text_model.onnx,
// onnx/vision_model.onnx, tokenizer files, preprocessor_config.json, config.json.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../common/errors.ts';

export interface ModelFiles {
  dir: string;
  name: string;
  textModel: string;
  visionModel: string;
}

const LAYOUT_FIX = 'A model folder needs onnx/text_model.onnx, onnx/vision_model.onnx and its tokenizer files (the Hugging Face/Xenova export layout).';

export function locateModelFiles(dirInput: string): ModelFiles {
  const dir = resolve(dirInput);
  if (!existsSync(dir)) throw new AppError('FILE_NOT_FOUND', 'The model folder does not exist.', { file: dir, fix: LAYOUT_FIX });
  if (!statSync(dir).isDirectory()) throw new AppError('MODEL_INVALID', 'This is a file, not a model folder.', { file: dir, fix: LAYOUT_FIX });
  const textModel = join(dir, 'onnx', 'text_model.onnx');
  const visionModel = join(dir, 'onnx', 'vision_model.onnx');
  const missing = [textModel, visionModel].filter((file) => !existsSync(file));
  const has = (f: string) => existsSync(join(dir, f));
  const hasTokenizer = has('tokenizer.json') || (has('vocab.json') && has('merges.txt')) || has('bpe_simple_vocab_16e6.txt.gz');
  const names = missing.map((file) => file.slice(dir.length + 1));
  // vocab.json alone is half a tokenizer: without the merges every word would be split wrongly.
  if (!hasTokenizer) names.push(has('vocab.json') ? 'merges.txt (it has vocab.json, which is half of the tokenizer without it)' : 'tokenizer.json (or vocab.json + merges.txt)');
  if (names.length > 0) {
    throw new AppError('MODEL_FILE_MISSING', `The model folder lacks ${names.join(', ')}.`, { file: dir, fix: LAYOUT_FIX });
  }
  // ONNX Runtime finds external weights (model.onnx_data) beside the path it is given: through a
  // link (an Immich adapter), that must be the real file's path.
  return { dir, name: basename(dir), textModel: realpathSync(textModel), visionModel: realpathSync(visionModel) };
}
