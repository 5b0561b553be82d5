import { describe, expect, it } from 'vitest';
import {
  COUNTED_STEPS,
  stepBeside,
  stepFromHash,
  stepIndex,
  WELCOME_STEPS,
  type WelcomeStep,
} from '@/utils/welcome/steps';

describe('welcome steps', () => {
  it('opens the step a fragment names', () => {
    expect(stepFromHash('#photos')).toBe('photos');
    expect(stepFromHash('done')).toBe('done');
  });

  it('opens the first step for no fragment or one it does not know', () => {
    expect(stepFromHash('')).toBe('window');
    expect(stepFromHash('#')).toBe('window');
    expect(stepFromHash('#toString')).toBe('window');
    expect(stepFromHash('#photos/extra')).toBe('window');
  });

  it('walks forward and back, and stops at both ends', () => {
    expect(stepBeside('window', 1)).toBe('sites');
    expect(stepBeside('sites', -1)).toBe('window');
    expect(stepBeside('window', -1)).toBe('window');
    expect(stepBeside('done', 1)).toBe('done');
    let step: WelcomeStep = 'window';
    const seen: WelcomeStep[] = [step];
    for (let i = 0; i < WELCOME_STEPS.length + 2; i += 1) {
      step = stepBeside(step, 1);
      if (!seen.includes(step)) seen.push(step);
    }
    expect(seen).toEqual([...WELCOME_STEPS]);
  });

  it('counts every step but the last', () => {
    expect(COUNTED_STEPS).toBe(5);
    expect(stepIndex('try')).toBe(4);
  });
});
