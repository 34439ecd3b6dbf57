import { defineConfig, devices } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 4173);
const databaseUrl = process.env.E2E_DATABASE_URL;
const alone = /(authz-matrix|bad-input)\.spec\.ts/;
// Needs a streaming standby behind the server (E2E_DATABASE_READ_URL: .ci/run's replica step).
const replica = /replica\.spec\.ts/;
// E2E_PROJECTS=desktop,matrix runs only those (CI gives each engine one layout); the matrix then
// waits only for the layouts that run.
const only = process.env.E2E_PROJECTS?.split(',').map((name) => name.trim()).filter(Boolean);
const runs = (name: string) => !only || only.includes(name);

// Debian's chromium: `npx playwright install` cannot download browsers on these machines.
const chromium = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage']
};

export default defineConfig({
	testDir: 'tests',
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: 0,
	workers: 2,
	// Generous: the 2-core CI machine builds, serves and runs two browsers at once.
	timeout: 60_000,
	expect: { timeout: 15_000 },
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL: `http://localhost:${port}`,
		launchOptions: chromium,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } }, testIgnore: [alone, replica] },
		// The check-in flow already puts its learner on a phone, and runs once on one shared session.
		{ name: 'phone', use: { ...devices['Pixel 7'] }, testIgnore: [/attendance\.spec\.ts/, alone, replica] },
		// Browserless request runs as every role: once per engine, after the others and one file at a
		// time, because they compare the audit log before and after and post bad input to every form.
		// Alone: `npx playwright test tests/authz-matrix.spec.ts --project=matrix --no-deps`.
		{ name: 'matrix', testMatch: alone, dependencies: ['desktop', 'phone'].filter(runs), workers: 1 },
		...(process.env.E2E_DATABASE_READ_URL ? [{ name: 'replica', testMatch: replica, use: { ...devices['Desktop Chrome'] }, workers: 1 }] : [])
	].filter((project) => runs(project.name)),
	// Playwright starts the web server before any globalSetup, so the command resets the
	// database itself: the demo seed only runs on an empty one.
	webServer: {
		// E2E_PREBUILT=1: build/ is already this tree's build (CI builds once for its four runs).
		command: `node tests/reset-db.mjs && ${process.env.E2E_PREBUILT === '1' ? '' : 'npm run build && '}node scripts/serve.js`,
		url: `http://localhost:${port}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
		env: {
			PORT: String(port),
			ORIGIN: `http://localhost:${port}`,
			DEMO_SEED: '1',
			// An empty DATABASE_URL means PGlite, whatever the calling shell had set.
			DATABASE_URL: databaseUrl ?? '',
			DATABASE_READ_URL: process.env.E2E_DATABASE_READ_URL ?? '',
			PGLITE_DIR: join(tmpdir(), `dx-e2e-pglite-${port}`),
			// A checkpoint file belongs to one database: the throwaway one gets its own.
			AUDIT_CHECKPOINT_FILE: join(tmpdir(), `dx-e2e-audit-checkpoints-${port}.jsonl`),
			AUDIT_CHECKPOINT_KEY_FILE: join(tmpdir(), `dx-e2e-audit-checkpoint-${port}.key`)
		}
	}
});
