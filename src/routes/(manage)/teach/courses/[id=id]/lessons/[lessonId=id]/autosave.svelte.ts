import { deserialize } from '$app/forms';
import { shanghaiSeconds } from '$lib/time/shanghai';

// The editor's draft, saved by itself a few seconds after typing stops, when the field is left
// and when the tab is hidden — through the page's own saveDraft action, so the server checks it
// as it checks the 保存草稿 button. Saves run one at a time, each from the revision the last one
// returned. A network drop or a server error is retried with a growing pause; the text stays in
// the textarea all along. A refused save (another editor's newer draft, a field to correct)
// waits for the person.

export const AUTOSAVE_DELAY_MS = 3000;
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];

export type SaveState =
	| { kind: 'saved'; at: Date | null; auto: boolean }
	| { kind: 'dirty' }
	| { kind: 'saving' }
	| { kind: 'retrying'; attempt: number }
	| { kind: 'invalid'; message: string; errors: Record<string, string> }
	| { kind: 'conflict'; message: string; revision: number }
	| { kind: 'refused'; message: string };

export interface Conflict {
	revision: number;
}

export class DraftAutosave {
	state = $state<SaveState>({ kind: 'saved', at: null, auto: false });
	revision = $state(0);
	/** the fields as last saved (or loaded), to tell whether anything is unsaved */
	savedSnapshot = $state('');
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running: Promise<void> | null = null;
	#retries = 0;

	constructor(
		private readonly fields: () => Record<string, string>,
		private readonly editor: string,
		revision: number
	) {
		this.revision = revision;
		this.savedSnapshot = JSON.stringify(fields());
	}

	get dirty() {
		return JSON.stringify(this.fields()) !== this.savedSnapshot;
	}

	/** Typing happened: save once it has stopped for a few seconds (unless a refusal waits for the person). */
	changed() {
		if (!this.dirty) {
			if (this.state.kind === 'dirty' || this.state.kind === 'invalid') this.state = { kind: 'saved', at: null, auto: false };
			return;
		}
		if (this.state.kind === 'conflict' || this.state.kind === 'refused') return;
		if (this.state.kind !== 'retrying' && this.state.kind !== 'saving') this.state = { kind: 'dirty' };
		this.#schedule(AUTOSAVE_DELAY_MS);
	}

	/** Save now (field left, tab hidden): nothing when nothing changed. */
	flush(keepalive = false) {
		clearTimeout(this.#timer);
		if (this.state.kind === 'conflict' || this.state.kind === 'refused') return Promise.resolve();
		return this.#queue(keepalive);
	}

	/** Waits for a save in flight and stops the timer: a button's save goes next, from the newest revision. */
	async settle() {
		clearTimeout(this.#timer);
		while (this.#running) await this.#running;
	}

	/** What a button's save (enhance) answered: the same bookkeeping as an autosave's answer. */
	answered(sent: string, result: { type: string; status?: number; data?: Record<string, unknown> }) {
		const data = result.data ?? {};
		if (typeof data.revision === 'number') {
			this.revision = data.revision;
			this.savedSnapshot = sent;
			this.state = { kind: 'saved', at: toDate(data.savedAt), auto: false };
		} else if (result.type === 'failure' && result.status === 409) this.#conflict(data);
	}

	/** The person chose to overwrite the newer draft with theirs. */
	overwrite() {
		if (this.state.kind !== 'conflict') return Promise.resolve();
		this.revision = this.state.revision;
		this.state = { kind: 'dirty' };
		return this.flush();
	}

	/** A restored version replaced the draft: start again from it. */
	reset(revision: number) {
		this.revision = revision;
		this.savedSnapshot = JSON.stringify(this.fields());
		this.state = { kind: 'saved', at: null, auto: false };
	}

	#schedule(ms: number) {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.#queue(false), ms);
	}

	async #queue(keepalive: boolean) {
		while (this.#running) await this.#running;
		if (!this.dirty) return;
		this.#running = this.#save(keepalive).finally(() => (this.#running = null));
		await this.#running;
	}

	async #save(keepalive: boolean) {
		const values = this.fields();
		const sent = JSON.stringify(values);
		const body = new FormData();
		for (const [k, v] of Object.entries(values)) if (k !== 'required' || v) body.set(k, v);
		body.set('revision', String(this.revision));
		body.set('editor', this.editor);
		this.state = { kind: 'saving' };
		let result;
		try {
			const res = await fetch(`${location.pathname}?/saveDraft`, {
				method: 'POST',
				body,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' },
				cache: 'no-store',
				// a hidden tab may be closed next: let the request outlive it (browsers allow up to 64 KB)
				keepalive: keepalive && sent.length < 16_000
			});
			result = deserialize(await res.text());
			if (result.type === 'error') result.status = res.status;
		} catch {
			return this.#retry();
		}
		if (result.type === 'success') {
			this.#retries = 0;
			this.answered(sent, result);
			this.state = { kind: 'saved', at: toDate(result.data?.savedAt), auto: true };
			// typed while the save was on its way
			if (this.dirty) this.changed();
		} else if (result.type === 'failure') {
			this.#retries = 0;
			const data = (result.data ?? {}) as Record<string, unknown>;
			if (result.status === 409) this.#conflict(data);
			else if (data.errors) this.state = { kind: 'invalid', message: '自动保存未完成：请修正标出的字段', errors: data.errors as Record<string, string> };
			else this.state = { kind: 'refused', message: String(data.message ?? '保存未成功') };
		} else if (result.type === 'error' && (result.status ?? 500) >= 500) {
			this.#retry();
		} else {
			// signed out, or the grant was withdrawn: retrying will not help, the text stays here
			const message = result.type === 'error' ? String((result.error as { message?: string })?.message ?? '') : '';
			this.state = { kind: 'refused', message: `无法保存${message ? `：${message}` : ''}。修改仍在编辑框中，请先复制保存，再刷新页面或重新登录。` };
		}
	}

	#conflict(data: Record<string, unknown>) {
		const conflict = data.conflict as Conflict | undefined;
		this.state = { kind: 'conflict', message: String(data.message ?? ''), revision: conflict?.revision ?? this.revision };
	}

	#retry() {
		const attempt = ++this.#retries;
		this.state = { kind: 'retrying', attempt };
		this.#schedule(RETRY_MS[Math.min(attempt - 1, RETRY_MS.length - 1)]);
	}

	/** Retry at once when the browser is back online. */
	online() {
		if (this.state.kind === 'retrying') void this.flush();
	}
}

const toDate = (v: unknown) => (v instanceof Date ? v : typeof v === 'string' ? new Date(v) : new Date());

/** The status line next to the buttons. */
export function describe(state: SaveState, dirty: boolean): string {
	switch (state.kind) {
		case 'saved':
			if (dirty) return '有未保存的修改';
			return state.at ? `${state.auto ? '已自动保存' : '已保存'} ${shanghaiSeconds(state.at).slice(-8)}` : '';
		case 'dirty':
			return '有未保存的修改';
		case 'saving':
			return '正在保存…';
		case 'retrying':
			return '保存失败，正在重试（修改仍在编辑框中）';
		default:
			return state.message;
	}
}
