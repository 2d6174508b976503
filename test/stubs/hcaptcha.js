// A stub of hCaptcha's documented JavaScript API (explicit rendering). See README.md.
/* global window, document */
(() => {
  const widgets = new Map();
  let count = 0;
  const find = (id) => {
    const widget = widgets.get(id);
    if (!widget) throw new Error(`hcaptcha stub: no widget ${id}`);
    return widget;
  };
  window.hcaptcha = {
    render(container, params) {
      const element = typeof container === 'string' ? document.getElementById(container) : container;
      if (!element || !params || !params.sitekey) throw new Error('hcaptcha stub: render(container, { sitekey })');
      const id = `h-${++count}`;
      const box = document.createElement('div');
      box.className = 'h-captcha-stub';
      box.textContent = 'hCaptcha (stub)';
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
      return find(id).token ?? '';
    },
  };
  let tokens = 0;
  (window.__captchaStubs ??= {}).hcaptcha = {
    widgets,
    solve(id) {
      const widget = find(id);
      widget.token = `hcaptcha-token-${++tokens}`;
      widget.params.callback?.(widget.token);
      return widget.token;
    },
    expire(id) {
      const widget = find(id);
      widget.token = null;
      widget.params['expired-callback']?.();
    },
    challengeExpired(id) {
      find(id).params['chalexpired-callback']?.();
    },
    fail(id, code = 'network-error') {
      const widget = find(id);
      widget.token = null;
      widget.params['error-callback']?.(code);
    },
  };
  const onload = document.currentScript && new URL(document.currentScript.src).searchParams.get('onload');
  if (onload) setTimeout(() => window[onload](), 0);
})();
