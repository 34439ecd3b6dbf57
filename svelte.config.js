import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';
import { cspDirectives } from './src/lib/server/http/csp.js';

/**
 * Lessons in content/ use <KeyPoint>, <Figure>, <Video> and <Practice> without
 * importing them: this adds the import after the front matter, before mdsvex runs.
 */
const lessonComponents = {
	name: 'lesson-components',
	markup({ content, filename }) {
		if (!filename || !/[\\/]content[\\/]courses[\\/].+\.md$/.test(filename)) return;
		const frontmatter = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(content);
		const at = frontmatter ? frontmatter[0].length : 0;
		const script = `<script>\n\timport { KeyPoint, Figure, Video, Practice } from '$lib/lesson/components';\n</script>\n\n`;
		return { code: content.slice(0, at) + script + content.slice(at) };
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.md'],
	preprocess: [lessonComponents, vitePreprocess(), mdsvex({ extensions: ['.md'] })],
	kit: {
		adapter: adapter({ out: 'build' }),
		// Pages get a nonce for SvelteKit's inline script; see src/lib/server/http/csp.js.
		csp: { mode: 'auto', directives: cspDirectives },
		// The handle hook checks the Origin of every state-changing request, not only of form
		// posts, and says why in Chinese (src/lib/server/http/request-guard.ts): one rule, one place.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
