// ONNX graph of HF CLIPVisionModelWithProjection: pixel_values -> image_embeds (unnormalized).
import type { GraphNaming, TowerOptions } from './clipText.ts';
import type { ClipConfig } from './configs.ts';
import { GraphBuilder } from './graph.ts';
import { encoderLayer, layerNorm } from './layers.ts';
import { attr, type GraphSpec } from './onnx.ts';
import { PROJECTION_NAME, TOWER_PREFIX, type Weights } from './weights.ts';

export function buildVisionGraph(config: ClipConfig, weights: Weights, naming: GraphNaming = 'hf', options: TowerOptions = {}): GraphSpec {
  const v = config.vision;
  const p = TOWER_PREFIX.vision;
  const g = new GraphBuilder(weights, options.dynamicInt8);
  const batchDim = options.staticShapes ? 1 : 'batch';
  if (naming === 'immich') g.op('Identity', ['image'], undefined, 'pixel_values');

  const patchGrid = g.op(
    'Conv',
    ['pixel_values', g.weight(`${p}embeddings.patch_embedding.weight`)],
    { kernel_shape: attr.ints([v.patchSize, v.patchSize]), strides: attr.ints([v.patchSize, v.patchSize]) },
    'patch_grid',
  ); // [batch, width, grid, grid]
  const flat = g.op('Reshape', [patchGrid, g.constInt64([0, 0, -1])], undefined, 'patch_flat'); // [batch, width, patches]
  const patches = g.op('Transpose', [flat], { perm: attr.ints([0, 2, 1]) }, 'patch_embeds'); // [batch, patches, width]

  const batch = g.op('Shape', ['pixel_values'], { start: attr.int(0), end: attr.int(1) }, 'batch_size'); // [1]
  const classShape = g.op('Concat', [batch, g.constInt64([1, v.width])], { axis: attr.int(0) }, 'class_shape');
  const classToken = g.op('Expand', [g.weight(`${p}embeddings.class_embedding`, [1, 1, v.width]), classShape], undefined, 'class_token');
  const tokens = g.op('Concat', [classToken, patches], { axis: attr.int(1) }, 'tokens');
  let h = g.op('Add', [tokens, g.weight(`${p}embeddings.position_embedding.weight`)], undefined, 'embeddings');

  h = layerNorm(g, h, `${p}pre_layrnorm`);
  for (let l = 0; l < v.layers; l++) h = encoderLayer(g, h, 'vision', l, v.width, v.heads);

  const classOut = g.op('Gather', [h, g.constInt64([0], [], 'token_zero')], { axis: attr.int(1) }, 'class_output'); // [batch, width]
  const pooled = layerNorm(g, classOut, `${p}post_layernorm`);
  g.op('MatMul', [pooled, g.weight(PROJECTION_NAME.vision)], undefined, 'image_embeds');
  if (naming === 'immich') {
    g.op('Identity', ['image_embeds'], undefined, 'embedding');
    return g.build(
      'clip_vision_model',
      [{ name: 'image', elemType: 'float', dims: [batchDim, 3, v.imageSize, v.imageSize] }],
      [{ name: 'embedding', elemType: 'float', dims: [batchDim, config.projectionDim] }],
    );
  }

  return g.build(
    'clip_vision_model',
    [{ name: 'pixel_values', elemType: 'float', dims: [batchDim, 3, v.imageSize, v.imageSize] }],
    [{ name: 'image_embeds', elemType: 'float', dims: [batchDim, config.projectionDim] }],
  );
}
