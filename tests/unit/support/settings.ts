import type { ManualState } from '@/utils/schedule/schedule';
import {
  type DateException,
  defaultSettings,
  type Settings,
  type WeeklyWindow,
} from '@/utils/settings/schema';

let nextId = 0;
const newId = (prefix: string) => `${prefix}-${++nextId}`;

function minutes(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new Error(`bad time ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export const MON = 1;
export const TUE = 2;
export const WED = 3;
export const THU = 4;
export const FRI = 5;
export const SAT = 6;
export const SUN = 7;
export const WEEKDAYS = [MON, TUE, WED, THU, FRI];
export const EVERY_DAY = [MON, TUE, WED, THU, FRI, SAT, SUN];

/** A weekly window starting at `start` ("21:30") on ISO weekdays, lasting `length` minutes. */
export function weekly(
  days: number[],
  start: string,
  length: number,
  extra: Partial<WeeklyWindow> = {},
): WeeklyWindow {
  return {
    id: newId('w'),
    days,
    startMinute: minutes(start),
    lengthMinutes: length,
    label: '',
    enabled: true,
    updatedAt: 0,
    ...extra,
  };
}

export function skip(from: string, to = from): DateException {
  return { id: newId('skip'), kind: 'skip', from, to, updatedAt: 0 };
}

export function extra(date: string, start: string, length: number, label = ''): DateException {
  return {
    id: newId('extra'),
    kind: 'extra',
    date,
    startMinute: minutes(start),
    lengthMinutes: length,
    label,
    updatedAt: 0,
  };
}

export function settingsWith(
  windows: WeeklyWindow[],
  exceptions: DateException[] = [],
  more: Partial<Settings> = {},
): Settings {
  return { ...defaultSettings(), windows, exceptions, ...more };
}

export const NO_MANUAL: ManualState = { session: null, pause: null };
