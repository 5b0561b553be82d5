import { t } from '@/utils/browser/i18n';
import type { WelcomeStep } from '@/utils/welcome/steps';

/** Back and Next (plain buttons, so Tab and Enter or Space work); skipping keeps what is set. */
export function StepNav({
  step,
  onBack,
  onNext,
  onSkip,
}: {
  step: WelcomeStep;
  onBack: () => void;
  onNext: () => void;
  onSkip: () => void;
}) {
  return (
    <nav class="step-nav" aria-label={t('firstRunNavLabel')}>
      {step !== 'window' && (
        <button type="button" onClick={onBack}>
          {t('firstRunBack')}
        </button>
      )}
      {step !== 'done' && (
        <button type="button" class="primary" onClick={onNext}>
          {step === 'try' ? t('firstRunFinish') : t('firstRunNext')}
        </button>
      )}
      {step !== 'done' && step !== 'try' && (
        <button type="button" class="quiet" onClick={onSkip}>
          {t('firstRunSkip')}
        </button>
      )}
    </nav>
  );
}
