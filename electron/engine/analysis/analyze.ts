// The whole analysis of one board: every detector, then acknowledgements, counts and the series
// for the chart. Pure: what scoring produced (embeddings, cosines, pixel statistics) in, plain
// data out. The frame's own-caption cosine is scoring's; it is read here, never recomputed.
import type {
  AnalysisSeries,
  AnalysisSettings,
  BoardAnalysis,
  CaptionMatch,
  ClipScore,
  FrameAnalysis,
  FrameFlag,
} from '../../common/api.ts';
import { captionDrift } from './captionDrift.ts';
import { captionMatches, mismatchFlags, type Scored } from './captionMatch.ts';
import { continuity } from './continuity.ts';
import { cropNote, warningFlags } from './engineWarnings.ts';
import { FLAG_KINDS } from './flagKinds.ts';
import { AppError } from '../../common/errors.ts';
import { countFlags, needsLook } from '../../common/flags.ts';
import { flagLevelsOf, severityUnder } from '../../common/flagLevels.ts';
import { readScore, scoreScaleFor } from '../../common/scoreReading.ts';
import { packRows } from './matrix.ts';
import { paletteDrift } from './paletteDrift.ts';
import { defaultAnalysisSettings } from './settings.ts';
import { styleDrift, stylePromptFit, styleVectors } from './styleDrift.ts';
import { effectiveThresholds } from './thresholds.ts';
import type { AnalysisInput, DraftFlag } from './types.ts';
import { offCenterFlags } from './offCenter.ts';
import { captionBreakdown } from './captionBreakdown.ts';
import { lookChecks } from './lookChecks.ts';
import { round } from './wording.ts';

/** Scoring's score, rounded as the analysis reports numbers. */
function rounded(score: ClipScore): ClipScore {
  return { cosine: round(score.cosine), clipScore: round(score.clipScore, 2) };
}

/** Scoring scores a frame exactly when it has both embeddings; anything else is a bug upstream. */
function checkScores(input: AnalysisInput): void {
  for (const f of input.frames) {
    const both = f.imageEmbedding !== undefined && f.captionEmbedding !== undefined;
    if (both === (f.score !== undefined)) continue;
    const what = both ? 'has an image and a caption embedding but no score' : 'has a score without both embeddings';
    throw new AppError('INTERNAL_ERROR', `Frame ${f.id} ${what} from scoring.`, {
      fix: 'Score the board again; if this persists, report it with the board.',
    });
  }
}

/** The one embedding size of the board; embeddings of another size mean two models were mixed. */
function embeddingSize(input: AnalysisInput): number {
  const sizes = new Map<number, string[]>();
  const note = (vector: Float32Array | undefined, what: string) =>
    vector && (sizes.get(vector.length) ?? sizes.set(vector.length, []).get(vector.length)!).push(what);
  for (const f of input.frames) {
    note(f.imageEmbedding, `${f.id} (image)`);
    note(f.captionEmbedding, `${f.id} (caption)`);
  }
  note(input.stylePromptEmbedding, 'the style prompt');
  if (sizes.size > 1) {
    const list = [...sizes].map(
      ([size, what]) => `${size} values: ${what.slice(0, 3).join(', ')}${what.length > 3 ? ` and ${what.length - 3} more` : ''}`,
    );
    throw new AppError('MODEL_MISMATCH', `The board's embeddings come from different models (${list.join('; ')}).`, {
      fix: 'Score the whole board again with one model.',
    });
  }
  return sizes.keys().next().value ?? 0;
}

