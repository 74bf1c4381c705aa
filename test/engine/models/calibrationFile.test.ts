import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_FILE, readCalibrationFile } from '../../../electron/engine/models/calibrationFile.ts';
import { ModelManager } from '../../../electron/engine/models/index.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

const GOOD = {
  captionDriftCosine: 0.45,
  captionOutlierZ: 3.5,
  styleDriftCosine: 0.8,
  mismatchMarginCosine: 0.02,
  goodCosine: 0.55,
  note: 'measured',
};

describe('frameproof-calibration.json beside a model', () => {
  it('is read into the model calibration, with where it came from', async () => {
    const dir = tempFolder('frameproof-calibration-');
    expect(await readCalibrationFile(dir)).toBeNull();
    writeFileSync(join(dir, CALIBRATION_FILE), JSON.stringify(GOOD));
    expect(await readCalibrationFile(dir)).toEqual({ ...GOOD, status: 'measured', source: 'frameproof-calibration.json beside the model' });
  });

  it('a model folder given as --model carries it', async () => {
    const dir = tempFolder('frameproof-calibration-model-');
    mkdirSync(join(dir, 'onnx'));
    writeFileSync(join(dir, CALIBRATION_FILE), JSON.stringify(GOOD));
    const resolved = await new ModelManager({ dataDir: tempFolder('frameproof-calibration-data-') }).resolve(dir);
    expect(resolved.calibration?.goodCosine).toBe(0.55);
  });

  it('is refused with every problem named, never half-used', async () => {
    const dir = tempFolder('frameproof-calibration-bad-');
    writeFileSync(
      join(dir, CALIBRATION_FILE),
      JSON.stringify({ ...GOOD, captionDriftCosine: 3, captionOutlierZ: undefined, status: 'guessed' }),
    );
    await expect(readCalibrationFile(dir)).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      file: join(dir, CALIBRATION_FILE),
      message: expect.stringMatching(
        /3 problems: captionDriftCosine: expected a number from -1 to 1, got 3; captionOutlierZ: .*; status: expected/,
      ),
    });
    writeFileSync(join(dir, CALIBRATION_FILE), '{ nope');
    await expect(readCalibrationFile(dir)).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringMatching(/not valid JSON/),
    });
  });
});
