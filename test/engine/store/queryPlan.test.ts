// The hot lookups must search an index: a SCAN or TEMP B-TREE here grows with the cache.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/store/db.ts';
import { LOOKUP_CHUNK, SQL } from '../../../electron/engine/store/sql.ts';
import { tempDbFile } from './helpers.ts';

const hash = Buffer.alloc(32);
const chunk = Array.from({ length: LOOKUP_CHUNK }, () => hash);

const cases: [name: keyof typeof SQL, params: unknown[], index: RegExp][] = [
  ['imageOne', ['model', 'prep', hash], /SEARCH e USING INDEX image_embeddings_key \(model=\? AND prep_version=\? AND content_sha256=\?\)/],
  [
    'imageChunk',
    ['model', 'prep', ...chunk],
    /SEARCH e USING INDEX image_embeddings_key \(model=\? AND prep_version=\? AND content_sha256=\?\)/,
  ],
  ['textOne', ['model', hash], /SEARCH e USING INDEX text_embeddings_key \(model=\? AND text_sha256=\?\)/],
  ['textChunk', ['model', ...chunk], /SEARCH e USING INDEX text_embeddings_key \(model=\? AND text_sha256=\?\)/],
  ['fileHashLookup', ['/a.png', 1, 2, 2000], /SEARCH file_hashes USING PRIMARY KEY \(path=\?\)/],
  ['factsChunk', ['prep', ...chunk], /SEARCH image_facts USING PRIMARY KEY \(prep_version=\? AND content_sha256=\?\)/],
  ['projectGet', ['/board'], /SEARCH project_state USING INDEX sqlite_autoindex_project_state_1 \(folder=\?\)/],
];

describe('query plans', () => {
  const { db } = openDatabase(tempDbFile(), () => {});

  it.each(cases)('%s searches its index', (name, params, index) => {
    const plan = db
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${SQL[name]}`)
      .all(...params)
      .map((row) => row.detail);
    expect(plan.join('\n')).toMatch(index);
    for (const step of plan) {
      expect(step).not.toMatch(/\bSCAN\b/);
      expect(step).not.toMatch(/TEMP B-TREE/);
    }
    // The embedding lookups reach the model row through its unique model_id, not a scan of models.
    if (name.startsWith('image') || name.startsWith('text')) {
      expect(plan).toContainEqual(expect.stringMatching(/SEARCH m USING (COVERING )?INDEX sqlite_autoindex_models_1 \(model_id=\?\)/));
    }
  });
});
