/** Mounting `<sspr-reset>` in a test (@open-wc/testing's fixture); the person who uses it is test/person.ts. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import { createMockBackend, type MockOptions } from '../src/mock/index.js';
import type { SsprReset } from '../src/sspr-reset.js';
import { person, track } from './person.js';

export interface Clock {
  now: () => number;
  advance(ms: number): void;
}

/** A controllable clock for the mock backend. */
export function clock(start = Date.now()): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/**
 * Render `<sspr-reset>` on an in-page mock backend (tracked, so the person can
 * wait for its requests) and wait for its first step.
 */
export async function mount(options: MockOptions = {}, attrs: { username?: string; locale?: string } = {}) {
  const created = createMockBackend(options);
  const server = created.server;
  const backend = track(created.backend);
  const el = await fixture<SsprReset>(
    html`<sspr-reset
      .backend=${backend}
      username=${attrs.username ?? ''}
      locale=${attrs.locale ?? 'en'}
      sign-in-href="/signin"
      brand-name="Contoso"
    ></sspr-reset>`,
  );
  await waitUntil(() => el.step === 'identify', 'identify step never showed');
  await el.updateComplete;
  return { el, server, backend, p: person(el, { server }) };
}
