/**
 * The bare `<sspr-reset>` tag in React 19, typed by `sspr-reset/jsx` (see
 * env.d.ts). React 19 sets `backend` as a property (the element has one) and
 * `brand-name` as an attribute, and `onsspr-complete` listens to the
 * `sspr-complete` event. Import `sspr-reset` (which defines the tag) before
 * the first render, so that React finds the element's properties.
 */
import 'sspr-reset';
import type { ResetBackend, SsprCompleteDetail } from 'sspr-reset';
import { Logo } from './App.tsx';

export function BareTag(props: {
  backend: ResetBackend;
  onStep: (step: string) => void;
  onComplete: (detail: SsprCompleteDetail) => void;
}) {
  return (
    <sspr-reset
      backend={props.backend}
      brand-name="Contoso"
      sign-in-href="/"
      onsspr-step={(e) => props.onStep(e.detail.step)}
      onsspr-error={(e) => console.warn('sspr-error', e.detail.code)}
      onsspr-complete={(e) => props.onComplete(e.detail)}
    >
      <Logo />
    </sspr-reset>
  );
}
