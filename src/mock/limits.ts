/**
 * What stops message bombing and flow churn: flow starts per account, sends
 * per flow, and per account and channel a cooldown and an hourly budget
 * (stricter for pushes and calls). A new challenge and a resend are both
 * sends, so starting over does not get around the cooldown. Each limit is a
 * `Counters.take` (store.ts), taken in this order; a refusal by a later one
 * does not give back what an earlier one took.
 */
import { isPollMethod, isResendable } from './methods.js';
import { HOUR, MINUTE } from './options.js';
import { Problem } from './problem.js';
import type { FlowRecord, MockState } from './state.js';
import type { Take } from './store.js';
import type { MethodType } from '../protocol/schemas.js';

/** `rate_limited`, with whole seconds to wait (at least 1). */
export function rateLimited(ms: number) {
  return new Problem('rate_limited', { retryAfter: Math.max(1, Math.ceil(ms / 1000)) });
}

function orRefuse(take: Take) {
  if (!take.ok) throw rateLimited(take.retryAfterMs);
}

/** One flow start for the account (`flowsPerMinute`). */
export function takeFlowStart(state: MockState, account: string) {
  orRefuse(state.counters.take(`starts:${account}`, state.options.flowsPerMinute, MINUTE));
}

/** The cooldown key of an account's channel: one message per channel per cooldown. */
export function cooldownKey(account: string, type: MethodType) {
  return `cooldown:${account}:${type}`;
}

/** One send (a challenge start or a resend) of `type` in `flow`. */
export function takeSend(state: MockState, flow: FlowRecord, type: MethodType) {
  const { options, counters } = state;
  if (flow.sends >= options.challengesPerFlow) throw rateLimited(flow.expiresAt - options.now());
  flow.sends += 1;
  if (!isResendable(type)) return;
  orRefuse(counters.take(cooldownKey(flow.username, type), 1, options.resendCooldownSeconds * 1000));
  const perHour = isPollMethod(type) ? options.pushesAndCallsPerHour : options.codesPerHour;
  orRefuse(counters.take(`sends:${flow.username}:${type}`, perHour, HOUR));
}
