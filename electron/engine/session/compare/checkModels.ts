// Every model of a comparison is checked before any is run: a typo in the third --model should not
// cost a full scoring run of the first two, and every problem is reported at once.
import { AppError } from '../../../common/errors.ts';
import { locateModelFiles } from '../../clip/index.ts';
import { resolveModelArg } from '../../models/index.ts';
import { modelIdentity } from '../../scoring/index.ts';

export interface CheckedModel {
  /** As asked for. */
  requested: string;
  dir: string;
  /** The weights' fingerprint, as the Engine and the cache key it. */
  id: string;
}

function usage(message: string): AppError {
  return new AppError('INVALID_ARGUMENT', message, {
    fix: 'Name two or more different models: installed ids (frameproof models list) or model folders.',
  });
}

export async function checkModels(models: readonly string[], dataDir: string): Promise<CheckedModel[]> {
  if (models.length < 2)
    throw usage(`Comparing needs at least two models; ${models.length === 0 ? 'none was' : `only ${models[0]} was`} given.`);
  const repeated = models.filter((m, i) => models.indexOf(m) !== i);
  if (repeated.length > 0) throw usage(`${[...new Set(repeated)].join(', ')} is named more than once.`);
  const problems: Array<{ model: string; error: AppError }> = [];
  const checked: CheckedModel[] = [];
  for (const requested of models) {
    try {
      const resolved = await resolveModelArg(requested, { dataDir });
      const files = locateModelFiles(resolved.dir);
      checked.push({ requested, dir: files.dir, id: await modelIdentity(files) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ model: requested, error });
    }
  }
  if (problems.length === 1) throw problems[0]!.error;
  if (problems.length > 1) {
    const list = problems.map((p) => `${p.model}: ${p.error.message}${p.error.fix ? ` ${p.error.fix}` : ''}`).join(' | ');
    throw new AppError(problems[0]!.error.code, `${problems.length} of the models cannot be used. ${list}`);
  }
  const byId = new Map<string, string>();
  for (const m of checked) {
    const earlier = byId.get(m.id);
    if (earlier !== undefined)
      throw usage(`${earlier} and ${m.requested} are the same model (${m.id}): its scores would be compared with themselves.`);
    byId.set(m.id, m.requested);
  }
  return checked;
}
