/* global document, requestAnimationFrame, MutationObserver, Element, ShadowRoot */
// The benchmark's probe (scripts/bench.mjs): injected into every page before any of the page's own
// scripts run (CDP Page.addScriptToEvaluateOnNewDocument, so no CSP applies to it), and the same on
// every page, so its own small cost is in every figure alike.
//
// It watches the document and every shadow root (open or closed: attachShadow is wrapped) with one
// MutationObserver, and times when an element matching a selector first exists, connected, inside
// the host element (`globalThis.__BENCH_HOST__`: `sspr-reset`, the floor's `floor-form`, or `body`),
// in light or shadow DOM. Times are performance.now(): milliseconds since the navigation started.
//
// "painted" is the end of the first frame rendered after that moment: a requestAnimationFrame
// callback, then a task posted from it, which runs once the frame's rendering (style, layout,
// paint) is done.
(() => {
  const host = globalThis.__BENCH_HOST__ ?? 'sspr-reset';
  /** Shadow roots, held weakly: the probe must not keep an unmounted element alive (the mount/unmount cycles). */
  const shadowRoots = new Set();
  /** @type {Set<{ selector: string, found: () => void }>} */
  const waiters = new Set();

  /** Whether `node` is inside the host element, crossing shadow boundaries. */
  const inside = (node) => {
    for (let n = node; n; n = n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode) {
      if (n.localName === host) return true;
    }
    return false;
  };

  /** Every connected element matching `selector` inside the host, light DOM first. */
  const findAll = (selector) => {
    const roots = [document];
    for (const ref of shadowRoots) {
      const root = ref.deref();
      if (root) roots.push(root);
      else shadowRoots.delete(ref);
    }
    return roots.flatMap((root) => [...root.querySelectorAll(selector)].filter((el) => el.isConnected && inside(el)));
  };
  const find = (selector) => findAll(selector)[0] ?? null;

  const check = () => {
    for (const waiter of waiters) {
      if (find(waiter.selector)) {
        waiters.delete(waiter);
        waiter.found();
      }
    }
  };
  const observer = new MutationObserver(() => waiters.size && check());
  const observe = (root) => observer.observe(root, { childList: true, subtree: true });
  observe(document);
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    shadowRoots.add(new WeakRef(root));
    observe(root);
    return root;
  };

  /** The end of the next frame: rAF, then a task after its rendering. */
  const nextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );

  /**
   * When an element matching `selector` is first in the DOM inside the host, and when the frame
   * showing it was painted: `{ inDom, painted }` in ms after `since`.
   */
  const when = (selector, since = 0) =>
    new Promise((resolve) => {
      const found = () => {
        const inDom = performance.now();
        void nextPaint().then((painted) => resolve({ inDom: inDom - since, painted: painted - since }));
      };
      if (find(selector)) found();
      else waiters.add({ selector, found });
    });

  // Requests made with fetch (the widget's API calls) in flight, so "settled" can wait for them.
  let inflight = 0;
  const quiet = new Set();
  if (typeof globalThis.fetch === 'function') {
    const fetch = globalThis.fetch;
    globalThis.fetch = function (...args) {
      inflight += 1;
      const done = () => {
        inflight -= 1;
        if (inflight === 0) for (const resolve of quiet) resolve();
      };
      const answer = fetch.apply(this, args);
      void answer.then(done, done);
      return answer;
    };
  }
  const frames = async (n) => {
    for (let i = 0; i < n; i++) await nextPaint();
  };
  /** No fetch in flight, then a task and two frames for its answer to be read and rendered. */
  const settled = async () => {
    for (;;) {
      while (inflight > 0) await new Promise((resolve) => quiet.add(resolve));
      await new Promise((resolve) => setTimeout(resolve, 0));
      await frames(2);
      if (inflight === 0) return;
    }
  };

  /** Scripts fetched (path, start) up to `until` ms, from Resource Timing. */
  const scripts = (until = Infinity) =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime <= until && /\.m?js(\?|$)/.test(new URL(e.name).pathname))
      .map((e) => new URL(e.name).pathname);

  const FIRST_INPUT = 'input[autocomplete="username"]';
  /** API answers (any request under /api/) complete by `until` ms. */
  const apiAnswers = (until) =>
    performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith('/api/') && e.responseEnd <= until).length;
  const firstInput = when(FIRST_INPUT).then(({ inDom, painted }) => ({ inDom, painted, scripts: scripts(inDom), api: apiAnswers(inDom) }));

  /** Time from `act()` to an element matching `next` in the DOM and painted. */
  const transition = (next, act) => {
    const since = performance.now();
    const result = when(next, since);
    act();
    return result;
  };

  const submit = (form) => {
    if (!form) throw new Error('no form to submit');
    form.requestSubmit();
  };

  globalThis.__bench = {
    find,
    findAll,
    when,
    firstInput,
    settled,
    scripts,

    /** Type a user ID, tick the captcha checkbox if there is one, and time Next → the methods step's first choice. */
    async identify(username) {
      await firstInput;
      await settled();
      const input = find(FIRST_INPUT);
      input.value = username;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // The mock's captcha is a checkbox, rendered once the config has named it (perhaps from a lazy chunk).
      await Promise.race([when('input[type="checkbox"]'), new Promise((resolve) => setTimeout(resolve, 3000))]);
      const box = find('input[type="checkbox"]');
      if (box && !box.checked) box.click();
      return transition('input[type="radio"]', () => submit(input.form));
    },

    /** Choose the method whose label matches `label`, and time Continue → the code field. */
    async chooseMethod(label) {
      await settled();
      const pattern = new RegExp(label, 'i');
      const radio = findAll('input[type="radio"]').find((r) => pattern.test(r.closest('label')?.textContent ?? ''));
      if (!radio) throw new Error(`no method labelled ${label}`);
      radio.click();
      return transition('input[autocomplete="one-time-code"]', () => submit(radio.form));
    },

    /** The attributes of the (first) host element. */
    attributes() {
      const el = document.querySelector(host);
      return Object.fromEntries([...(el?.attributes ?? [])].map((a) => [a.name, a.value]));
    },

    /** Take every host element out of the page. */
    unmountAll() {
      for (const el of document.querySelectorAll(host)) el.remove();
    },

    /**
     * Mount a fresh host element `count` times (with `attributes`), wait until its first field is in the DOM
     * and its requests have settled, then unmount it. Resolves to each mount's time to its first field (ms).
     */
    async cycles(count, attributes) {
      const times = [];
      for (let i = 0; i < count; i++) {
        const el = document.createElement(host);
        for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
        const shown = when(FIRST_INPUT);
        const since = performance.now();
        document.body.append(el);
        const { inDom } = await shown;
        times.push(inDom - since);
        await settled();
        el.remove();
        // Each request leaves a Resource Timing entry in the page (up to 250): not the element's memory.
        performance.clearResourceTimings();
      }
      await frames(2);
      return times;
    },
  };
})();
