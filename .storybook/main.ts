import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: {
    name: '@storybook/web-components-vite',
    options: {
      builder: {
        // Storybook's own Vite config. The root vite.config.ts must not be used: for
        // `serve` it sets `root: 'demo'` and adds the dev-server mock plugin, for
        // `build` it builds the library (dist/).
        viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
      },
    },
  },
  // Storybook's preview runtime alone is a ~900 kB chunk: don't warn about it.
  viteFinal: (config) => ({ ...config, build: { ...config.build, chunkSizeWarningLimit: 1500 } }),
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
};

export default config;
