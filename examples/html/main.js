// @ts-check
/* global document -- browser code */
/**
 * The widget on the in-page mock backend, with no build step. The import map
 * in index.html tells the browser where `sspr-reset/bundle` and
 * `sspr-reset/mock` are; `npm run typecheck` checks this file against the
 * package's typings through the same names.
 */
import 'sspr-reset/bundle';
import { createMockBackend } from 'sspr-reset/mock';

const { server, backend } = createMockBackend();

const widget = document.querySelector('sspr-reset');
const status = document.querySelector('#host-status');
const outbox = document.querySelector('#outbox');
if (!widget || !status || !outbox) throw new Error('index.html is missing an element');

// The mock "sends" emails and texts: show them, as the person's inbox would.
server.onMessage((message) => {
  const item = document.createElement('li');
  item.dataset['channel'] = message.channel;
  if (message.code) item.dataset['code'] = message.code;
  item.append(Object.assign(document.createElement('strong'), { textContent: message.channel }), ` to ${message.to}: ${message.body}`);
  outbox.append(item);
});

widget.addEventListener('sspr-step', (event) => {
  status.textContent = `Step: ${/** @type {CustomEvent<import('sspr-reset').SsprStepDetail>} */ (event).detail.step}`;
});
widget.addEventListener('sspr-complete', (event) => {
  const { notified } = /** @type {CustomEvent<import('sspr-reset').SsprCompleteDetail>} */ (event).detail;
  status.textContent = `Password reset; notified: ${notified.join(', ') || 'nobody'}.`;
});

widget.backend = backend;
