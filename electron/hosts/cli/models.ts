// `frameproof models ...`: list, download, import and remove CLIP models.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { InstalledModel, ModelDownloadProgress, ModelList } from '../../common/api.ts';
import { AppError, formatBytes, formatDuration, ModelManager } from '../../engine/service.ts';

export const MODELS_USAGE = `Usage: frameproof models <list | download ID | import DIR | remove ID>

  list [--json]               Installed and available models, with disk use and download sizes.
  download ID [--quiet]       Downloads a catalog model (resumable: run it again after a cut or Ctrl-C).
  import DIR [--name NAME]    Registers a model folder in place (Hugging Face/Xenova or Immich layout).
  remove ID                   Deletes a downloaded model, or forgets an imported one (its folder stays).

Models live in $FRAMEPROOF_DATA_DIR/models (default: the app-data folder). Downloads honour
HTTPS_PROXY / NO_PROXY, and HF_ENDPOINT for a mirror. Other commands take --model ID or --model DIR.`;

class UsageError extends AppError {
  constructor(message: string) {
    super('USAGE', message, { fix: 'Run frameproof models --help for usage.' });
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function onePositional(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Name exactly one ${what}.`);
  return positionals[0]!;
}

function sizeColumn(entry: ModelList['models'][number]): string {
  if (entry.status === 'installed') {
    if (entry.source === 'import' && entry.diskBytes === 0) return `in place: ${entry.path}`;
    return `${formatBytes(entry.diskBytes)} on disk`;
  }
  if (entry.status === 'missing') return `folder missing: ${entry.path}`;
  const size =
    entry.downloadBytes !== null
      ? formatBytes(entry.downloadBytes)
      : entry.approxDownloadBytes
        ? `about ${formatBytes(entry.approxDownloadBytes)}`
        : 'size unknown';
  const partial = entry.partialBytes > 0 ? `, ${formatBytes(entry.partialBytes)} already downloaded` : '';
  return `${size} download${partial}`;
}

function printList(list: ModelList): void {
  const rows = list.models.map((m) => [
    m.isDefault ? '*' : ' ',
    m.id,
    m.name,
    m.status === 'installed' && m.source === 'import' ? 'imported' : m.status,
    sizeColumn(m),
  ]);
  const widths = [1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  const out = [`Models in ${list.modelsDir} (* default):`];
  for (const r of rows) out.push(`${r[0]} ${r[1]!.padEnd(widths[0]!)}  ${r[2]!.padEnd(widths[1]!)}  ${r[3]!.padEnd(widths[2]!)}  ${r[4]}`);
  if (list.firstRun) {
    const first = list.models.find((m) => m.id === list.defaultId);
    const size = first?.approxDownloadBytes ? ` (about ${formatBytes(first.approxDownloadBytes)})` : '';
    out.push(
      '',
      `No model is installed yet. Download the default${size}: frameproof models download ${list.defaultId}`,
      'Offline? Import a model folder copied from elsewhere: frameproof models import DIR',
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** A bar redrawn in place on a terminal; a line per file and per tenth otherwise (logs, CI). */
function progressPrinter(quiet: boolean): { update: (p: ModelDownloadProgress) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  let lastKey = '';
  let drawn = false;
  const describe = (p: ModelDownloadProgress) => {
    const total = p.bytesTotal === null ? '' : ` of ${p.bytesTotalApprox ? 'about ' : ''}${formatBytes(p.bytesTotal)}`;
    const rate = p.rateBytesPerSec ? `, ${formatBytes(Math.round(p.rateBytesPerSec))}/s` : '';
    const eta = p.etaSeconds !== null ? `, ${p.bytesTotalApprox ? 'about ' : ''}${formatDuration(p.etaSeconds)} left` : '';
    return `${formatBytes(p.bytesDone)}${total}${rate}${eta}`;
  };
  const update = (p: ModelDownloadProgress) => {
    if (quiet) return;
    if (p.phase === 'waiting') {
      process.stderr.write(`${p.modelId}: another Frameproof is downloading this model; waiting for it to finish...\n`);
      return;
    }
    if (p.phase === 'validating' || p.phase === 'done') {
      if (drawn) process.stderr.write('\n');
      drawn = false;
      if (p.phase === 'validating') process.stderr.write(`${p.modelId}: checking that the model opens and embeds...\n`);
      return;
    }
    if (p.phase !== 'downloading') return;
    const fraction = p.bytesTotal ? Math.min(1, p.bytesDone / p.bytesTotal) : null;
    if (tty) {
      const width = 24;
      const filled = fraction === null ? 0 : Math.round(fraction * width);
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
      const percent = fraction === null ? '' : ` ${Math.floor(fraction * 100)}%`;
      const line = `${bar}${percent} ${describe(p)}  ${p.file ?? ''} (${p.fileIndex + 1}/${p.fileCount})`;
      process.stderr.write(`\r${line.slice(0, (process.stderr.columns ?? 100) - 1)}\u001b[K`);
      drawn = true;
      return;
    }
    const key = `${p.fileIndex}:${fraction === null ? '' : Math.floor(fraction * 10)}`;
    if (key === lastKey) return;
    lastKey = key;
    const percent = fraction === null ? '' : ` ${Math.floor(fraction * 100)}%`;
    process.stderr.write(`${p.modelId}:${percent} ${describe(p)} (${p.file ?? ''}, file ${p.fileIndex + 1} of ${p.fileCount})\n`);
  };
  const end = () => {
    if (drawn) process.stderr.write('\n');
    drawn = false;
  };
  return { update, end };
}

function printWarnings(model: InstalledModel): void {
  for (const warning of model.warnings) process.stderr.write(`warning: ${warning}\n`);
}

async function list(manager: ModelManager, args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError('models list takes no arguments.');
  const models = await manager.list();
  if (values.json) process.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
  else printList(models);
}

async function download(manager: ModelManager, args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { quiet: { type: 'boolean' } });
  const id = onePositional(positionals, 'model id (see frameproof models list)');
  const before = (await manager.installed()).find((m) => m.id === id && m.source === 'catalog');
  const controller = new AbortController();
  const onSignal = () => {
    process.stderr.write('\nStopping; the part downloaded so far is kept for resuming.\n');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  const printer = progressPrinter(values.quiet === true);
  try {
    const model = await manager.download(id, { signal: controller.signal, onProgress: printer.update });
    printer.end();
    if (before && before.installedAt === model.installedAt) {
      process.stdout.write(`${model.id} is already installed in ${model.path}.\n`);
      return;
    }
    printWarnings(model);
    process.stdout.write(
      `Installed ${model.name} as ${model.id} in ${model.path} (${formatBytes(model.sizeBytes)}). Use it with --model ${model.id}.\n`,
    );
  } finally {
    printer.end();
    process.removeListener('SIGINT', onSignal);
  }
}

async function importFolder(manager: ModelManager, args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { name: { type: 'string' } });
  const folder = onePositional(positionals, 'model folder');
  const model = await manager.import(folder, values.name !== undefined ? { name: values.name } : {});
  const where = model.layout === 'immich' ? `Immich layout, linked from ${model.importedFrom}` : `registered in place: ${model.path}`;
  process.stdout.write(
    `Imported ${model.name} as ${model.id} (${where}; ${model.embeddingDim}-number embeddings). Use it with --model ${model.id}.\n`,
  );
}

async function remove(manager: ModelManager, args: string[]): Promise<void> {
  const { positionals } = parse(args, {});
  const id = onePositional(positionals, 'model id');
  const { removed, freedBytes } = await manager.remove(id);
  const freed = freedBytes > 0 ? `; freed ${formatBytes(freedBytes)}` : '';
  if (removed?.source === 'import')
    process.stdout.write(`Removed ${id} from the list${freed}. Its folder ${removed.importedFrom ?? removed.path} was left as it is.\n`);
  else if (removed) process.stdout.write(`Removed ${id}${freed}.\n`);
  else process.stdout.write(`Removed the interrupted download of ${id}${freed}.\n`);
}

const SUBCOMMANDS: Record<string, (manager: ModelManager, args: string[]) => Promise<void>> = {
  list,
  download,
  import: importFolder,
  remove,
};

export async function modelsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === '-h') {
    process.stdout.write(`${MODELS_USAGE}\n`);
    return;
  }
  if (!sub) throw new UsageError('Name a models subcommand: list, download ID, import DIR or remove ID.');
  const run = SUBCOMMANDS[sub];
  if (!run) throw new UsageError(`Unknown models subcommand "${sub}"; use list, download, import or remove.`);
  await run(new ModelManager(), rest);
}
