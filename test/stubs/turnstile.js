// A stub of Cloudflare Turnstile's documented JavaScript API (explicit rendering). See README.md.
/* global window, document */
(() => {
  const widgets = new Map();
  let count = 0;
  const find = (id) => {
    const widget = widgets.get(id);
    if (!widget) throw new Error(`turnstile stub: no widget ${id}`);
    return widget;
  };
  window.turnstile = {
    render(container, params) {
      const element = typeof container === 'string' ? document.querySelector(container) : container;
      if (!element || !params || !params.sitekey) throw new Error('turnstile stub: render(container, { sitekey })');
      const id = `cf-chl-widget-${++count}`;
      const box = document.createElement('div');
      box.className = 'cf-turnstile-stub';
      box.textContent = 'Turnstile (stub)';
      element.append(box);
      widgets.set(id, { id, params, element: box, token: null, resets: 0, removed: false });
      return id;
    },
    reset(id) {
      const widget = find(id);
      widget.token = null;
      widget.resets += 1;
    },
    remove(id) {
      const widget = find(id);
      widget.element.remove();
      widget.removed = true;
      widgets.delete(id);
    },
    getResponse(id) {
      return find(id).token ?? undefined;
    },
    isExpired(id) {
      return find(id).token === null;
    },
  };
  let tokens = 0;
  (window.__captchaStubs ??= {}).turnstile = {
    widgets,
    solve(id) {
      const widget = find(id);
      widget.token = `turnstile-token-${++tokens}`;
      widget.params.callback?.(widget.token);
      return widget.token;
    },
    expire(id) {
      const widget = find(id);
      widget.token = null;
      widget.params['expired-callback']?.();
    },
    fail(id, code = '300030') {
      const widget = find(id);
      widget.token = null;
      return widget.params['error-callback']?.(code);
    },
  };
  const onload = document.currentScript && new URL(document.currentScript.src).searchParams.get('onload');
  if (onload) setTimeout(() => window[onload](), 0);
})();
