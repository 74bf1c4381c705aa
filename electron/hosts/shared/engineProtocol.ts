// Messages between the main process and the engine's utility process. Plain data only.
import type { ExportChoices, ExportFormat, FrameproofEvent, FrameproofMethod, ProviderChoice, Result } from '../../common/api.ts';
import type { LogRecord } from '../../platform/log.ts';

export type HostRequest =
  | { id: number; kind: 'call'; method: FrameproofMethod; args: unknown[] }
  | { id: number; kind: 'exportTo'; format: ExportFormat; file: string; choices?: ExportChoices }
  | { id: number; kind: 'exportComparisonTo'; format: 'html' | 'json'; file: string }
  | { id: number; kind: 'frameImage'; frameId: string; size: 'thumbnail' | 'full' }
  /** Close the session (cancel scoring, close the database), reply, then exit 0. */
  | { id: number; kind: 'shutdown' };

export type HostMessage =
  | { kind: 'reply'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: FrameproofEvent }
  | { kind: 'ready' }
  /** One line for main's log file: the engine process never writes the file itself. */
  | { kind: 'log'; record: LogRecord };

export interface EngineHostConfig {
  version: string;
  resourcesDir: string;
  dataDir: string;
  /** A model id or folder (as the CLI's --model); by default the engine's chosen model. */
  model?: string;
  provider?: ProviderChoice;
}

/** The environment variable that carries EngineHostConfig as JSON to the engine process. */
export const ENGINE_CONFIG_ENV = 'FRAMEPROOF_ENGINE_CONFIG';
