import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';

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
		adapter: adapter({ out: 'build' })
	}
};

export default config;
