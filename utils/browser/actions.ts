import { endFamilyTime, startFamilyTime } from '../manual';
import type { Message, Status } from '../messages';
import { systemTimeZone } from '../temporal';
import { reconcile, statusOf } from './reconcile';
import { loadRuntime, loadSettings, saveRuntime } from './storage';

/** Runs one page message against storage, then reconciles so the answer is the new truth. */
export async function handleMessage(message: Message, now = Date.now()): Promise<Status> {
  if (message.type === 'startFamilyTime' || message.type === 'endFamilyTime') {
    const [{ settings }, runtime] = await Promise.all([loadSettings(), loadRuntime()]);
    const change = message.type === 'startFamilyTime' ? startFamilyTime : endFamilyTime;
    await saveRuntime(change(settings, runtime, now, systemTimeZone()));
  }
  return statusOf(await reconcile(() => now));
}
