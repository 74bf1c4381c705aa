// Generates the tiny test model once per run, before any test file needs it.
import { ensureTestModel } from '../models/cache.ts';

export default async function setup(): Promise<void> {
  await ensureTestModel('tiny');
}
