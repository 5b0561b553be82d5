import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { statusHeadline } from '@/components/text/status';
import { useSettingsEditor } from '@/hooks/use-settings-editor';
import { useStatus } from '@/hooks/use-status';
import { type MessageKey, t, uiLanguage } from '@/utils/browser/i18n';
import {
  COUNTED_STEPS,
  stepBeside,
  stepFromHash,
  stepIndex,
  type WelcomeStep,
} from '@/utils/welcome/steps';
import { HostAccessCheck } from './HostAccessCheck';
import { Permissions } from './Permissions';
import { StepNav } from './StepNav';
import { DoneStep } from './steps/DoneStep';
import { NoteStep } from './steps/NoteStep';
import { PhotosStep } from './steps/PhotosStep';
import { SitesStep } from './steps/SitesStep';
import { TryStep } from './steps/TryStep';
import { WindowStep } from './steps/WindowStep';

const TITLES: Record<WelcomeStep, MessageKey> = {
  window: 'firstRunWindowTitle',
  sites: 'firstRunSitesTitle',
  photos: 'firstRunPhotosTitle',
  note: 'firstRunNoteTitle',
  try: 'firstRunTryTitle',
  done: 'firstRunDoneTitle',
};

/**
 * The first run: a short sequence, one step at a time, each one skippable
 * (every change is saved as it is made, so nothing waits for the end). The
 * step lives in the #fragment, so other pages can open one directly.
 */
export function App() {
  const { settings, update } = useSettingsEditor();
  const [status] = useStatus();
  const [step, setStep] = useState<WelcomeStep>(() => stepFromHash(location.hash));
  const heading = useRef<HTMLHeadingElement>(null);
  const arrived = useRef(location.hash === '');

  useEffect(() => {
    const follow = () => setStep(stepFromHash(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  // Each new step's heading takes focus, so a keyboard or screen reader starts there.
  // The very first view of the page keeps the browser's own start.
  useLayoutEffect(() => {
    if (arrived.current) {
      arrived.current = false;
      return;
    }
    heading.current?.focus();
  }, [step, settings === null]);

  const go = (to: WelcomeStep) => {
    location.hash = to;
  };
  if (!settings) return <p class="muted">{t('loading')}</p>;

  const body = {
    window: () => <WindowStep settings={settings} update={update} />,
    sites: () => <SitesStep settings={settings} update={update} />,
    photos: () => <PhotosStep />,
    note: () => <NoteStep />,
    try: () => <TryStep onTried={() => go('done')} onAddSite={() => go('sites')} />,
    done: () => <DoneStep />,
  }[step];

  return (
    <>
      <header class="welcome-header">
        <h1>{t('welcomeTitle')}</h1>
        {status && <p class="next">{statusHeadline(status, Date.now(), uiLanguage())}</p>}
        <p class="lead">{t('welcomeLead')}</p>
      </header>
      <HostAccessCheck />
      <section class="step" aria-labelledby="step-title">
        {step !== 'done' && (
          <p class="muted small step-count">
            {t('firstRunStepOf', [String(stepIndex(step) + 1), String(COUNTED_STEPS)])}
          </p>
        )}
        <h2 id="step-title" tabIndex={-1} ref={heading}>
          {t(TITLES[step])}
        </h2>
        {body()}
        <StepNav
          step={step}
          onBack={() => go(stepBeside(step, -1))}
          onNext={() => go(stepBeside(step, 1))}
          onSkip={() => go('done')}
        />
      </section>
      <Permissions />
    </>
  );
}