export function analyzeBoard(input: AnalysisInput): BoardAnalysis {
  const settings: AnalysisSettings = input.settings ?? defaultAnalysisSettings();
  const calibration = input.calibration ?? null;
  const thresholds = effectiveThresholds(calibration, settings.thresholds);
  const frames = input.frames;
  const n = frames.length;
  const notes: string[] = [];
  const seenIds = new Set<string>();
  for (const f of frames) {
    if (seenIds.has(f.id))
      throw new AppError('INTERNAL_ERROR', `Frame id ${f.id} appears twice in the board.`, {
        fix: 'Give every frame its own id (its relative path).',
      });
    seenIds.add(f.id);
  }
  const dims = embeddingSize(input);
  checkScores(input);
  const images = packRows(
    frames.map((f) => f.imageEmbedding),
    dims,
  );
  const captions = packRows(
    frames.map((f) => f.captionEmbedding),
    dims,
  );
  const shots = frames.map((f) => f.shot);
  const named = frames.map((f) => ({ id: f.id, shot: f.shot, sceneId: f.sceneId, sceneName: f.sceneName ?? f.sceneId }));
  const drafts: DraftFlag[] = [];

  const matchFrames = frames.map((f, i) => ({ ...named[i]!, captionText: f.scoredCaption ?? f.caption }));
  const matches = captionMatches(
    images,
    captions,
    frames.map((f) => f.score?.cosine ?? null),
    matchFrames,
  );
  // Absolute cosine tests only where the cut-off is this model's: its calibration or the project's setting.
  const known = (name: 'captionDriftCosine' | 'styleDriftCosine') => calibration !== null || settings.thresholds[name] !== undefined;
  const drift = captionDrift(matches.own, shots, thresholds, known('captionDriftCosine'));
  drafts.push(...drift.flags, ...mismatchFlags(matchFrames, matches, drift.summary, thresholds));
  const match = (s: Scored): CaptionMatch => ({ frameId: frames[s.j]!.id, shot: frames[s.j]!.shot, cosine: round(s.cosine) });

  const indexOf = new Map(frames.map((f, i) => [f.id, i]));
  const references: number[] = [];
  for (const id of settings.styleReferences) {
    const i = indexOf.get(id);
    if (i === undefined) notes.push(`The pinned style reference ${id} is not on this board; it was ignored.`);
    else if (!images.present[i]) notes.push(`The pinned style reference ${id} has no image embedding; it was ignored.`);
    else references.push(i);
  }
  const style = styleDrift(
    styleVectors(images, captions, settings.styleContent),
    images,
    named,
    references,
    thresholds,
    known('styleDriftCosine'),
  );
  drafts.push(...style.flags);

  let promptCosine: (number | null)[] = frames.map(() => null);
  let promptSummary = null;
  if (settings.stylePrompt && input.stylePromptEmbedding) {
    const prompt = stylePromptFit(images, input.stylePromptEmbedding, settings.stylePrompt, shots, thresholds);
    promptCosine = prompt.cosine;
    promptSummary = prompt.summary;
    drafts.push(...prompt.flags);
  } else if (settings.stylePrompt) {
    notes.push('The project style prompt was not scored: its embedding was not provided.');
  }

  const palette = paletteDrift(
    frames.map((f, i) => ({ ...named[i]!, ...(f.palette && { palette: f.palette }) })),
    thresholds,
  );
  drafts.push(...palette.flags);
  const neighbours = continuity(images, named, thresholds);
  drafts.push(...neighbours.flags);

  const full = frames.map((f) => (f.fullFrameScore ? rounded(f.fullFrameScore) : null));
  drafts.push(...offCenterFlags(matches.own, full, shots, thresholds.offCenterMarginCosine));
  const texts = input.texts ?? new Map();
  const looks = lookChecks(
    images,
    frames.map((f) => ({ shot: f.shot, statements: f.statements ?? [] })),
    texts,
    thresholds,
  );
  drafts.push(...looks.flags);
  notes.push(...looks.notes);
  drafts.push(...warningFlags(frames));

  const acknowledged = new Set(settings.acknowledgements.map((a) => `${a.frameId}\u0000${a.kind}`));
  // The board's level per kind, here and only here: what is off is never reported, what is info
  // is a note, so every output downstream reads the same flags.
  const levels = flagLevelsOf(settings.flagLevels);
  const flagsOf: FrameFlag[][] = frames.map(() => []);
  for (const { index, flag } of drafts) {
    const severity = severityUnder(levels[flag.kind], flag.severity);
    if (severity === null) continue;
    flagsOf[index]!.push({ ...flag, severity, acknowledged: acknowledged.has(`${frames[index]!.id}\u0000${flag.kind}`) });
  }
  for (const list of flagsOf) list.sort((a, b) => FLAG_KINDS.indexOf(a.kind) - FLAG_KINDS.indexOf(b.kind));

  const scoreScale = scoreScaleFor(
    calibration,
    frames.map((f) => f.score?.cosine ?? null),
  );
  const analyses: FrameAnalysis[] = frames.map((f, i) => ({
    frameId: f.id,
    shot: f.shot,
    sceneId: f.sceneId,
    scoredCaption: f.caption === null || !f.caption.trim() ? null : (f.scoredCaption ?? f.caption),
    captionCleaned: f.captionCleaned ?? false,
    score: f.score ? rounded(f.score) : null,
    scoreReading: f.score && scoreScale ? readScore(f.score.cosine, scoreScale) : null,
    captionZ: nullableRound(drift.z[i], 2),
    top3: matches.top3[i]!.map(match),
    bestOther: matches.best[i] ? match(matches.best[i]) : null,
    styleSimilarity: nullableRound(style.similarity[i]),
    styleZ: nullableRound(style.z[i], 2),
    sceneStyleSimilarity: nullableRound(style.sceneSimilarity[i]),
    stylePromptCosine: nullableRound(promptCosine[i]),
    paletteDistance: nullableRound(palette.distance[i], 2),
    continuity: nullableRound(neighbours.similarity[i]),
    continuityDrop: nullableRound(neighbours.drop[i]),
    fullFrameScore: full[i]!,
    looks: looks.readings[i]!,
    breakdown: captionBreakdown(
      images,
      i,
      f.caption === null || !f.caption.trim() ? null : (f.scoredCaption ?? f.caption),
      f.truncated ?? false,
      texts,
      thresholds,
    ),
    flags: flagsOf[i]!,
  }));

  const { flagCounts, noteCounts, flaggedFrames, acknowledgedFlags } = countFlags(flagsOf);
  if (!frames.some((f) => f.palette) && n > 0) notes.push('No palette statistics were provided: colour drift was not checked.');
  const crop = cropNote(frames, settings.wideFrames);
  if (crop) notes.push(crop);

  return {
    frames: analyses,
    thresholds,
    calibration: calibration ? calibration.status : 'generic',
    scoreScale,
    caption: drift.summary,
    style: style.summary,
    stylePrompt: promptSummary,
    palette: palette.summary,
    continuity: neighbours.summary,
    series: seriesOf(analyses),
    flagCounts,
    noteCounts,
    flaggedFrames,
    acknowledgedFlags,
    captionSearch: matches.search,
    styleContent: settings.styleContent,
    styleReferences: style.references,
    notes,
  };
}

function nullableRound(value: number | null | undefined, digits = 4): number | null {
  return value === null || value === undefined ? null : round(value, digits);
}

function seriesOf(frames: readonly FrameAnalysis[]): AnalysisSeries {
  const sceneStarts: number[] = [];
  frames.forEach((f, i) => {
    if (i === 0 || frames[i - 1]!.sceneId !== f.sceneId) sceneStarts.push(i);
  });
  return {
    frameIds: frames.map((f) => f.frameId),
    shots: frames.map((f) => f.shot),
    sceneStarts,
    cosine: frames.map((f) => f.score?.cosine ?? null),
    captionZ: frames.map((f) => f.captionZ),
    styleSimilarity: frames.map((f) => f.styleSimilarity),
    stylePromptCosine: frames.map((f) => f.stylePromptCosine),
    paletteDistance: frames.map((f) => f.paletteDistance),
    continuity: frames.map((f) => f.continuity),
    // What the chart marks: the flags that need a look, as every other view counts them.
    flags: frames.map((f) => f.flags.filter(needsLook).map((flag) => flag.kind)),
  };
}
