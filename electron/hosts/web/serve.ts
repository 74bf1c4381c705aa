// `frameproof serve [FOLDER]`: the app in a browser on this machine.
import { ENGINE_OPTIONS, parseCommandArgs, threadsOf, usageError } from '../cli/args.ts';
import { writeStoreNotice } from '../cli/problems.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appVersion, rendererDir, resourcesDir } from '../shared/appPaths.ts';
import { errnoOf } from '../../common/errors.ts';
import { AppError, loadBoards, parseProviderChoice } from '../../engine/service.ts';
import { openLog } from '../../platform/log.ts';
import { startWebHost } from './webHost.ts';

export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { port: { type: 'string' }, model: { type: 'string' }, ...ENGINE_OPTIONS });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be a port number, not "${values.port}".`);
  const threads = threadsOf(values.threads);
  const { AppSession } = await loadBoards();
  const session = new AppSession({
    host: 'web',
    version: appVersion(),
    resourcesDir: resourcesDir(),
    ...(values.model && { model: values.model }),
    provider: parseProviderChoice(values.provider ?? 'auto'),
    ...(threads && { threads }),
    // The page hears of it too, once it is open; the terminal hears of it now.
    onStoreNotice: (notice) => writeStoreNotice(notice),
  });
  const logger = openLog({ dir: session.dataDir, process: 'web' });
  let host: Awaited<ReturnType<typeof startWebHost>>;
  try {
    // The folder first: a folder that cannot be opened ends the command before a server (or a
    // file watcher) exists to keep the process alive.
    if (positionals[0]) await session.openBoard(positionals[0]);
    const renderer = rendererDir();
    if (!existsSync(join(renderer, 'index.html'))) {
      throw new AppError('FILE_NOT_FOUND', 'The app is not built yet.', { file: renderer, fix: 'Run `npm run build` first.' });
    }
    host = await startWebHost({
      session,
      rendererDir: renderer,
      port,
      exportTo: (format, choices) => session.exportTo(format, undefined, choices),
      logger,
    }).catch((error: unknown) => {
      if (errnoOf(error) !== 'EADDRINUSE') throw error;
      throw new AppError('REFUSED', `Port ${port} is in use on 127.0.0.1.`, {
        fix: 'Choose another with --port N, or leave --port out to take a free one.',
      });
    });
  } catch (error) {
    await session.close();
    throw error;
  }
  logger.info(`serving ${host.url} (Frameproof ${appVersion()})`);
  process.stdout.write(`Frameproof is running. Open this link in your browser (it works on this machine only):\n${host.openUrl}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await session.close();
  logger.info('stopped');
  return 0;
}
