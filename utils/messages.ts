import * as v from 'valibot';
import type { Problem } from './decide';

/** The one protocol between pages and the background; every message is checked on arrival. */
export const MessageSchema = v.variant('type', [
  v.object({ type: v.literal('getStatus') }),
  v.object({ type: v.literal('startFamilyTime') }),
  v.object({ type: v.literal('endFamilyTime') }),
]);

export type Message = v.InferOutput<typeof MessageSchema>;

export interface Status {
  active: boolean;
  until: number | null;
  nextStart: number | null;
  source: 'schedule' | 'manual' | null;
  label: string;
  timeZone: string;
  /** False where the parent withdrew Hearth's site access (Firefox lets them). */
  hostAccess: boolean;
  problems: Problem[];
}

export function parseMessage(raw: unknown): Message | null {
  const parsed = v.safeParse(MessageSchema, raw);
  return parsed.success ? parsed.output : null;
}
