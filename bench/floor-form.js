/* global customElements */
// The floor of the benchmark (scripts/bench.mjs): the least a Lit form element can be. A heading, a
// labelled user ID field and a button, in its shadow root, with a few styles. No data, no network,
// no localization: whatever sspr-reset takes beyond this is its own.
import { LitElement, css, html } from 'lit';

class FloorForm extends LitElement {
  static styles = css`
    :host {
      display: block;
      max-width: 440px;
      font:
        16px system-ui,
        sans-serif;
    }
    label {
      display: block;
      margin-block: 0.5rem 0.25rem;
    }
    input {
      box-sizing: border-box;
      width: 100%;
      padding: 0.5rem;
    }
    button {
      margin-top: 1rem;
      padding: 0.5rem 1.5rem;
    }
  `;

  render() {
    return html`<form novalidate @submit=${this.#submit}>
      <h2>Get back into your account</h2>
      <label for="user">User ID</label>
      <input id="user" name="username" type="email" autocomplete="username" autocapitalize="none" spellcheck="false" />
      <button>Next</button>
    </form>`;
  }

  #submit(event) {
    event.preventDefault();
  }
}

customElements.define('floor-form', FloorForm);
