// The layer rules of eslint.config.js refuse what they should: each case plants a violation in a
// temporary file inside the folder it is about, lints it with the project's real configuration,
// and expects the rule's message; a legal import next to it must pass.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.ts';

const eslint = new ESLint({ cwd: REPO_ROOT });

async function lintPlanted(folder: string, code: string, extension = 'ts'): Promise<string[]> {
  const file = join(REPO_ROOT, folder, `planted-${randomBytes(4).toString('hex')}.${extension}`);
  mkdirSync(join(REPO_ROOT, folder), { recursive: true });
  writeFileSync(file, code);
  try {
    const [result] = await eslint.lintFiles([file]);
    return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith('frameproof/')).map((m) => m.message);
  } finally {
    rmSync(file, { force: true });
  }
}

const cases: { rule: string; folder: string; bad: string; good: string; message: RegExp; extension?: string }[] = [
  {
    rule: 'engine never imports electron',
    folder: 'electron/engine/board',
    bad: "import { app } from 'electron';\nvoid app;\n",
    good: "import { readFile } from 'node:fs/promises';\nvoid readFile;\n",
    message: /engine\/ is pure Node/,
  },
  {
    rule: 'engine never imports a host',
    folder: 'electron/engine/scoring',
    bad: "import { startWebHost } from '../../hosts/web/webHost.ts';\nvoid startWebHost;\n",
    good: "import { formatBytes } from '../../common/units.ts';\nvoid formatBytes;\n",
    message: /knows nothing of its hosts/,
  },
  {
    rule: 'engine never imports the renderer',
    folder: 'electron/engine/export',
    bad: "import { gridRows } from '../../../renderer/lib/boardModel.ts';\nvoid gridRows;\n",
    good: "import { renderCsv } from './csv.ts';\nvoid renderCsv;\n",
    message: /knows nothing of its hosts or the renderer/,
  },
  {
    rule: 'core folders never import the application layer',
    folder: 'electron/engine/analysis',
    bad: "import { AppSession } from '../session/index.ts';\nvoid AppSession;\n",
    good: "import { openBoard } from '../board/index.ts';\nvoid openBoard;\n",
    message: /never reaches up into the application layer/,
  },
  {
    rule: 'no deep import into another engine folder',
    folder: 'electron/engine/scoring',
    bad: "import { openBoard } from '../board/openBoard.ts';\nvoid openBoard;\n",
    good: "import { openBoard } from '../board/index.ts';\nvoid openBoard;\n",
    message: /import from electron\/engine\/board\/index\.ts/,
  },
  {
    rule: 'hosts reach the engine through its facade only',
    folder: 'electron/hosts/cli',
    bad: "import { openBoard } from '../../engine/board/openBoard.ts';\nvoid openBoard;\n",
    good: "import { Engine } from '../../engine/service.ts';\nvoid Engine;\n",
    message: /through electron\/engine\/service\.ts/,
  },
  {
    rule: "Node hosts never import 'electron'",
    folder: 'electron/hosts/web',
    bad: "import { shell } from 'electron';\nvoid shell;\n",
    good: "import { createServer } from 'node:http';\nvoid createServer;\n",
    message: /Only electron\/hosts\/desktop\//,
  },
  {
    rule: 'the desktop host never loads the engine',
    folder: 'electron/hosts/desktop',
    bad: "import { AppSession } from '../../engine/service.ts';\nvoid AppSession;\n",
    good: "import { app } from 'electron';\nvoid app;\n",
    message: /never loads the engine/,
  },
  {
    rule: 'the desktop host does not validate or handle calls itself',
    folder: 'electron/hosts/desktop',
    bad: "import { createHandlers } from '../shared/handlers.ts';\nvoid createHandlers;\n",
    good: "import { appRoot } from '../shared/appPaths.ts';\nvoid appRoot;\n",
    message: /forwards calls to the engine process/,
  },
  {
    rule: 'platform/ sits below the engine and the hosts',
    folder: 'electron/platform',
    bad: "import { Engine } from '../engine/service.ts';\nvoid Engine;\n",
    good: "import { rename } from 'node:fs/promises';\nimport { errnoOf } from '../common/errors.ts';\nvoid rename; void errnoOf;\n",
    message: /platform\/ \(atomic writes, the log\) sits below/,
  },
  {
    rule: 'common/ imports no packages',
    folder: 'electron/common',
    bad: "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n",
    good: "import { FLAG_KINDS } from './values.ts';\nvoid FLAG_KINDS;\n",
    message: /common\/ runs everywhere/,
  },
  {
    rule: 'common/ imports only common/',
    folder: 'electron/common',
    bad: "import { Engine } from '../engine/service.ts';\nvoid Engine;\n",
    good: "import { formatBytes } from './units.ts';\nvoid formatBytes;\n",
    message: /common\/ is the bottom layer/,
  },
  {
    rule: 'the renderer never imports Node',
    folder: 'renderer/lib',
    bad: "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n",
    good: "import { formatBytes } from '../../electron/common/units.ts';\nvoid formatBytes;\n",
    message: /renderer cannot use Node/,
  },
  {
    rule: 'the renderer never imports the engine (in a component too)',
    folder: 'renderer/components',
    extension: 'svelte',
    bad: '<script lang="ts">\n  import { Engine } from \'../../electron/engine/service.ts\';\n  void Engine;\n</script>\n',
    good: '<script lang="ts">\n  import { app } from \'../lib/state/app.svelte.ts\';\n  void app;\n</script>\n',
    message: /renderer reaches the engine through renderer\/lib\/api\.ts/,
  },
];

describe('layer rules', () => {
  for (const c of cases) {
    it(`refuses: ${c.rule}`, async () => {
      const bad = await lintPlanted(c.folder, c.bad, c.extension);
      expect(bad).toHaveLength(1);
      expect(bad[0]).toMatch(c.message);
      expect(await lintPlanted(c.folder, c.good, c.extension)).toEqual([]);
    });
  }

  it('the preload may use electron and common/, nothing of Node', async () => {
    expect(
      await lintPlanted(
        'electron/hosts/desktop',
        "import { contextBridge } from 'electron';\nimport { API_METHODS } from '../../common/methods.ts';\nvoid contextBridge; void API_METHODS;\n",
      ),
    ).toEqual([]);
    const preload = join(REPO_ROOT, 'electron/hosts/desktop/preload.ts');
    const [result] = await eslint.lintText("import { readFileSync } from 'node:fs';\nvoid readFileSync;\n", { filePath: preload });
    expect(result?.messages.map((m) => m.message).join('\n')).toMatch(/preload is sandboxed/);
  });
});
