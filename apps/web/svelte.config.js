import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Shared by Vite, Vitest and svelte-check.
 * @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig}
 */
export default {
  preprocess: vitePreprocess(),
  vitePlugin: {
    // Our components are runes-only (Svelte 5); third-party ones compile in whatever mode they use.
    dynamicCompileOptions: ({ filename }) =>
      filename.split(/[/\\]/).includes('node_modules') ? undefined : { runes: true },
  },
};
