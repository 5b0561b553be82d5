import * as v from 'valibot';
import { NonceSchema } from '@/utils/runtime/preview';
import type { SavedPage } from '@/utils/runtime/saved';
import type { StepPastError } from '@/utils/runtime/step-past';
import type { Loosening } from '@/utils/settings/loosening';
import { type Gentleness, type Note, SettingsSchema } from '@/utils/settings/schema';
import { MAX_RETURN_URL } from '@/utils/sites/limits';
import type { Problem } from './decide';

const url = v.pipe(v.string(), v.maxLength(MAX_RETURN_URL));

/** What a friction form can be opened for. */
export const FRICTION_PURPOSES = ['step-past', 'end-early', 'loosen'] as const;
export type FrictionPurpose = (typeof FRICTION_PURPOSES)[number];

/** The one protocol between pages and the background; every message is checked on arrival. */
export const MessageSchema = v.variant('type', [
  v.object({ type: v.literal('getStatus') }),
  /** The popup's two hints, read where the photos and the record live (not in the popup: its bundle stays small). */
  v.object({ type: v.literal('getPopupHints') }),
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
  }),
  /**
   * A friction form opened (the reminder's step past, ending early, a
   * loosening): the background notes when, and counts the calm wait from it.
   */
  v.object({ type: v.literal('openFriction'), purpose: v.picklist(FRICTION_PURPOSES) }),
  /**
   * The one way a page writes settings: its draft (`next`) and the stored
   * settings it grew from (`base`, null: none). The background rebases the
   * draft over what is stored now, refuses to write over unreadable or newer
   * settings (an import may replace unreadable ones), asks for the loosen
   * friction when the change loosens blocking during family time (`reason`
   * is its answer), and orders the writes (utils/browser/settings-writes.ts).
   */
  v.object({
    type: v.literal('saveSettings'),
    base: v.nullable(SettingsSchema),
    next: SettingsSchema,
    reason: v.optional(v.pipe(v.string(), v.maxLength(500))),
    via: v.optional(v.picklist(['edit', 'import']), 'edit'),
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
  /** The welcome page's "Try it now": the reminder in a new tab, as a preview. */
  v.object({ type: v.literal('startPreview') }),
  /** The reminder asks whether its #preview= nonce is a preview Hearth made for this tab. */
  v.object({ type: v.literal('openPreview'), nonce: NonceSchema }),
]);

export type Message = v.InferOutput<typeof MessageSchema>;
/** What a page sends: optional fields may be left out. */
export type MessageInput = v.InferInput<typeof MessageSchema>;
export type MessageType = Message['type'];

/** Everything a page shows, in one answer, so no page waits on a chain of requests. */
export interface Status {
  active: boolean;
  /**
   * The block rules are in force: family time is on or starts within a few
   * seconds (decide's TIGHTEN_AHEAD_MS). When false, a reminder that was
   * just reached sends the parent on to the page (the rules were a moment late
   * to leave, issue 10's end-edge soak).
   */
  blocking: boolean;
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

/** What the popup offers besides the state: "Add a photo" while there is none, "Your week" once there is an evening. */
export interface PopupHints {
  hasPhoto: boolean;
  hasAWeek: boolean;
}

/** Why a loosening during family time was not applied: the friction the parent chose was not met. */
export type LooseningRefusal = 'needs-friction' | 'reason-short' | 'too-soon';
export type SaveSettingsAnswer =
  | { ok: true }
  | { ok: false; error: SettingsRefusal }
  /** `what` it would loosen: the page asks for the friction and sends again with a reason. */
  | { ok: false; error: LooseningRefusal; what: Loosening[] };
export type LooseningAnswer =
  | { ok: true }
  | { ok: false; error: LooseningRefusal | SettingsRefusal };
export type StepPastAnswer =
  /** wholeSite: the page was too long to open on its own, so the whole site is open. */
  { ok: true; until: number; wholeSite: boolean } | { ok: false; error: StepPastError };
/** Why settings could not be saved: what is stored could not be read, or is a newer Hearth's. */
export type SettingsRefusal = 'settings-unreadable' | 'settings-newer';
export type NoteAnswer =
  | { ok: true }
  | { ok: false; error: 'empty' | 'too-long' | SettingsRefusal };

/** What each message answers with. */
export interface Answers {
  getStatus: Status;
  getPopupHints: PopupHints;
  checkReturnUrl: string | null;
  startFamilyTime: Status;
  endFamilyTime: Status;
  stepPast: StepPastAnswer;
  openFriction: { openedAt: number };
  saveSettings: SaveSettingsAnswer;
  saveForAfter: Status;
  reopenSaved: Status;
  recordBlocked: null;
  addNote: NoteAnswer;
  removeNote: Status;
  listWorkTabs: WorkTab[];
  parkTabs: Status;
  startPreview: PreviewAnswer;
  /** The work site the preview stands for, or null: then it is not a preview. */
  openPreview: string | null;
}

export type PreviewAnswer =
  | { ok: true; host: string }
  | { ok: false; error: 'no-site' | 'not-allowed' };

/** Who sent a message, as the background was told by the browser (never by the message). */
export interface Sender {
  tabId?: number;
  url?: string;
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

/** Who sent a message, as runtime.onMessage says (the fields Hearth looks at). */
export interface MessageSender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number };
}

/** The reminder's own actions: only its top frame may ask for them (a framed copy shows no buttons). */
const REMINDER_ACTIONS: ReadonlySet<MessageType> = new Set([
  'checkReturnUrl',
  'openPreview',
  'recordBlocked',
  'saveForAfter',
  'stepPast',
]);

/** Settings are written only from the pages that edit them (never the reminder, which web pages can open). */
const SETTINGS_PAGES = ['/options.html', '/welcome.html'];
const PAGE_ONLY: Partial<Record<MessageType, readonly string[]>> = { saveSettings: SETTINGS_PAGES };

/**
 * Only Hearth's own pages talk to the background: the sender is this
 * extension (`id`), from one of its pages (an extension-origin `url`, which a
 * web page or content script never has), and the reminder's actions come
 * from a top frame; settings are written only from the options and welcome pages.
 */
export function senderAllowed(
  type: MessageType,
  sender: MessageSender,
  own: { id: string; origin: string },
): boolean {
  if (sender.id !== own.id) return false;
  if (typeof sender.url !== 'string') return false;
  let origin: string;
  let path: string;
  try {
    const url = new URL(sender.url);
    origin = `${url.protocol}//${url.host}`;
    path = url.pathname;
  } catch {
    return false;
  }
  if (origin !== own.origin) return false;
  const pages = PAGE_ONLY[type];
  if (pages && !pages.includes(path)) return false;
  if (REMINDER_ACTIONS.has(type) && sender.frameId !== undefined && sender.frameId !== 0)
    return false;
  return true;
}
