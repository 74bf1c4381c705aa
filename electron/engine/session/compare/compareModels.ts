// Two or more models on one board, side by side. Each model scores the board through the Engine,
// exactly as `frameproof score` would (its cache, its thresholds, the project's settings); the
// retrieval test then reads that model's own embeddings back from the cache, and a separate pass
// times its vision encoder. One model is resident at a time.
import type {
  AppErrorData,
  BoardView,
  ComparedModel,
  ComparisonCell,
  ComparisonFrame,
  ComparisonProgress,
  FrameAnalysis,
  ModelComparison,
  ProviderChoice,
  RetrievalSet,
  ScoreRankCorrelation,
} from '../../../common/api.ts';
import { loadPreprocessConfig } from '../../clip/index.ts';
import { Engine } from '../../engine.ts';
import { AppError } from '../../../common/errors.ts';
import { activeFlags } from '../../../common/flags.ts';
import { flagText, type SentenceContext } from '../../../common/flagSentences.ts';
import { preprocessVersion } from '../../scoring/index.ts';
import { defaultDataDir } from '../../store/index.ts';
import { checkModels, type CheckedModel } from './checkModels.ts';
import { flagDisagreements } from './disagreements.ts';
import { spearman } from './rankCorrelation.ts';
import { recallSummary, retrievalRanks, type RetrievalRanks } from './retrieval.ts';
import { DEFAULT_SPEED_FRAME_LIMIT, measureSpeed, primeRuntime, spreadSample, type SpeedMeasurement } from './speed.ts';

export interface CompareOptions {
  /** Cache database and composites; default: the OS app-data folder (FRAMEPROOF_DATA_DIR overrides). */
  dataDir?: string;
  provider?: ProviderChoice;
  threads?: number;
  onProgress?: (progress: ComparisonProgress) => void;
  signal?: AbortSignal;
  /** Frames the speed pass times at most, spread over the board; default 64. */
  speedFrameLimit?: number;
  /** Hears of the database moved aside or replaced while a model scores (see EngineOptions). */
  onStoreNotice?: (notice: AppErrorData) => void;
}

interface ModelRun {
  checked: CheckedModel;
  view: BoardView;
  /** The embeddings the view's scores came from, by frame id. */
  images: Map<string, Float32Array>;
  captions: Map<string, Float32Array>;
  analyses: Map<string, FrameAnalysis>;
}

async function scoreWith(
  folder: string,
  checked: CheckedModel,
  index: number,
  count: number,
  dataDir: string,
  options: CompareOptions,
): Promise<ModelRun> {
  const engine = new Engine({
    dataDir,
    model: checked.requested,
    provider: options.provider,
    threads: options.threads,
    ...(options.onStoreNotice && { onStoreNotice: options.onStoreNotice }),
  });
  try {
    await engine.openBoard(folder);
    const view = await engine.scoreBoard({
      signal: options.signal,
      onProgress: (progress) =>
        options.onProgress?.({ modelIndex: index, modelCount: count, model: checked.requested, step: 'scoring', progress }),
    });
    const model = view.model;
    if (!model) throw new AppError('INTERNAL_ERROR', `Scoring with ${checked.requested} reported no model.`);
    if (model.id !== checked.id) {
      throw new AppError('MODEL_MISMATCH', `The files of ${checked.requested} changed while the models were compared.`, {
        file: model.dir,
        fix: 'Compare again once the model is in place.',
      });
    }
    // Straight from the cache, under this model's id: the very vectors its scores were computed from.
    const prep = preprocessVersion(loadPreprocessConfig(model.dir));
    const scores = Object.values(view.scores);
    const byHash = engine.store.getImageEmbeddings(
      model.id,
      prep,
      scores.flatMap((s) => (s.imageHash ? [s.imageHash] : [])),
    );
    const byText = engine.store.getTextEmbeddings(
      model.id,
      scores.flatMap((s) => (s.scoredCaption ? [s.scoredCaption] : [])),
    );
    const images = new Map<string, Float32Array>();
    const captions = new Map<string, Float32Array>();
    for (const s of scores) {
      const image = s.imageHash ? byHash.get(s.imageHash) : undefined;
      const caption = s.scoredCaption ? byText.get(s.scoredCaption) : undefined;
      if (image) images.set(s.frameId, image);
      if (caption) captions.set(s.frameId, caption);
    }
    return { checked, view, images, captions, analyses: new Map((view.analysis?.frames ?? []).map((f) => [f.frameId, f])) };
  } finally {
    await engine.close();
  }
}

