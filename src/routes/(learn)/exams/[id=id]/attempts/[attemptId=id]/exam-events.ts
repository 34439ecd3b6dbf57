/**
 * What the instructor sees next to a score: the page hidden, the window left, a paste, the
 * network lost and back. Logged, never blocked; sent in batches every 10 s, with the submit,
 * and by keepalive as the page goes away.
 */
export class ExamEvents {
	private events: { kind: string; at: string }[] = [];

	constructor(
		private attemptId: number,
		private isClosed: () => boolean
	) {}

	record(kind: string) {
		if (!this.isClosed()) this.events.push({ kind, at: new Date().toISOString() });
	}

	async flush(keepalive = false) {
		if (this.events.length === 0) return;
		const batch = this.events;
		this.events = [];
		try {
			const res = await fetch(`/api/exams/attempts/${this.attemptId}/events`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ events: batch.slice(0, 100) }),
				keepalive
			});
			if (!res.ok && res.status >= 500) this.events = [...batch, ...this.events];
		} catch {
			this.events = [...batch, ...this.events];
		}
	}

	/** Listens to the page; `online` also gets the network's return. Returns the clean-up. */
	watch(online: () => void) {
		const timer = setInterval(() => void this.flush(), 10_000);
		const onVisibility = () => document.visibilityState === 'hidden' && this.record('hidden');
		const onBlur = () => this.record('blur');
		const onPaste = () => this.record('paste');
		const onOffline = () => this.record('offline');
		const onOnline = () => {
			this.record('online');
			online();
		};
		const onLeave = () => void this.flush(true);
		document.addEventListener('visibilitychange', onVisibility);
		window.addEventListener('blur', onBlur);
		document.addEventListener('paste', onPaste);
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		window.addEventListener('pagehide', onLeave);
		return () => {
			clearInterval(timer);
			document.removeEventListener('visibilitychange', onVisibility);
			window.removeEventListener('blur', onBlur);
			document.removeEventListener('paste', onPaste);
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
			window.removeEventListener('pagehide', onLeave);
		};
	}
}
