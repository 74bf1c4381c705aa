// Board problems are plain data (they cross IPC with the board); these keep their wording uniform.
import type { AppErrorCode, BoardProblem, ProblemSeverity } from '../../common/api.ts';

export function problem(
  code: AppErrorCode,
  severity: ProblemSeverity,
  message: string,
  details: { file?: string; fix?: string; frameId?: string } = {},
): BoardProblem {
  return {
    code,
    severity,
    message,
    ...(details.file !== undefined && { file: details.file }),
    ...(details.fix !== undefined && { fix: details.fix }),
    ...(details.frameId !== undefined && { frameId: details.frameId }),
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
