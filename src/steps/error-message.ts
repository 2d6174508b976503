/**
 * An error's words, for every step. The words of every error (messages.ts)
 * come with the wire (src/wire.ts), which the controller fetches before the
 * first request (the config's) is sent: an error comes only from a request,
 * or from what the person typed once the config is in (Next waits for it).
 * Until then the one failure possible is that the wire could not be fetched:
 * the network's.
 */
import { msg } from '@lit/localize';
import type { FlowError } from '../flow/reducer.js';

let words: ((error: FlowError) => string) | undefined;

/** Called once the wire is in, with its messages. */
export function useMessages(errorMessages: (error: FlowError) => string) {
  words = errorMessages;
}

export function errorMessage(error: FlowError): string {
  return words ? words(error) : msg('We couldn’t reach the server. Check your connection and try again.');
}
