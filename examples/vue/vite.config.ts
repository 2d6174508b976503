import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // <sspr-reset> is a custom element, not a Vue component: render it as is.
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'sspr-reset' } },
    }),
  ],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
