// The folder browser on a real temp folder: folders only, hidden and unreadable ones left out.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFolders } from '../../../electron/engine/session/folderListing.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

describe('listing subfolders for the folder browser', () => {
  const root = tempFolder('frameproof-folders-');
  for (const name of ['scene 10', 'scene 2', 'Boards', '.hidden', 'locked']) mkdirSync(join(root, name));
  writeFileSync(join(root, 'shots.csv'), 'shot\n');
  symlinkSync(join(root, 'Boards'), join(root, 'link-to-boards'));
  symlinkSync(join(root, 'shots.csv'), join(root, 'link-to-file'));
  chmodSync(join(root, 'locked'), 0o000);
  const runsAsRoot = process.getuid?.() === 0;

  it('gives folders only, by name with numbers in order, leaving out hidden and unreadable ones', async () => {
    const listing = await listFolders(root, '/unused');
    const names = listing.folders.map((f) => f.name);
    expect(names).toEqual(['Boards', 'link-to-boards', ...(runsAsRoot ? ['locked'] : []), 'scene 2', 'scene 10']);
    expect(listing.folders[0]!.path).toBe(join(root, 'Boards'));
    expect(listing.parent).not.toBeNull();
    expect(listing.truncated).toBe(false);
  });

  it('starts at the home folder, stops at the root, and says when it cut the list', async () => {
    expect((await listFolders(null, root)).folder).toBe(root);
    expect((await listFolders('/', root)).parent).toBeNull();
    const cut = await listFolders(root, '/unused', 2);
    expect(cut.folders).toHaveLength(2);
    expect(cut.truncated).toBe(true);
  });

  it('refuses relative paths, files and missing folders with what to do', async () => {
    await expect(listFolders('boards', root)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(listFolders(join(root, 'shots.csv'), root)).rejects.toMatchObject({
      code: 'FOLDER_UNREADABLE',
      file: join(root, 'shots.csv'),
    });
    await expect(listFolders(join(root, 'nope'), root)).rejects.toMatchObject({
      code: 'FOLDER_NOT_FOUND',
      fix: expect.stringContaining('Check the path'),
    });
  });
});
