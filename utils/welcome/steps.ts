/**
 * The first-run sequence (entrypoints/welcome/): its steps in order, each
 * with the #fragment that opens it, so any page can link straight to one
 * ("Add a photo" on the reminder opens #photos).
 */
export const WELCOME_STEPS = ['window', 'sites', 'photos', 'note', 'try', 'done'] as const;
export type WelcomeStep = (typeof WELCOME_STEPS)[number];

/** The step a #fragment names; anything else (none, unknown, too long) is the first step. */
export function stepFromHash(hash: string): WelcomeStep {
  const name = hash.replace(/^#/, '');
  return (WELCOME_STEPS as readonly string[]).includes(name) ? (name as WelcomeStep) : 'window';
}

export function stepIndex(step: WelcomeStep): number {
  return WELCOME_STEPS.indexOf(step);
}

/** The step `by` places after (1) or before (-1) `step`, staying inside the sequence. */
export function stepBeside(step: WelcomeStep, by: 1 | -1): WelcomeStep {
  const index = Math.min(WELCOME_STEPS.length - 1, Math.max(0, stepIndex(step) + by));
  return WELCOME_STEPS[index] ?? step;
}

/** The steps that ask something of the parent ("Step 2 of 5"); "done" is not one of them. */
export const COUNTED_STEPS = WELCOME_STEPS.length - 1;
