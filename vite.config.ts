import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import { checkContent } from './src/lib/courses/content-check.ts';

/** Fails the build on a course or lesson with bad front matter, naming the file and field. */
function contentCheck(): Plugin {
	return {
		name: 'dangxiao-content-check',
		buildStart() {
			const problems = checkContent(process.cwd());
			if (problems.length) this.error(`content/ 中有 ${problems.length} 处问题：\n${problems.join('\n')}`);
		}
	};
}

export default defineConfig({
	plugins: [contentCheck(), sveltekit()],
	server: { port: 5173 },
	// PGlite ships its WASM next to its JS; pre-bundling would separate them.
	optimizeDeps: { exclude: ['@electric-sql/pglite'] },
	ssr: { external: ['@electric-sql/pglite', '@node-rs/argon2'] },
	test: {
		include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['src/lib/server/db/test-global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		expect: { requireAssertions: true },
		// The verification page inlines the site's stylesheet (certificates/verify-route.ts).
		css: { include: [/src\/app\.css/] }
	}
});