/** Frames every model embedded both ways: each model answers the same retrieval test. */
function retrievalSet(frameIds: readonly string[], runs: readonly ModelRun[], reference: BoardView): { ids: string[]; set: RetrievalSet } {
  const ids: string[] = [];
  let noCaption = 0;
  let notEmbedded = 0;
  for (const id of frameIds) {
    if (!reference.scores[id]?.scoredCaption) noCaption++;
    else if (runs.every((r) => r.images.has(id) && r.captions.has(id))) ids.push(id);
    else notEmbedded++;
  }
  return { ids, set: { frames: ids.length, excludedNoCaption: noCaption, excludedNotEmbedded: notEmbedded } };
}

function cellOf(
  run: ModelRun,
  frameId: string,
  ranks: Map<string, { i2c: number; c2i: number }>,
  context: Omit<SentenceContext, 'frame'>,
): ComparisonCell {
  const score = run.view.scores[frameId];
  const analysis = run.analyses.get(frameId);
  const rank = ranks.get(frameId);
  const flags = activeFlags(analysis?.flags ?? []);
  return {
    modelId: run.checked.id,
    cosine: score?.score?.cosine ?? null,
    clipScore: score?.score?.clipScore ?? null,
    flags,
    // In this model's words: its own look readings and best other caption.
    flagTexts: flags.map((flag) => flagText(flag, { ...context, frame: analysis })),
    imageToCaptionRank: rank?.i2c ?? null,
    captionToImageRank: rank?.c2i ?? null,
    ...(score?.error && { error: score.error }),
    ...(!score && { error: { code: 'FRAME_NOT_FOUND', message: 'The frame was not on the board when this model scored it.' } }),
  };
}

function correlations(models: readonly ComparedModel[], frames: readonly ComparisonFrame[]): ScoreRankCorrelation[] {
  const out: ScoreRankCorrelation[] = [];
  for (let a = 0; a < models.length; a++) {
    for (let b = a + 1; b < models.length; b++) {
      const x: number[] = [];
      const y: number[] = [];
      for (const f of frames) {
        const ca = f.cells[a]?.cosine;
        const cb = f.cells[b]?.cosine;
        if (ca != null && cb != null && Number.isFinite(ca) && Number.isFinite(cb)) {
          x.push(ca);
          y.push(cb);
        }
      }
      out.push({ modelA: models[a]!.id, modelB: models[b]!.id, spearman: spearman(x, y), frames: x.length });
    }
  }
  return out;
}

function changedFrames(runs: readonly ModelRun[]): string[] {
  const reference = runs[0]!.view;
  return reference.board.frames
    .filter((f) => {
      const hashes = new Set(runs.map((r) => r.view.scores[f.id]?.imageHash ?? null));
      return hashes.size > 1;
    })
    .map((f) => f.id);
}

