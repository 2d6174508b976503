/**
 * The in-page mock backend (`sspr-reset/mock`): the whole protocol in the page,
 * so this example runs with no server. Its "sent" emails and texts appear in
 * the mock inbox below the widget: that is where you read the code.
 * In your app, give the widget `api-base="/api/sspr"` (your backend) instead.
 */
import { shallowRef } from 'vue';
import { createMockBackend, type OutboxMessage } from 'sspr-reset/mock';

// Not reactive on purpose: Vue must hand the element the backend object itself,
// not a reactive proxy of it (its private fields would not work through a proxy).
export const { server, backend } = createMockBackend();

export const sent = shallowRef<readonly OutboxMessage[]>([]);
server.onMessage((message) => {
  sent.value = [...sent.value, message];
});
