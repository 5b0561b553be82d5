import * as v from 'valibot';
import { PRESET_IDS, type PresetId } from '@/utils/settings/presets';

/** Bump with a numbered migration in utils/settings/migrations.ts when the stored shape changes. */
export const SETTINGS_VERSION = 1;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const timestamp = v.pipe(v.number(), v.integer(), v.minValue(0));
const minuteOfDay = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1439));
/** A window is at most a day long; a longer stretch is several windows or a skip. */
const lengthMinutes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1440));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
const label = v.pipe(v.string(), v.maxLength(80));

export const WeeklyWindowSchema = v.object({
  id,
  /** ISO weekdays the window starts on: 1 = Monday … 7 = Sunday. */
  days: v.pipe(
    v.array(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(7))),
    v.maxLength(7),
  ),
  startMinute: minuteOfDay,
  lengthMinutes,
  label,
  enabled: v.boolean(),
  updatedAt: timestamp,
});

export const ExceptionSchema = v.variant('kind', [
  /** No family time starts on these dates (inclusive): "not tonight", holidays. */
  v.object({ id, kind: v.literal('skip'), from: isoDate, to: isoDate, updatedAt: timestamp }),
  /** One more window on one date: "Saturday 10:00–12:00". */
  v.object({
    id,
    kind: v.literal('extra'),
    date: isoDate,
    startMinute: minuteOfDay,
    lengthMinutes,
    label,
    updatedAt: timestamp,
  }),
]);

export const SiteRecordSchema = v.object({
  id,
  /** Normalised pattern text, as utils/sites/parse.ts prints it. */
  pattern: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
  list: v.picklist(['block', 'allow']),
  updatedAt: timestamp,
});

export const NOTE_MAX_LENGTH = 500;

export const NoteSchema = v.object({
  id,
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(NOTE_MAX_LENGTH)),
  /** "tonight": shown only in the family time of `date`; "standing": every time, until removed. */
  kind: v.picklist(['tonight', 'standing']),
  /** Local date (YYYY-MM-DD) of the family time a "tonight" note is for. */
  date: v.nullable(isoDate),
  child: label,
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const GentlenessSchema = v.object({
  reasonRequired: v.boolean(),
  reasonMinLength: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(200)),
  waitSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600)),
  budgetPerEvening: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(50)),
  grantMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120)),
  grantScope: v.picklist(['host', 'page']),
  endEarlyNeedsFriction: v.boolean(),
});

export const HeadsUpSchema = v.object({
  enabled: v.boolean(),
  minutesBefore: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120)),
});

export type WeeklyWindow = v.InferOutput<typeof WeeklyWindowSchema>;
export type DateException = v.InferOutput<typeof ExceptionSchema>;
export type SiteRecord = v.InferOutput<typeof SiteRecordSchema>;
export type Note = v.InferOutput<typeof NoteSchema>;
export type Gentleness = v.InferOutput<typeof GentlenessSchema>;
export type HeadsUp = v.InferOutput<typeof HeadsUpSchema>;

/**
 * Which preset groups are on. Unknown ids are dropped and missing ones are on,
 * so a newer or older list of presets reads the same everywhere.
 */
export function presetsFrom(raw: unknown): Record<PresetId, boolean> {
  const presets = Object.fromEntries(PRESET_IDS.map((p) => [p, true])) as Record<PresetId, boolean>;
  if (typeof raw !== 'object' || raw === null) return presets;
  for (const p of PRESET_IDS) {
    const on = (raw as Record<string, unknown>)[p];
    if (typeof on === 'boolean') presets[p] = on;
  }
  return presets;
}

const PresetsSchema = v.pipe(
  v.record(v.string(), v.boolean()),
  v.transform((raw: Record<string, boolean>) => presetsFrom(raw)),
);

/** The whole settings document: the one schema storage, sync and backup files share. */
export const SettingsSchema = v.object({
  version: v.number(),
  windows: v.array(WeeklyWindowSchema),
  exceptions: v.array(ExceptionSchema),
  sites: v.array(SiteRecordSchema),
  notes: v.array(NoteSchema),
  presets: PresetsSchema,
  gentleness: GentlenessSchema,
  headsUp: HeadsUpSchema,
});

export type Settings = v.InferOutput<typeof SettingsSchema>;

export const DEFAULT_GENTLENESS: Gentleness = {
  reasonRequired: true,
  reasonMinLength: 3,
  waitSeconds: 20,
  budgetPerEvening: 2,
  grantMinutes: 10,
  grantScope: 'host',
  endEarlyNeedsFriction: false,
};

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    windows: [
      {
        id: 'weekday-evening',
        days: [1, 2, 3, 4, 5],
        startMinute: 18 * 60,
        lengthMinutes: 150,
        label: '',
        enabled: true,
        updatedAt: 0,
      },
      {
        id: 'weekend-day',
        days: [6, 7],
        startMinute: 10 * 60,
        lengthMinutes: 8 * 60,
        label: '',
        enabled: false,
        updatedAt: 0,
      },
    ],
    exceptions: [],
    sites: [],
    notes: [],
    presets: presetsFrom(undefined),
    gentleness: { ...DEFAULT_GENTLENESS },
    headsUp: { enabled: true, minutesBefore: 10 },
  };
}
