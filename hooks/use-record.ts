import { useEffect, useState } from 'preact/hooks';
import { readRecordSince } from '@/utils/browser/history-store';
import { onStoredChange } from '@/utils/browser/messaging';
import { loadWeeklyNote, saveWeeklyNote } from '@/utils/browser/storage';
import type { HistoryEntry } from '@/utils/history/entries';
import { recordNeededFrom } from '@/utils/history/week';
import type { WeeklyNote } from '@/utils/history/weekly-note';

/**
 * The detailed record for the last `weeks` weeks, re-read whenever stored
 * state changes (every step-past, save or end of family time changes
 * storage.local along with the record). Null until first read.
 */
export function useRecord(
  weeks: number,
  timeZone: string,
  onRead?: () => void,
): HistoryEntry[] | null {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    let alive = true;
    const read = () =>
      void readRecordSince(recordNeededFrom(Date.now(), timeZone, weeks)).then((e) => {
        if (!alive) return;
        onRead?.();
        setEntries(e);
      });
    read();
    const stop = onStoredChange(read);
    return () => {
      alive = false;
      stop();
    };
  }, [weeks, timeZone]);
  return entries;
}

/** The weekly note's settings on this device. */
export function useWeeklyNote(): [WeeklyNote | null, (note: WeeklyNote) => void] {
  const [note, setNote] = useState<WeeklyNote | null>(null);
  useEffect(() => void loadWeeklyNote().then(setNote), []);
  const save = (next: WeeklyNote) => {
    setNote(next);
    void saveWeeklyNote(next);
  };
  return [note, save];
}
