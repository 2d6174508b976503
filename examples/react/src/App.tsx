import { useState } from 'react';
import { SsprReset, type SsprCompleteDetail } from 'sspr-reset/react';
import { BareTag } from './BareTag.tsx';
import { backend, MockInbox } from './mock.tsx';

/** `?bare` renders the bare `<sspr-reset>` tag (React 19 custom element support) instead of the wrapper. */
const bare = new URLSearchParams(location.search).has('bare');

export function App() {
  const [step, setStep] = useState<string>('');
  const [done, setDone] = useState<SsprCompleteDetail | undefined>();

  return (
    <main>
      <h1>React 19 + sspr-reset</h1>
      <p className="mode">
        {bare ? (
          <>
            Bare <code>&lt;sspr-reset&gt;</code> tag · <a href="?">use the wrapper</a>
          </>
        ) : (
          <>
            <code>sspr-reset/react</code> wrapper · <a href="?bare">use the bare tag</a>
          </>
        )}
      </p>
      {bare ? (
        <BareTag backend={backend} onStep={setStep} onComplete={setDone} />
      ) : (
        <SsprReset
          backend={backend}
          brandName="Contoso"
          signInHref="/"
          onSsprStep={(e) => setStep(e.detail.step)}
          onSsprError={(e) => console.warn('sspr-error', e.detail.code)}
          onSsprComplete={(e) => setDone(e.detail)}
          onSsprCancel={() => setStep('cancelled')}
        >
          <Logo />
        </SsprReset>
      )}
      <p id="host-status" role="status">
        {done ? `Password reset; notified: ${done.notified.join(', ') || 'nobody'}.` : step ? `Step: ${step}` : ''}
      </p>
      <MockInbox />
    </main>
  );
}

export function Logo() {
  return (
    <svg slot="logo" role="img" aria-label="Contoso" width="28" height="28" viewBox="0 0 32 32">
      <rect width="32" height="32" rx="6" fill="#0067b8" />
      <path d="M21.5 11.2a7 7 0 1 0 0 9.6" fill="none" stroke="#fff" strokeWidth="3.4" strokeLinecap="round" />
    </svg>
  );
}
