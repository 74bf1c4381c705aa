import { describe, expect, it } from 'vitest';
import type { ManifestInfo } from '../../electron/common/api.ts';
import { pdfFieldChoices, printableColumns } from './pdfFields.ts';

const manifest = (columns: string[], extra: Partial<ManifestInfo> = {}): ManifestInfo => ({
  file: 'shots.csv',
  format: 'csv',
  encoding: 'utf-8',
  columns,
  extraColumns: [],
  rowCount: 1,
  ...extra,
});

describe('PDF fields', () => {
  it("offers the sheet's own columns, not the ones Frameproof reads or wrote", () => {
    const m = manifest(['Shot', 'file', 'Description', 'Lens', 'Frameproof: status', 'Notes', 'Notes'], {
      roles: { file: 'file', caption: 'Description', shot: 'Shot', scene: null },
      frameproofColumns: ['Frameproof: status'],
    });
    expect(printableColumns(m)).toEqual(['Lens', 'Notes']);
    expect(pdfFieldChoices(m).map((c) => c.field)).toEqual(['score', 'caption', 'column:Lens', 'column:Notes', 'flags', 'review']);
    expect(pdfFieldChoices(undefined).map((c) => c.label)).toEqual(['Score', 'Caption', 'Flag reasons', 'Review status']);
  });
});
