/**
 * The in-page mock backend (`sspr-reset/mock`): the whole protocol in the page,
 * so this example runs with no server. Its "sent" emails and texts appear in
 * the mock inbox below the widget: that is where you read the code.
 * In your app, give the widget `apiBase="/api/sspr"` (your backend) instead.
 */
import { useSyncExternalStore } from 'react';
import { createMockBackend, type OutboxMessage } from 'sspr-reset/mock';

export const { server, backend } = createMockBackend();

let messages: readonly OutboxMessage[] = [];
const listeners = new Set<() => void>();
server.onMessage((message) => {
  messages = [...messages, message];
  for (const listener of listeners) listener();
});
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** What the mock "sent": in real life these go to the person's email and phone. */
export function MockInbox() {
  const sent = useSyncExternalStore(subscribe, () => messages);
  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <h2 id="inbox-title">Mock inbox</h2>
      <p>
        Try <code>adele@contoso.com</code>; codes sent by the mock show up here.
      </p>
      <ol id="outbox">
        {sent.map((m) => (
          <li key={m.id} data-channel={m.channel} data-code={m.code}>
            <strong>{m.channel}</strong> to {m.to}: {m.body}
          </li>
        ))}
      </ol>
    </section>
  );
}
