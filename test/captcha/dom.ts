/** DOM helpers of the captcha tests, free of any provider's module (registry.test.ts checks what loads when). */
import { waitUntil } from '@open-wc/testing';

/** A container in the document, as the verification step renders it. */
export function captchaContainer() {
  const container = document.createElement('div');
  container.setAttribute('data-sspr-captcha', '');
  document.body.append(container);
  return container;
}

/** The text of the element with `role`, inside `root`. */
export function roleText(root: ParentNode, role: string) {
  return root.querySelector(`[role="${role}"]`)?.textContent?.trim().replace(/\s+/g, ' ') ?? null;
}

export function waitForText(root: ParentNode, role: string, text: RegExp, timeout = 20_000) {
  return waitUntil(
    () => text.test(roleText(root, role) ?? ''),
    `no ${role} matching ${text}; it says ${JSON.stringify(roleText(root, role))}`,
    { timeout },
  );
}

/** Records console calls of one level while `run` runs. */
export async function capture(level: 'error' | 'warn', run: () => Promise<void> | void): Promise<unknown[][]> {
  const calls: unknown[][] = [];
  const original = Object.getOwnPropertyDescriptor(console, level)!;
  console[level] = (...args: unknown[]) => void calls.push(args);
  try {
    await run();
  } finally {
    Object.defineProperty(console, level, original);
  }
  return calls;
}
