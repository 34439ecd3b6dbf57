import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
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
		expect: { requireAssertions: true }
	}
});
