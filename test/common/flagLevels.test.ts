import { describe, expect, it } from 'vitest';
import {
  closestName,
  defaultFlagLevels,
  FLAG_PRESETS,
  flagLevelOverrides,
  flagLevelsOf,
  flagPresetOf,
  parseFlagLevelArgs,
  presetMatching,
  severityUnder,
  SWITCHABLE_KINDS,
} from '../../electron/common/flagLevels.ts';
import { FLAG_VOCABULARY } from '../../electron/common/flags.ts';
import { FLAG_KINDS } from '../../electron/common/values.ts';
import { USAGE } from '../../electron/hosts/cli/usage.ts';

describe('flag levels', () => {
  it('default from the vocabulary: every kind warns but the long caption and the crop, which are notes', () => {
    const defaults = defaultFlagLevels();
    for (const kind of FLAG_KINDS) expect(defaults[kind]).toBe(FLAG_VOCABULARY[kind].defaultLevel);
    expect(Object.entries(defaults).filter(([, l]) => l !== 'warning')).toEqual([
      ['caption-truncated', 'info'],
      ['crop-loss', 'info'],
    ]);
    expect(SWITCHABLE_KINDS).not.toContain('crop-loss');
  });

  it('are a ceiling: warning keeps what the detector decided, info makes a note, off drops the flag', () => {
    expect(severityUnder('warning', 'warning')).toBe('warning');
    expect(severityUnder('warning', 'info')).toBe('info');
    expect(severityUnder('info', 'warning')).toBe('info');
    expect(severityUnder('off', 'warning')).toBeNull();
  });

  it('are kept as overrides of the defaults, and read back in full', () => {
    const full = { ...defaultFlagLevels(), 'palette-drift': 'off', 'caption-truncated': 'info' } as const;
    expect(flagLevelOverrides(full)).toEqual({ 'palette-drift': 'off' });
    expect(flagLevelsOf({ 'palette-drift': 'off' })).toEqual(full);
  });

  it('presets: four, named for a director, each a full set of levels, recognised back from the levels', () => {
    expect(FLAG_PRESETS.map((p) => p.label)).toEqual(['Default', 'Captions only', 'Strict', 'Quiet']);
    for (const preset of FLAG_PRESETS) {
      expect(Object.keys(preset.levels).sort()).toEqual([...FLAG_KINDS].sort());
      expect(presetMatching(preset.levels)?.id).toBe(preset.id);
      expect(preset.meaning).toMatch(/\.$/);
    }
    // Presets differ from one another on the kinds a person can switch.
    const keys = FLAG_PRESETS.map((p) => SWITCHABLE_KINDS.map((k) => p.levels[k]).join());
    expect(new Set(keys).size).toBe(FLAG_PRESETS.length);
    expect(presetMatching({})?.id).toBe('default');
    expect(presetMatching({ continuity: 'off' })).toBeNull();
    const captions = flagPresetOf('Captions only')!;
    expect(captions.levels['caption-drift']).toBe('warning');
    expect(captions.levels['palette-drift']).toBe('off');
    expect(flagPresetOf('captions-only')).toBe(captions);
    expect(flagPresetOf('STRICT')?.id).toBe('strict');
    expect(flagPresetOf('loud')).toBeNull();
    // The CLI's help names every preset.
    for (const preset of FLAG_PRESETS) expect(USAGE).toContain(preset.id);
  });

  it('CLI: --preset then --flag KIND=LEVEL, a later flag winning; every problem named, with the closest name', () => {
    const ok = parseFlagLevelArgs('quiet', ['palette-drift=warning', 'continuity=OFF']);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.preset?.id).toBe('quiet');
    expect(ok.value['palette-drift']).toBe('warning');
    expect(ok.value.continuity).toBe('off');
    expect(ok.value['caption-truncated']).toBe('off');
    expect(parseFlagLevelArgs(undefined, ['style-drift=info'])).toEqual({ ok: true, value: { 'style-drift': 'info' }, preset: null });
    const bad = parseFlagLevelArgs('qiet', ['palete-drift=off', 'caption-drift=loud', 'continuity']);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.path)).toEqual([
      '--preset qiet',
      '--flag palete-drift=off',
      '--flag caption-drift=loud',
      '--flag continuity',
    ]);
    expect(bad.issues[0]!.message).toMatch(/Did you mean quiet\?/);
    expect(bad.issues[1]!.message).toMatch(/Did you mean palette-drift\?/);
    expect(bad.issues[2]!.message).toBe('"loud" is not a level. Levels: off, info, warning.');
    expect(bad.issues[3]!.message).toMatch(/expected KIND=LEVEL/);
  });

  it('suggests a name only when it is near enough to be a typo', () => {
    expect(closestName('captoin-drift', FLAG_KINDS)).toBe('caption-drift');
    expect(closestName('warn', ['off', 'info', 'warning'])).toBe('warning');
    expect(closestName('banana', FLAG_KINDS)).toBeNull();
  });
});
