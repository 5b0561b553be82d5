import { browser } from 'wxt/browser';
import type { Status } from '@/utils/messages';
import { type StoredStatusInputs, statusFrom } from '@/utils/status';
import { systemTimeZone } from '@/utils/time/temporal';
import { hasHostAccess } from './coverage';
import { takeEarlyRead } from './early-read';
import { loadStatusInputs } from './storage';
import { STATUS_INPUT_KEYS } from './storage-keys';

/** What a status is computed from: the stored inputs, and whether Hearth may see sites. */
export interface StatusSource {
  inputs: StoredStatusInputs;
  hostAccess: boolean;
}

/** One storage.local read (and the permission check beside it, in parallel). */
export async function readStatusSource(): Promise<StatusSource> {
  const [inputs, hostAccess] =
    (await takeEarlyRead()?.catch(() => undefined)) ??
    (await Promise.all([loadStatusInputs(), hasHostAccess()]));
  return { inputs, hostAccess };
}

export function statusOf(source: StatusSource, now = Date.now()): Status {
  return statusFrom(source.inputs, {
    now,
    timeZone: systemTimeZone(),
    hostAccess: source.hostAccess,
  });
}

/** The background's getStatus and the pages' own status: the same read, the same function. */
export async function readStatus(now = Date.now()): Promise<Status> {
  return statusOf(await readStatusSource(), now);
}

/**
 * Calls back with the new values whenever a stored input changes (from any
 * page, the background or sync), and with the host access when the parent
 * grants or withdraws it. Returns the unsubscribe.
 */
export interface StatusSourceChange {
  inputs?: Partial<StoredStatusInputs>;
  hostAccess?: boolean;
}

export function withChange(source: StatusSource, change: StatusSourceChange): StatusSource {
  return {
    inputs: { ...source.inputs, ...change.inputs },
    hostAccess: change.hostAccess ?? source.hostAccess,
  };
}

export function watchStatusSource(onChange: (change: StatusSourceChange) => void): () => void {
  const stored = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const inputs: Partial<StoredStatusInputs> = {};
    let any = false;
    for (const [key, change] of Object.entries(changes)) {
      const input = (STATUS_INPUT_KEYS as Record<string, keyof StoredStatusInputs>)[key];
      if (input === undefined) continue;
      inputs[input] = change.newValue;
      any = true;
    }
    if (any) onChange({ inputs });
  };
  const permissions = () => void hasHostAccess().then((hostAccess) => onChange({ hostAccess }));
  browser.storage.onChanged.addListener(stored);
  browser.permissions.onAdded?.addListener(permissions);
  browser.permissions.onRemoved?.addListener(permissions);
  return () => {
    browser.storage.onChanged.removeListener(stored);
    browser.permissions.onAdded?.removeListener(permissions);
    browser.permissions.onRemoved?.removeListener(permissions);
  };
}
