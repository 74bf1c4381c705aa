// Messages between the main process and the engine's utility process. Plain data only.
import type { ExportFormat, FrameproofEvent, FrameproofMethod, Result } from '../../common/api.ts';

export type HostRequest =
  | { id: number; kind: 'call'; method: FrameproofMethod; args: unknown[] }
  | { id: number; kind: 'exportTo'; format: ExportFormat; file: string }
  | { id: number; kind: 'exportComparisonTo'; format: 'html' | 'json'; file: string }
  | { id: number; kind: 'frameImage'; frameId: string; size: 'thumbnail' | 'full' };

export type HostMessage = { kind: 'reply'; id: number; result: Result<unknown> } | { kind: 'event'; event: FrameproofEvent } | { kind: 'ready' };

export interface EngineHostConfig {
  version: string;
  resourcesDir: string;
  dataDir: string;
}
