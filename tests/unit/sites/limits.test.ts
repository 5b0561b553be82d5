import { describe, expect, test } from 'vitest';
import { defaultSettings } from '@/utils/settings/schema';
import { MAX_RETURN_URL } from '@/utils/sites/limits';
import { returnUrlFrom } from '@/utils/sites/reminder-url';

describe('the longest address offered back', () => {
  const settings = defaultSettings();
  const mailOf = (length: number) => {
    const start = 'https://mail.google.com/';
    return start + 'x'.repeat(length - start.length);
  };

  test('an address at the limit is offered back; one character more is not', () => {
    expect(returnUrlFrom(`#${mailOf(MAX_RETURN_URL)}`, settings)?.href).toBe(
      mailOf(MAX_RETURN_URL),
    );
    expect(returnUrlFrom(`#${mailOf(MAX_RETURN_URL + 1)}`, settings)).toBeNull();
  });
});
