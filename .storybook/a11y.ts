/**
 * Every story's page and its accessibility check.
 *
 * `storyPage` wraps the story in what a host page gives the widget: a `<main>`
 * landmark and an `<h1>` (visually hidden: the story's title and name), so
 * axe's page-level best-practice rules (`landmark-one-main`,
 * `page-has-heading-one`, `region`, `heading-order`) judge the widget as it
 * will be used, not a bare fragment.
 *
 * `axePass` runs after every story's play function (the preview's
 * `afterEach`), on the screen the play function left, with the WCAG 2.x A and
 * AA rules and the best-practice ones. A violation fails the story: it is
 * added as a failed `a11y` report (so `storyFinished` says `error`, which
 * scripts/check-stories.mjs counts) and thrown with a one-line summary per rule
 * (shown in Storybook's error display and logged).
 */
import type { AxeResults, Result, RunOptions } from 'axe-core';
import { html, type TemplateResult } from 'lit';

/** The rule sets every story is held to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const visuallyHidden =
  'position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0';

/** The story inside a `<main>` with the page's `<h1>`. */
export function storyPage(title: string, name: string, story: unknown): TemplateResult {
  // Fetch and parse axe while the story plays, not after.
  void loadAxe();
  return html`<main>
    <h1 style=${visuallyHidden}>${title.split('/').at(-1)}: ${name}</h1>
    ${story}
  </main>`;
}

/** One line per violated rule: its id, impact, help, and where (the first three nodes). */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').trim()})` : ''}`)
        .join('; ');
      const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
      return `${v.id} [${v.impact ?? 'n/a'}]: ${v.help} at ${nodes}${more}`;
    })
    .join(' | ');
}

/** axe-core once per page: it is large, and only the check needs it. */
let loaded: Promise<typeof import('axe-core')> | undefined;
const loadAxe = () => (loaded ??= import('axe-core').then((m) => m.default));

/** Runs axe over the story's page (the whole document: the landmark rules are page rules). */
export async function runAxe(root: Document | Element = document): Promise<AxeResults> {
  const axe = await loadAxe();
  const options: RunOptions = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] };
  return axe.run(root, options);
}

interface AfterEachContext {
  id: string;
  reporting: { addReport(report: { type: string; version?: number; result: unknown; status: 'failed' | 'passed' | 'warning' }): void };
}

/** The preview's afterEach: fails the story on any axe violation. */
export async function axePass(ctx: AfterEachContext): Promise<void> {
  const results = await runAxe(document);
  const violations = results.violations;
  ctx.reporting.addReport({ type: 'a11y', version: 1, result: results, status: violations.length ? 'failed' : 'passed' });
  if (violations.length) {
    throw new Error(`axe: ${violations.length} rule(s) violated in ${ctx.id}: ${describeViolations(violations)}`);
  }
}
