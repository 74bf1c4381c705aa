// npx tsx test/models/generate-cli.ts tiny|tiny-wide|vit-b-32 [--out DIR] [--seed N]
// Without --out the model goes to the shared cache (.cache/models/<config>-<seed>), reused if current.
import { resolve } from 'node:path';
import { ensureTestModel } from './cache.ts';
import { getConfig, isConfigName } from './configs.ts';
import { generateModel } from './generate.ts';
import { configParameterCount, DEFAULT_SEED } from './weights.ts';

const USAGE = 'usage: tsx test/models/generate-cli.ts tiny|tiny-wide|vit-b-32 [--out DIR] [--seed N]';

function parseArgs(argv: readonly string[]): { config: string; out?: string; seed: number } {
  let config: string | undefined;
  let out: string | undefined;
  let seed = DEFAULT_SEED;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' || arg === '--seed') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (arg === '--out') out = value;
      else {
        seed = Number(value);
        if (!/^\d+$/.test(value)) throw new Error(`--seed must be a non-negative integer, got ${value}`);
      }
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (config === undefined && arg !== undefined && !arg.startsWith('-')) {
      config = arg;
    } else {
      throw new Error(`unexpected argument ${arg}`);
    }
  }
  if (config === undefined) throw new Error('missing config name');
  return { config, out, seed };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!isConfigName(args.config)) throw new Error(`unknown config ${args.config} (tiny, tiny-wide or vit-b-32)`);
  const started = performance.now();
  let dir: string;
  if (args.out === undefined) {
    dir = await ensureTestModel(args.config, args.seed);
  } else {
    dir = resolve(args.out);
    await generateModel(dir, args.config, { seed: args.seed });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const params = configParameterCount(getConfig(args.config));
  console.log(`${args.config} (seed ${args.seed}, ${params.toLocaleString('en-US')} parameters) in ${dir} [${seconds}s]`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  console.error(USAGE);
  process.exit(1);
});
