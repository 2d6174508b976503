/**
 * Compile-time checks of the typings (`tsc -b`), not part of the app: each
 * `@ts-expect-error` fails the build if the mistake below it stops being an error.
 */
import { SsprReset, type SsprResetProps } from 'sspr-reset/react';

export const wrapper = [
  <SsprReset apiBase="/api/sspr" locale="es" onSsprStep={(e) => e.detail.step.toUpperCase()} />,
  <SsprReset onSsprComplete={(e) => e.detail.notified.join()} onSsprError={(e) => e.detail.code.toUpperCase()} />,
  // @ts-expect-error apiBase is a string
  <SsprReset apiBase={42} />,
  // @ts-expect-error sspr-complete's detail has no `code`
  <SsprReset onSsprComplete={(e) => e.detail.code} />,
  // @ts-expect-error no such prop
  <SsprReset onSsprDone={() => {}} />,
];

export const bare = [
  <sspr-reset api-base="/api/sspr" username="adele@contoso.com" onsspr-cancel={(e) => e.detail} />,
  // @ts-expect-error the attribute is a string
  <sspr-reset api-base={42} />,
  // @ts-expect-error no such attribute (it is `api-base`)
  <sspr-reset apibase="/api/sspr" />,
  // @ts-expect-error `backend` is a ResetBackend
  <sspr-reset backend="/api/sspr" />,
  // @ts-expect-error `step` is not one of the steps
  <sspr-reset onsspr-step={(e) => e.detail.step === 'finished'} />,
];

export const props: SsprResetProps = { username: 'adele@contoso.com' };
