// A stub of Google reCAPTCHA's documented JavaScript API: v2 (explicit rendering) and v3 (execute). See README.md.
/* global window, document */
(() => {
  const widgets = new Map();
  let count = 0;
  let tokens = 0;
  const executed = [];
  const find = (id) => {
    const widget = widgets.get(id);
    if (!widget) throw new Error(`grecaptcha stub: no widget ${id}`);
    return widget;
  };
  window.grecaptcha = {
    render(container, params) {
      const element = typeof container === 'string' ? document.getElementById(container) : container;
      if (!element || !params || !params.sitekey) throw new Error('grecaptcha stub: render(container, { sitekey })');
      // reCAPTCHA's widget ids are numbers, the first 0.
      const id = count++;
      const box = document.createElement('div');
      box.className = 'g-recaptcha-stub';
      box.textContent = 'reCAPTCHA (stub)';
      element.append(box);
      widgets.set(id, { id, params, element: box, token: null, resets: 0 });
      return id;
    },
    reset(id = 0) {
      const widget = find(id);
      widget.token = null;
      widget.resets += 1;
    },
    getResponse(id = 0) {
      return find(id).token ?? '';
    },
    ready(callback) {
      setTimeout(callback, 0);
    },
    execute(siteKey, options) {
      const stub = window.__captchaStubs.recaptcha;
      if (stub.failExecute) return Promise.reject(new Error('reCAPTCHA stub: execute failed'));
      executed.push({ siteKey, action: options && options.action });
      return Promise.resolve(`recaptcha-v3-token-${++tokens}`);
    },
  };
  (window.__captchaStubs ??= {}).recaptcha = {
    widgets,
    executed,
    failExecute: false,
    solve(id) {
      const widget = find(id);
      widget.token = `recaptcha-v2-token-${++tokens}`;
      widget.params.callback?.(widget.token);
      return widget.token;
    },
    expire(id) {
      const widget = find(id);
      widget.token = null;
      widget.params['expired-callback']?.();
    },
    fail(id) {
      const widget = find(id);
      widget.token = null;
      widget.params['error-callback']?.();
    },
  };
  const onload = document.currentScript && new URL(document.currentScript.src).searchParams.get('onload');
  if (onload) setTimeout(() => window[onload](), 0);
})();
