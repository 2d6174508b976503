// A stub of Friendly Captcha's documented SDK (v2): window.frcaptcha.createWidget and its WidgetHandle. See README.md.
/* global window, document */
(() => {
  const widgets = [];
  let count = 0;
  let responses = 0;
  class WidgetHandle {
    constructor(options) {
      this.id = `w_${++count}`;
      this.options = options;
      this.element = options.element;
      this.state = 'init';
      this.resets = 0;
      this.destroyed = false;
      const box = document.createElement('div');
      box.className = 'frc-stub';
      box.textContent = 'Friendly Captcha (stub)';
      this.element.append(box);
      this.box = box;
      if (options.startMode === 'auto') this.start();
    }
    getState() {
      return this.state;
    }
    getResponse() {
      return this.state === 'completed' ? this.response : `.${this.state.toUpperCase()}`;
    }
    start() {
      this.state = 'solving';
      const stub = window.__captchaStubs['friendly-captcha'];
      if (!stub.manual) setTimeout(() => stub.complete(this), stub.solveMs);
    }
    reset() {
      this.resets += 1;
      this.state = 'reset';
      this.response = undefined;
      this.emit('frc:widget.reset', { trigger: 'root' });
      if (this.options.startMode === 'auto') this.start();
    }
    destroy() {
      this.destroyed = true;
      this.state = 'destroyed';
      this.box.remove();
    }
    addEventListener(type, listener) {
      this.element.addEventListener(type, listener);
    }
    removeEventListener(type, listener) {
      this.element.removeEventListener(type, listener);
    }
    emit(name, extra = {}) {
      const detail = { name, state: this.state, response: this.getResponse(), id: this.id, ...extra };
      this.element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
    }
  }
  window.frcaptcha = {
    createWidget(options) {
      if (!options || !options.element || !options.sitekey) throw new Error('frcaptcha stub: createWidget({ element, sitekey })');
      const widget = new WidgetHandle(options);
      widgets.push(widget);
      return widget;
    },
  };
  (window.__captchaStubs ??= {})['friendly-captcha'] = {
    widgets,
    /** When true, a puzzle waits for complete(); else it completes after solveMs. */
    manual: false,
    solveMs: 20,
    complete(widget) {
      if (widget.destroyed || widget.state !== 'solving') return;
      widget.state = 'completed';
      widget.response = `frc-response-${++responses}`;
      widget.emit('frc:widget.complete');
    },
    expire(widget) {
      widget.state = 'expired';
      widget.response = undefined;
      widget.emit('frc:widget.expire');
    },
    fail(widget, code = 'network_error') {
      widget.state = 'error';
      widget.response = undefined;
      widget.emit('frc:widget.error', { error: { code, detail: '' } });
    },
  };
})();