function summaryOf(run: ModelRun, speed: SpeedMeasurement, ranks: RetrievalRanks): ComparedModel {
  const view = run.view;
  const model = view.model!;
  const scored = Object.values(view.scores).filter((s) => s.score).length;
  const anyVector = run.images.values().next().value ?? run.captions.values().next().value;
  return {
    requested: run.checked.requested,
    id: model.id,
    name: model.name,
    dir: model.dir,
    provider: speed.provider,
    embeddingSize: speed.embeddingSize ?? anyVector?.length ?? model.embeddingSize,
    calibration: view.analysis?.calibration ?? null,
    speed: speed.speed,
    memory: speed.memory,
    retrieval: { imageToCaption: recallSummary(ranks.imageToCaption), captionToImage: recallSummary(ranks.captionToImage) },
    scored,
    flaggedFrames: view.analysis?.flaggedFrames ?? 0,
    flagCounts: view.analysis?.flagCounts ?? {},
    notices: [...new Set([...model.notices, ...speed.notices])],
  };
}

/**
 * Scores the board with each model (through the cache), then times each model's vision encoder
 * on the board's frames, and puts the results side by side. Needs two or more different models.
 */
export async function compareModels(folder: string, models: readonly string[], options: CompareOptions = {}): Promise<ModelComparison> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const checked = await checkModels(models, dataDir);
  const runs: ModelRun[] = [];
  for (const [index, model] of checked.entries()) runs.push(await scoreWith(folder, model, index, checked.length, dataDir, options));

  const reference = runs[0]!.view;
  const frameIds = reference.board.frames.map((f) => f.id);
  const { ids, set } = retrievalSet(frameIds, runs, reference);
  const readable = reference.board.frames.filter((f) => reference.scores[f.id]?.imageHash).map((f) => f.path);
  const timed = spreadSample(readable, Math.max(1, options.speedFrameLimit ?? DEFAULT_SPEED_FRAME_LIMIT));

  await primeRuntime(runs[0]!.view.model!.dir, timed, options);
  const summaries: ComparedModel[] = [];
  const rankMaps: Array<Map<string, { i2c: number; c2i: number }>> = [];
  for (const [index, run] of runs.entries()) {
    const ranks = retrievalRanks(
      ids.map((id) => run.images.get(id)!),
      ids.map((id) => run.captions.get(id)!),
    );
    rankMaps.push(new Map(ids.map((id, k) => [id, { i2c: ranks.imageToCaption[k]!, c2i: ranks.captionToImage[k]! }])));
    const speed = await measureSpeed(run.view.model!.dir, timed, {
      provider: options.provider,
      threads: options.threads,
      signal: options.signal,
      onProgress: (progress) =>
        options.onProgress?.({ modelIndex: index, modelCount: runs.length, model: run.checked.requested, step: 'speed', progress }),
    });
    summaries.push(summaryOf(run, speed, ranks));
  }

  const sceneNames = new Map(reference.board.scenes.map((s) => [s.id, s.name]));
  const shots = new Map(reference.board.frames.map((f) => [f.id, f.shot.label]));
  const shotOf = (id: string) => shots.get(id);
  const frames: ComparisonFrame[] = reference.board.frames.map((frame) => ({
    frameId: frame.id,
    shot: frame.shot.label,
    sceneId: frame.sceneId,
    caption: frame.caption,
    cells: runs.map((run, m) => cellOf(run, frame.id, rankMaps[m]!, { sceneName: sceneNames.get(frame.sceneId), shotOf })),
  }));

  const notes: string[] = [];
  const changed = changedFrames(runs);
  if (changed.length > 0)
    notes.push(
      `${changed.length} frame${changed.length === 1 ? '' : 's'} changed on disk while the models ran (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}): their scores come from different versions of the image.`,
    );
  if (set.frames === 0) notes.push('No frame has both a caption and an image every model could read: there is no retrieval test.');
  else if (set.frames <= 5) notes.push(`Only ${set.frames} frames take part in retrieval: recall@5 is 1 by construction.`);

  return {
    board: { name: reference.board.name, folder: reference.board.folder, frames: frameIds.length },
    comparedAt: new Date().toISOString(),
    providerChoice: options.provider ?? 'auto',
    models: summaries,
    frames,
    disagreements: flagDisagreements(frames),
    correlations: correlations(summaries, frames),
    retrieval: set,
    notes,
  };
}
