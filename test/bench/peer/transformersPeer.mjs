// The benchmark's peer: what a careful transformers.js script does for the same job as
// `frameproof score` on a board of JPEGs with sidecar captions — every frame and caption through
// the same ONNX weights (CPU, fp32, images in batches of 8), one cosine per frame. Plain Node, no
// TypeScript, so its whole-process time is its own work. Run by test/bench/coldBench.ts.
//   node transformersPeer.mjs <model folder> <board folder> <threads>
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  AutoProcessor,
  AutoTokenizer,
  CLIPTextModelWithProjection,
  CLIPVisionModelWithProjection,
  RawImage,
  env,
} from '@huggingface/transformers';

const [modelDir, boardDir, threadsArg] = process.argv.slice(2);
const threads = Number(threadsArg ?? 2);
env.allowRemoteModels = false;
env.localModelPath = dirname(modelDir);
const name = basename(modelDir);
const options = { dtype: 'fp32', device: 'cpu', session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 } };

const files = (await readdir(boardDir)).filter((f) => f.endsWith('.jpg')).sort();
const captions = await Promise.all(files.map((f) => readFile(join(boardDir, f.replace(/\.jpg$/, '.txt')), 'utf8')));

const [tokenizer, processor, vision, text] = await Promise.all([
  AutoTokenizer.from_pretrained(name),
  AutoProcessor.from_pretrained(name),
  CLIPVisionModelWithProjection.from_pretrained(name, options),
  CLIPTextModelWithProjection.from_pretrained(name, options),
]);

const unit = (data, offset, dim) => {
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += data[offset + i] ** 2;
  norm = Math.sqrt(norm);
  return Float32Array.from({ length: dim }, (_, i) => data[offset + i] / norm);
};

const imageVectors = [];
for (let start = 0; start < files.length; start += 8) {
  const images = await Promise.all(files.slice(start, start + 8).map((f) => RawImage.read(join(boardDir, f))));
  const { pixel_values } = await processor(images);
  const { image_embeds } = await vision({ pixel_values });
  const dim = image_embeds.dims[1];
  for (let i = 0; i < image_embeds.dims[0]; i++) imageVectors.push(unit(image_embeds.data, i * dim, dim));
}
const inputs = tokenizer(
  captions.map((c) => c.trim()),
  { padding: 'max_length', max_length: 77, truncation: true },
);
const { text_embeds } = await text({ input_ids: inputs.input_ids });
const dim = text_embeds.dims[1];
const scores = files.map((_, i) => {
  const t = unit(text_embeds.data, i * dim, dim);
  return imageVectors[i].reduce((sum, v, k) => sum + v * t[k], 0);
});
console.log(JSON.stringify({ frames: files.length, meanCosine: scores.reduce((a, b) => a + b, 0) / scores.length }));
