// @ts-check
import { defineConfig } from 'astro/config';
import { searchIntegration } from './src/search/integration.ts';

// scripts/build.ts validates agora.config.yaml and passes the site URL and base
// through the environment, so `astro build` alone also works with the defaults.
export default defineConfig({
  site: process.env.AGORA_SITE_URL ?? 'https://agora.example.org',
  base: process.env.AGORA_BASE ?? '/',
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  compressHTML: true,
  devToolbar: { enabled: false },
  integrations: [searchIntegration()],
  vite: { build: { chunkSizeWarningLimit: 1500 } },
});
