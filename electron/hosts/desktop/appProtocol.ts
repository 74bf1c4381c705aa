// The frameproof:// protocol: frameproof://app/... is the built renderer, frameproof://frames/
// {thumbnail|full}/<frame id> a frame of the open board. Nothing else: no path from the page
// reaches the disk except through these two rules.
import { resolve, sep } from 'node:path';

export const APP_SCHEME = 'frameproof';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export type ProtocolTarget =
  { kind: 'renderer'; file: string } | { kind: 'frame'; frameId: string; size: 'thumbnail' | 'full' } | { kind: 'refused'; reason: string };

export function protocolTarget(url: string, rendererDir: string): ProtocolTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { kind: 'refused', reason: 'another scheme' };
  if (parsed.host === 'frames') {
    const match = /^\/(thumbnail|full)\/([^/]+)$/.exec(parsed.pathname);
    if (!match) return { kind: 'refused', reason: 'not a frame URL' };
    let frameId: string;
    try {
      frameId = decodeURIComponent(match[2]!);
    } catch {
      return { kind: 'refused', reason: 'bad escape' };
    }
    return { kind: 'frame', frameId, size: match[1] as 'thumbnail' | 'full' };
  }
  if (parsed.host !== 'app') return { kind: 'refused', reason: 'unknown host' };
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return { kind: 'refused', reason: 'bad escape' };
  }
  const root = resolve(rendererDir);
  const file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) return { kind: 'refused', reason: 'outside the app' };
  return { kind: 'renderer', file };
}

/** IPC is answered only for our own page: the app origin, in the main frame. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  if (!frameUrl) return false;
  try {
    const url = new URL(frameUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === 'app';
  } catch {
    return false;
  }
}

/** Links the page may open in the system browser: web pages only, never file: or custom schemes. */
export function isExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}
