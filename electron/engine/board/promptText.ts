// The positive prompt out of what Stable Diffusion front ends store in their images.
// A1111/Forge `parameters`: the prompt, then a "Negative prompt:" line, then a "Steps: ..." line.
// ComfyUI `prompt`: the API graph, { id: { class_type, inputs } } with links as [id, output].
// NovelAI: `Description` holds the prompt, `Comment` a JSON object with a `prompt` key.

export function looksLikeA1111(text: string): boolean {
  return /^Negative prompt:/m.test(text) || /(^|\n)Steps: \d+,/.test(text);
}

/** The text before the "Negative prompt:" line (or, without one, before the "Steps:" line). */
export function a1111Positive(text: string): string {
  const lines = text.split(/\r?\n/);
  let end = lines.findIndex((line) => line.startsWith('Negative prompt:'));
  if (end < 0) {
    const steps = lines.findLastIndex((line) => /^Steps: \d+,/.test(line));
    end = steps >= 0 ? steps : lines.length;
  }
  return lines.slice(0, end).join('\n').trim();
}

interface ComfyNode {
  class_type: string;
  inputs: Record<string, unknown>;
}

function asGraph(value: unknown): Map<string, ComfyNode> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const graph = new Map<string, ComfyNode>();
  for (const [id, node] of Object.entries(value)) {
    if (typeof node !== 'object' || node === null) continue;
    const { class_type: classType, inputs } = node as { class_type?: unknown; inputs?: unknown };
    if (typeof classType !== 'string' || typeof inputs !== 'object' || inputs === null) continue;
    graph.set(id, { class_type: classType, inputs: inputs as Record<string, unknown> });
  }
  return graph.size > 0 ? graph : null;
}

function linkTarget(value: unknown): string | null {
  return Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number')
    ? String(value[0])
    : null;
}

const TEXT_INPUTS = ['text', 'text_g', 'text_l', 'prompt', 'string', 'value', 'positive'];
const CONDITIONING_INPUTS = [
  'conditioning',
  'conditioning_to',
  'conditioning_1',
  'conditioning_from',
  'conditioning_2',
  'positive',
  'guider',
];

/** The string a text input resolves to: inline, or through string/primitive nodes. */
function resolveString(graph: Map<string, ComfyNode>, value: unknown, seen: Set<string>): string | null {
  if (typeof value === 'string') return value;
  const id = linkTarget(value);
  if (id === null || seen.has(id)) return null;
  seen.add(id);
  const node = graph.get(id);
  if (!node) return null;
  for (const name of TEXT_INPUTS) {
    const text = resolveString(graph, node.inputs[name], seen);
    if (text !== null) return text;
  }
  return null;
}

/** Follow a conditioning link back to the text encoder that produced it. */
function resolveConditioning(graph: Map<string, ComfyNode>, value: unknown, seen: Set<string>): string | null {
  const id = linkTarget(value);
  if (id === null || seen.has(id)) return null;
  seen.add(id);
  const node = graph.get(id);
  if (!node) return null;
  if (/TextEncode/i.test(node.class_type)) {
    for (const name of ['text', 'text_g', 'text_l', 'prompt']) {
      const text = resolveString(graph, node.inputs[name], new Set(seen));
      if (text !== null && text.trim()) return text;
    }
  }
  for (const name of CONDITIONING_INPUTS) {
    const text = resolveConditioning(graph, node.inputs[name], seen);
    if (text !== null) return text;
  }
  return null;
}

/** ComfyUI's positive prompt: the text encoder feeding a sampler's positive input, else the longest one. */
export function comfyPositive(graphJson: unknown): string | null {
  const graph = asGraph(graphJson);
  if (!graph) return null;
  const samplers = [...graph.values()].filter((node) => 'positive' in node.inputs || /Guider/i.test(node.class_type));
  samplers.sort((a, b) => Number(/Sampler/i.test(b.class_type)) - Number(/Sampler/i.test(a.class_type)));
  for (const sampler of samplers) {
    const start = sampler.inputs.positive ?? sampler.inputs.conditioning;
    const text = resolveConditioning(graph, start, new Set());
    if (text?.trim()) return text.trim();
  }
  let longest: string | null = null;
  for (const node of graph.values()) {
    if (!/CLIPTextEncode/i.test(node.class_type)) continue;
    const text = resolveString(graph, node.inputs.text ?? node.inputs.text_g, new Set());
    if (text?.trim() && (longest === null || text.trim().length > longest.length)) longest = text.trim();
  }
  return longest;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** NovelAI's Comment chunk: { "prompt": "...", "uc": "...", ... }. */
export function novelAiPrompt(comment: string): string | null {
  const value = parseJson(comment);
  if (typeof value !== 'object' || value === null) return null;
  const prompt = (value as { prompt?: unknown }).prompt;
  return typeof prompt === 'string' && prompt.trim() ? prompt.trim() : null;
}
