import type { Desired } from '@/utils/decide';
import { quietStep, wantedPatterns } from '@/utils/sites/notification-patterns';
import {
  blockNotifications,
  clearNotificationSettings,
  quietNotificationsAvailable,
} from './content-settings';
import { loadQuieted, loadQuietSetting, saveQuieted } from './storage';

/**
 * Reconcile's step for quiet work notifications (issue 13): converges
 * contentSettings on what `desired` and the parent's setting ask for. The
 * record of what was set is written before it is set, and removed only after
 * it was cleared, so a background killed between any two awaits clears it on
 * the next run (the browser closed during family time: the next start).
 * Never throws: a failure here must not stop the badge or the alarms.
 */
export async function quietWorkNotifications(desired: Desired): Promise<void> {
  try {
    const [enabled, quieted] = await Promise.all([loadQuietSetting(), loadQuieted()]);
    const wanted = wantedPatterns({
      enabled,
      available: quietNotificationsAvailable(),
      active: desired.schedule.active,
      lists: desired.lists,
    });
    const step = quietStep(wanted, quieted);
    if (step.kind === 'restore') {
      await clearNotificationSettings();
      await saveQuieted(null);
    } else if (step.kind === 'quiet') {
      await saveQuieted({ patterns: step.patterns, complete: false });
      await clearNotificationSettings();
      await blockNotifications(step.patterns);
      await saveQuieted({ patterns: step.patterns, complete: true });
    }
  } catch (error) {
    console.error('Hearth: quieting work notifications failed', error);
  }
}
