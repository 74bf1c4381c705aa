// The schema of every API call's arguments. The page is untrusted input: main (Electron) and the
// web host parse each call against these before anything else sees it. Imports nothing heavy, so
// the main process bundle stays small.
import { z } from 'zod';
import type { FrameproofCalls, FrameproofMethod } from '../../common/api.ts';
import { APP_SETTING_RULES, PROMPT_SYNTAX_CHOICES, STYLE_CONTENT_CHOICES, WIDE_FRAME_CHOICES } from '../../common/settingsSchema.ts';
import {
  COMPARISON_FORMATS,
  EXPORT_FORMATS,
  FLAG_KINDS,
  PDF_FRAMES_PER_PAGE,
  PDF_NOTE_LINES_MAX,
  PROVIDER_CHOICES,
  REVIEW_COMMENT_MAX,
  REVIEW_STATUSES,
} from '../../common/values.ts';
import { FLAG_LEVELS } from '../../common/flagLevels.ts';

const text = (max: number) => z.string().max(max);
const path = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'contains a NUL character');
const frameId = z.string().min(1).max(4096);
const provider = z.enum(PROVIDER_CHOICES);
const flagLevels = z.partialRecord(z.enum(FLAG_KINDS), z.enum(FLAG_LEVELS));
const thresholds = z.record(z.string().max(64), z.number().finite()).refine((t) => Object.keys(t).length <= 32, 'too many thresholds');

const frameIds = z.array(frameId).min(1).max(100_000);
const pdfField = z.union([z.enum(['caption', 'score', 'flags', 'review']), z.string().regex(/^column:.{1,200}$/s)]);
const exportChoices = z.strictObject({
  pdf: z
    .strictObject({
      framesPerPage: z.union(PDF_FRAMES_PER_PAGE.map((n) => z.literal(n)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>]).optional(),
      fields: z.array(pdfField).max(64).optional(),
      noteLines: z.number().int().min(0).max(PDF_NOTE_LINES_MAX).optional(),
      flaggedOnly: z.boolean().optional(),
      titlePage: z.boolean().optional(),
    })
    .optional(),
});

export const ARGUMENT_SCHEMAS: { [M in FrameproofMethod]: z.ZodType<Parameters<FrameproofCalls[M]>> } = {
  getAppInfo: z.tuple([]),
  currentBoard: z.tuple([]),
  openBoard: z.tuple([path]),
  openSampleBoard: z.tuple([]),
  scoreBoard: z.tuple([]),
  cancelScoring: z.tuple([]),
  setCaption: z.tuple([frameId, text(100_000)]),
  undoCaption: z.union([z.tuple([]), z.tuple([frameId])]),
  redoCaption: z.tuple([]),
  countTokens: z.tuple([text(100_000)]),
  acknowledgeFlag: z.tuple([frameId, z.enum(FLAG_KINDS), z.boolean()]) as unknown as z.ZodType<
    Parameters<FrameproofCalls['acknowledgeFlag']>
  >,
  acknowledgeFlags: z.tuple([
    z
      .array(z.strictObject({ frameId, kind: z.enum(FLAG_KINDS) }))
      .min(1)
      .max(100_000),
    z.boolean(),
  ]) as unknown as z.ZodType<Parameters<FrameproofCalls['acknowledgeFlags']>>,
  setReview: z.tuple([
    frameIds,
    z.strictObject({
      status: z.enum(REVIEW_STATUSES).nullable().optional(),
      comment: text(REVIEW_COMMENT_MAX).optional(),
    }),
  ]) as unknown as z.ZodType<Parameters<FrameproofCalls['setReview']>>,
  swapCaptions: z.tuple([frameId, frameId]),
  takeCaption: z.union([z.tuple([frameId]), z.tuple([frameId, frameId])]) as unknown as z.ZodType<
    Parameters<FrameproofCalls['takeCaption']>
  >,
  updateSettings: z.tuple([
    z.strictObject({
      thresholds: thresholds.optional(),
      stylePrompt: text(2000).nullable().optional(),
      styleReferences: z.array(frameId).max(10_000).optional(),
      cleanPromptSyntax: z.enum(PROMPT_SYNTAX_CHOICES).optional(),
      styleContent: z.enum(STYLE_CONTENT_CHOICES).optional(),
      wideFrames: z.enum(WIDE_FRAME_CHOICES).optional(),
      flagLevels: flagLevels.optional(),
    }),
  ]) as unknown as z.ZodType<Parameters<FrameproofCalls['updateSettings']>>,
  setSceneHeading: z.tuple([z.string().min(1).max(4096), z.union([z.number().int().min(0).max(100_000), z.null(), z.literal('auto')])]),
  updateEngineSettings: z.tuple([
    z.strictObject({
      provider: provider.optional(),
      threads: z.number().int().min(APP_SETTING_RULES.threads.min).max(APP_SETTING_RULES.threads.max).nullable().optional(),
      model: text(4096).optional(),
    }),
  ]),
  exportBoard: z.union([z.tuple([z.enum(EXPORT_FORMATS)]), z.tuple([z.enum(EXPORT_FORMATS), exportChoices])]) as unknown as z.ZodType<
    Parameters<FrameproofCalls['exportBoard']>
  >,
  listModels: z.tuple([]),
  downloadModel: z.tuple([z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/)]),
  cancelModelDownload: z.tuple([]),
  removeModel: z.tuple([z.string().regex(/^[a-z0-9][a-z0-9._-]{0,80}$/)]),
  importModel: z.union([z.tuple([path]), z.tuple([path, text(200)])]) as unknown as z.ZodType<Parameters<FrameproofCalls['importModel']>>,
  chooseFolder: z.tuple([z.enum(['board', 'model'])]),
  listFolders: z.tuple([path.nullable()]),
  compareModels: z.tuple([z.array(z.string().min(1).max(4096)).min(2).max(8)]),
  exportComparison: z.tuple([z.enum(COMPARISON_FORMATS)]),
};
