// Debian's nginx in front of a bench's instances, as a child process of the bench: the README's
// deploy/nginx.conf (the configuration a deployment runs) with this run's ports, under a main
// configuration of its own in a temp folder (pid, logs and temp files there, `daemon off`), so it
// needs no root, touches nothing of the system's nginx and leaves nothing behind.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/lib/server/db/throwaway-postgres';

export const NGINX = '/usr/sbin/nginx';
const CONFIG = 'deploy/nginx.conf';

/** One access-log line: when it was answered, its status, and the instances nginx tried, in order. */
export interface Logged { at: number; status: number; upstreams: string[] }

export interface Proxy {
	url: string;
	port: number;
	/** nginx's master process, and its worker (for bench/lib/cpu-live.ts) */
	pids(): number[];
	/** the access log so far (written each second) */
	log(): Logged[];
	/** stops nginx, removes its folder and returns the whole access log */
	stop(): Promise<Logged[]>;
}

/**
 * deploy/nginx.conf with `listen` on `port` and one upstream `server` line per instance (its
 * two example lines' parameters kept): each line it changes must be there, so that a change to
 * the file cannot silently leave the bench measuring something else.
 */
export function proxyConfig(text: string, port: number, upstreams: number[]) {
	if (text.split('listen 443 ssl;').length !== 2) throw new Error(`${CONFIG} no longer has exactly one "listen 443 ssl;": update bench/lib/nginx.ts`);
	text = text.replace('listen 443 ssl;', `listen 127.0.0.1:${port};`);
	const servers = [...text.matchAll(/^(\s*)server 127\.0\.0\.1:\d+ ([^;\n]*);\n/gm)];
	if (servers.length !== 2) throw new Error(`${CONFIG} no longer has the two example upstream servers: update bench/lib/nginx.ts`);
	const [indent, params] = [servers[0][1], servers[0][2]];
	const lines = upstreams.map((p) => `${indent}server 127.0.0.1:${p} ${params};\n`).join('');
	const from = servers[0].index!;
	const to = servers[1].index! + servers[1][0].length;
	return text.slice(0, from) + lines + text.slice(to);
}

function mainConfig(dir: string) {
	// One worker: on 2 cores it is not the limit, and its CPU is measured as the proxy's.
	return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  log_format upstreams '$msec $status "$upstream_addr"';
  access_log ${dir}/access.log upstreams buffer=64k flush=1s;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${dir}/dangxiao.conf;
}
`;
}

function childrenOf(pid: number) {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

export async function startNginx(upstreams: number[], options: { port?: number } = {}): Promise<Proxy> {
	if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx`);
	const port = options.port ?? (await freePort());
	const dir = mkdtempSync(join(tmpdir(), 'dx-bench-nginx-'));
	let child: ReturnType<typeof spawn> | undefined;
	try {
		chmodSync(dir, 0o755); // started as root, nginx's worker runs as nobody and must reach the folder
		mkdirSync(join(dir, 'tmp'));
		writeFileSync(join(dir, 'dangxiao.conf'), proxyConfig(readFileSync(CONFIG, 'utf8'), port, upstreams));
		writeFileSync(join(dir, 'nginx.conf'), mainConfig(dir));
		// -e: the error log from the start, not the system's /var/log/nginx/error.log.
		const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')];
		execFileSync(NGINX, [...args, '-t', '-q'], { stdio: ['ignore', 'ignore', 'pipe'] });
		const nginx = (child = spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'inherit'] }));
		const exited = new Promise<void>((resolve) => nginx.once('exit', () => resolve()));
		let log: Logged[] | undefined;
		const readLog = (): Logged[] => {
			const file = join(dir, 'access.log');
			if (!existsSync(file)) return [];
			return readFileSync(file, 'utf8')
				.split('\n')
				.filter(Boolean)
				.map((line) => {
					const [, at, status, addrs] = /^([\d.]+) (\d+) "(.*)"$/.exec(line) ?? [];
					// "a, b" when nginx tried a second instance; "a : b" across an internal redirect
					return { at: Number(at) * 1000, status: Number(status), upstreams: (addrs ?? '').split(/, | : /).filter((a) => a && a !== '-') };
				});
		};
		const url = `http://127.0.0.1:${port}`;
		const until = Date.now() + 10_000;
		while (!(await fetch(`${url}/healthz`).then((r) => (r.arrayBuffer(), true), () => false))) {
			if (Date.now() > until || nginx.exitCode !== null) throw new Error(`nginx did not answer on ${url}: ${readFileSync(join(dir, 'error.log'), 'utf8').slice(-500)}`);
			await new Promise((r) => setTimeout(r, 100));
		}
		return {
			url,
			port,
			pids: () => [nginx.pid!, ...childrenOf(nginx.pid!)],
			log: () => log ?? readLog(),
			async stop() {
				if (log) return log;
				// SIGQUIT: finish what is in flight and flush the log; SIGKILL if it hangs.
				nginx.kill('SIGQUIT');
				const timer = setTimeout(() => nginx.kill('SIGKILL'), 10_000);
				await exited;
				clearTimeout(timer);
				log = readLog();
				rmSync(dir, { recursive: true, force: true });
				return log;
			}
		};
	} catch (e) {
		child?.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
		throw e;
	}
}
