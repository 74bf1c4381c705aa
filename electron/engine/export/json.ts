// Everything the engine knows about the scored board, for scripts: per-frame scores, tokens,
// warnings, every flag with its numbers (acknowledged ones included, marked), the model and provider,
// the thresholds in force and the series. `formatVersion` changes when a field changes meaning or
// goes away; new fields may appear without a new version. Each frame's `sheet` is its row of the
// person's own shot list (sheetColumns.ts: the manifest's columns, names as written, the caption
// as it is now), in the order `sheetColumns` lists; everything else about a frame is Frameproof's.
// A flag's `reason` is the plain-words sentence every other output shows (common/flagSentences.ts),
// `details` the numbers behind it in words, `detectorReason` the detector's own text, for scripts
// that read it before the sentences existed.
import { flagLabel, needsLook } from '../../common/flags.ts';
import { flagDetails, flagSentence } from '../../common/flagSentences.ts';
import { needsALook, type ExportModel } from './exportModel.ts';
import { sheetColumns } from './sheetColumns.ts';

export const JSON_FORMAT = 'frameproof-board-export';
export const JSON_FORMAT_VERSION = 1;

export function exportDocument(model: ExportModel): unknown {
  const { view, summary } = model;
  const { board, analysis } = view;
  const sheet = sheetColumns(model);
  const shots = new Map(model.frames.map((f) => [f.frame.id, f.frame.shot.label]));
  const shotOf = (id: string) => shots.get(id);
  return {
    format: JSON_FORMAT,
    formatVersion: JSON_FORMAT_VERSION,
    exportedAt: model.exportedAt.toISOString(),
    board: {
      name: board.name,
      folder: board.folder,
      manifest: board.manifest ?? null,
      script: board.script ?? null,
      scenes: board.scenes,
      problems: board.problems,
    },
    model: view.model
      ? {
          id: view.model.id,
          name: view.model.name,
          dir: view.model.dir,
          embeddingSize: view.model.embeddingSize,
          notices: view.model.notices,
        }
      : null,
    provider: view.model?.provider ?? null,
    thresholds: analysis?.thresholds ?? null,
    calibration: analysis?.calibration ?? null,
    settings: view.settings,
    summary: {
      frames: summary.frames,
      scored: summary.scored,
      unscored: summary.unscored,
      flaggedFrames: summary.flaggedFrames,
      flagCounts: Object.fromEntries(summary.flagCounts),
      noteCounts: Object.fromEntries(summary.noteCounts),
      acknowledgedFlags: summary.acknowledgedFlags,
    },
    statistics: analysis
      ? {
          caption: analysis.caption,
          style: analysis.style,
          stylePrompt: analysis.stylePrompt,
          palette: analysis.palette,
          continuity: analysis.continuity,
        }
      : null,
    captionSearch: analysis?.captionSearch ?? null,
    styleContent: analysis?.styleContent ?? null,
    styleReferences: analysis?.styleReferences ?? [],
    // Object keys that look like numbers ("1") would sort first: the order is given here.
    sheetColumns: sheet.map((c) => c.header),
    notes: [...(analysis?.notes ?? []), ...view.notices.map((n) => n.message)],
    frames: model.frames.map((f) => {
      const a = f.analysis;
      return {
        sheet: Object.fromEntries(sheet.map((c) => [c.header, c.value(f)])),
        id: f.frame.id,
        file: f.frame.id,
        name: f.frame.name,
        shot: f.frame.shot,
        scene: { id: f.frame.sceneId, name: f.sceneName },
        scriptScene: f.scriptScene,
        caption: f.frame.caption,
        captionSource: f.frame.captionSource,
        captionFromImageMetadata: f.frame.captionFromImageMetadata,
        scoredCaption: f.score?.scoredCaption ?? null,
        captionCleaned: a?.captionCleaned ?? false,
        extra: f.frame.extra,
        score: f.score?.score ?? null,
        unscoredReason: f.unscoredReason,
        tokens: f.score?.tokens ?? null,
        warnings: f.score?.warnings ?? [],
        error: f.score?.error ?? null,
        problems: f.frame.problems,
        ...(f.frame.storyboarder && { storyboarder: f.frame.storyboarder }),
        analysis: a
          ? {
              captionZ: a.captionZ,
              top3: a.top3,
              bestOther: a.bestOther,
              styleSimilarity: a.styleSimilarity,
              styleZ: a.styleZ,
              sceneStyleSimilarity: a.sceneStyleSimilarity,
              stylePromptCosine: a.stylePromptCosine,
              paletteDistance: a.paletteDistance,
              continuity: a.continuity,
              continuityDrop: a.continuityDrop,
              fullFrameScore: a.fullFrameScore,
              looks: a.looks,
              breakdown: a.breakdown,
            }
          : null,
        // Every flag, acknowledged ones marked; label, sentence and needsLook as every other output reads them.
        flags: (a?.flags ?? []).map((flag) => ({
          ...flag,
          label: flagLabel(flag.kind),
          reason: flagSentence(flag, { frame: a, sceneName: f.sceneName, shotOf }),
          details: flagDetails(flag),
          detectorReason: flag.reason,
          needsLook: needsLook(flag),
        })),
        needsLook: needsALook(f),
        review: f.review ? { status: f.review.status, comment: f.review.comment } : null,
      };
    }),
    series: analysis?.series ?? null,
  };
}

export function renderJson(model: ExportModel): string {
  return `${JSON.stringify(exportDocument(model), null, 2)}\n`;
}
