#!/usr/bin/env node
// `frameproof`: the engine on the command line, for batch and CI use. Each command's module is
// imported when it runs, so `--version`, `--help` and `models list` start without the engine's
// heavy half (see service.ts).
import { AppError, formatAppError } from '../../common/errors.ts';
import { appVersion } from '../shared/appPaths.ts';
import { describeError, openLog } from '../../platform/log.ts';
import { usageError } from './args.ts';
import { USAGE } from './usage.ts';

type Command = (args: string[]) => Promise<number | void>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  tokenize: async () => (await import('./clipCommands.ts')).tokenizeCommand,
  preprocess: async () => (await import('./clipCommands.ts')).preprocessCommand,
  embed: async () => (await import('./clipCommands.ts')).embedCommand,
  score: async () => (await import('./clipCommands.ts')).scoreCommand,
  models: async () => (await import('./models.ts')).modelsCommand,
  serve: async () => (await import('../web/serve.ts')).serveCommand,
  compare: async () => (await import('./compare.ts')).compareCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  if (!command || command === '--help' || command === '-h' || args.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  try {
    if (!load) throw usageError(`Unknown command "${command}".`);
    return (await (await load())(args)) ?? 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`frameproof: ${formatAppError(error.toData())}\n`);
      return 2;
    }
    process.stderr.write(`frameproof: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    // A bug, not bad input: worth a line in the log for the report. (AppErrors are the person's to fix.)
    const { defaultDataDir } = await import('../../engine/service.ts');
    openLog({ dir: defaultDataDir(), process: 'cli' }).error(`frameproof ${command} failed: ${describeError(error)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
