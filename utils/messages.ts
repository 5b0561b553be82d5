import * as v from 'valibot';
import type { SavedPage } from '@/utils/runtime/saved';
import type { StepPastError } from '@/utils/runtime/step-past';
import type { Gentleness, Note } from '@/utils/settings/schema';
import { MAX_RETURN_URL } from '@/utils/sites/limits';
import type { Problem } from './decide';

const url = v.pipe(v.string(), v.maxLength(MAX_RETURN_URL));

/** The one protocol between pages and the background; every message is checked on arrival. */
export const MessageSchema = v.variant('type', [
  v.object({ type: v.literal('getStatus') }),
  /** The reminder asks whether its #fragment is a page it may offer back. */
  v.object({ type: v.literal('checkReturnUrl'), fragment: url }),
  v.object({ type: v.literal('startFamilyTime') }),
  v.object({
    type: v.literal('endFamilyTime'),
    reason: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
  }),
  v.object({
    type: v.literal('stepPast'),
    url,
    reason: v.pipe(v.string(), v.maxLength(500)),
    minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120)),
    waitedSeconds: v.pipe(v.number(), v.minValue(0)),
  }),
  v.object({ type: v.literal('saveForAfter'), url }),
  v.object({ type: v.literal('reopenSaved'), id: v.optional(v.string()) }),
  v.object({ type: v.literal('recordBlocked'), url }),
  v.object({
    type: v.literal('addNote'),
    text: v.pipe(v.string(), v.maxLength(2000)),
    kind: v.picklist(['tonight', 'standing']),
    child: v.optional(v.pipe(v.string(), v.maxLength(80)), ''),
  }),
  v.object({ type: v.literal('removeNote'), id: v.string() }),
  v.object({ type: v.literal('listWorkTabs') }),
  v.object({ type: v.literal('parkTabs'), tabIds: v.array(v.pipe(v.number(), v.integer())) }),
]);

export type Message = v.InferOutput<typeof MessageSchema>;
/** What a page sends: optional fields may be left out. */
export type MessageInput = v.InferInput<typeof MessageSchema>;
export type MessageType = Message['type'];

/** Everything a page shows, in one answer, so no page waits on a chain of requests. */
export interface Status {
  active: boolean;
  since: number | null;
  until: number | null;
  nextStart: number | null;
  nextEnd: number | null;
  source: 'schedule' | 'manual' | null;
  label: string;
  timeZone: string;
  /** False where the parent withdrew Hearth's site access (Firefox lets them). */
  hostAccess: boolean;
  problems: Problem[];
  /** Notes for the family time that is on, or next. */
  notes: Note[];
  saved: SavedPage[];
  gentleness: Gentleness;
  stepPastsLeft: number;
}

export type StepPastAnswer = { ok: true; until: number } | { ok: false; error: StepPastError };
export type NoteAnswer = { ok: true } | { ok: false; error: 'empty' | 'too-long' };

/** What each message answers with. */
export interface Answers {
  getStatus: Status;
  checkReturnUrl: string | null;
  startFamilyTime: Status;
  endFamilyTime: Status;
  stepPast: StepPastAnswer;
  saveForAfter: Status;
  reopenSaved: Status;
  recordBlocked: null;
  addNote: NoteAnswer;
  removeNote: Status;
  listWorkTabs: WorkTab[];
  parkTabs: Status;
}

/** An open tab on a site Hearth keeps away, as the wind-down lists it. */
export interface WorkTab {
  id: number;
  url: string;
  title: string;
}

export function parseMessage(raw: unknown): Message | null {
  const parsed = v.safeParse(MessageSchema, raw);
  return parsed.success ? parsed.output : null;
}
