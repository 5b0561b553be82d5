import { describe, expect, it } from 'vitest';
import { weekBlocks, weekStart } from '@/utils/schedule/week-layout';
import { extra, MON, SAT, SUN, skip, WEEKDAYS, weekly } from '../support/settings';
import { ZONES } from '../support/time';

const at = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const monday = (iso: string) => weekStart(Temporal.PlainDate.from(iso));

describe('weekStart', () => {
  it('is the Monday on or before the date', () => {
    expect(monday('2026-11-22').toString()).toBe('2026-11-16'); // a Sunday
    expect(monday('2026-11-23').toString()).toBe('2026-11-23'); // a Monday
  });
});

describe('weekBlocks', () => {
  for (const zone of ZONES) {
    describe(zone, () => {
      it('draws a weekday evening window on five days', () => {
        const w = weekly(WEEKDAYS, '18:00', 150);
        const blocks = weekBlocks({ windows: [w], exceptions: [] }, monday('2026-11-23'), zone);
        expect(blocks.map((b) => b.day)).toEqual([0, 1, 2, 3, 4]);
        for (const b of blocks) {
          expect([b.startMinute, b.endMinute]).toEqual([at('18:00'), at('20:30')]);
          expect(b.fromPreviousDay || b.intoNextDay).toBe(false);
        }
      });

      it('draws a window that crosses midnight on both days', () => {
        const w = weekly([MON], '21:30', 510); // until 06:00
        const blocks = weekBlocks({ windows: [w], exceptions: [] }, monday('2026-11-23'), zone);
        expect(blocks).toHaveLength(2);
        const [evening, morning] = blocks;
        expect(evening).toMatchObject({
          day: 0,
          startMinute: at('21:30'),
          endMinute: 1440,
          intoNextDay: true,
        });
        expect(morning).toMatchObject({
          day: 1,
          startMinute: 0,
          endMinute: at('06:00'),
          fromPreviousDay: true,
        });
      });

      it("draws Sunday night's tail on the next week's Monday, and last week's on this Monday", () => {
        const w = weekly([SUN], '22:00', 240);
        const blocks = weekBlocks({ windows: [w], exceptions: [] }, monday('2026-11-23'), zone);
        expect(blocks.map((b) => [b.day, b.startMinute, b.endMinute])).toEqual([
          [0, 0, at('02:00')],
          [6, at('22:00'), 1440],
        ]);
      });

      it('leaves skipped dates empty and adds extra windows', () => {
        const w = weekly(WEEKDAYS, '18:00', 60);
        const blocks = weekBlocks(
          {
            windows: [w],
            exceptions: [skip('2026-11-24', '2026-11-25'), extra('2026-11-28', '10:00', 120)],
          },
          monday('2026-11-23'),
          zone,
        );
        expect(blocks.map((b) => b.day)).toEqual([0, 3, 4, 5]);
        expect(blocks.find((b) => b.day === 5)).toMatchObject({
          kind: 'extra',
          startMinute: at('10:00'),
        });
      });

      it('draws nothing for a window that is off', () => {
        const w = weekly([SAT], '10:00', 60, { enabled: false });
        expect(weekBlocks({ windows: [w], exceptions: [] }, monday('2026-11-23'), zone)).toEqual(
          [],
        );
      });
    });
  }

  it('keeps wall-clock edges on a spring-forward night (Europe/Berlin, 29 March 2026)', () => {
    // 01:00 + 180 min of wall clock ends at 04:00 local, although only two real hours pass.
    const w = weekly([SUN], '01:00', 180);
    const blocks = weekBlocks(
      { windows: [w], exceptions: [] },
      monday('2026-03-23'),
      'Europe/Berlin',
    );
    expect(blocks).toEqual([
      expect.objectContaining({ day: 6, startMinute: at('01:00'), endMinute: at('04:00') }),
    ]);
  });

  it('moves a start inside the spring gap forward and keeps its full hour (America/New_York, 8 March 2026)', () => {
    // 02:30 does not exist that night: the window starts at 03:30 and still lasts an hour.
    const w = weekly([SUN], '02:30', 60);
    const blocks = weekBlocks(
      { windows: [w], exceptions: [] },
      monday('2026-03-02'),
      'America/New_York',
    );
    expect(blocks).toEqual([
      expect.objectContaining({ day: 6, startMinute: at('03:30'), endMinute: at('04:30') }),
    ]);
  });
});
