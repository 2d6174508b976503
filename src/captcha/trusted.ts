/**
 * Script URLs through Trusted Types. Under `require-trusted-types-for 'script'`
 * the browser refuses a plain string (or URL) as a worker's or a script
 * element's source. The widget's policy, named `sspr-reset`, passes only URLs
 * its own code registered first: the ALTCHA worker beside the widget's code,
 * and each hosted provider's documented script. Never a URL from the backend.
 *
 * A page that enforces Trusted Types lists the policy: `trusted-types lit-html sspr-reset`.
 */

/** The name a page's CSP allows: `trusted-types … sspr-reset`. */
export const POLICY_NAME = 'sspr-reset';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

const allowed = new Set<string>();
/** undefined: not created yet; null: this page has no Trusted Types, or refused the name. */
let policy: ScriptUrlPolicy | null | undefined;

/** Let the policy pass `url`, exactly: the widget's code chose it. */
export function allowScriptURL(url: string) {
  allowed.add(url);
}

/**
 * `url` as the sinks accept it: a TrustedScriptURL where the browser has
 * Trusted Types, else the string. Where the page's CSP does not allow the
 * policy's name, the string comes back and the sink will refuse it: the caller
 * reports that (see `explainRefusal`).
 */
export function trustedScriptURL(url: string): string {
  if (policy === undefined) policy = createPolicy();
  // The sinks take a TrustedScriptURL where TypeScript's DOM types say string.
  return policy ? (policy.createScriptURL(url) as string) : url;
}

function createPolicy(): ScriptUrlPolicy | null {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  if (!factory) return null;
  try {
    return factory.createPolicy(POLICY_NAME, {
      createScriptURL(url) {
        if (allowed.has(url)) return url;
        throw new TypeError(`<sspr-reset>: the ${POLICY_NAME} Trusted Types policy refuses the script URL ${url}`);
      },
    });
  } catch {
    // The page's `trusted-types` directive does not list the name (or it already exists).
    return null;
  }
}

/** What to tell the page's developer when a sink refused a script URL. */
export function explainRefusal(what: string) {
  return (
    `<sspr-reset>: the browser refused to load ${what}. If the page's Content-Security-Policy enforces Trusted Types ` +
    `(require-trusted-types-for 'script'), add ${POLICY_NAME} to its trusted-types directive; check script-src and worker-src too ` +
    `(docs/captcha.md lists what each provider needs).`
  );
}
