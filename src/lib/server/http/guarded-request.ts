import { error } from '@sveltejs/kit';
import { tooLargeMessage } from './body-limit';

/** Longest text a form field may carry (a lesson's body is at most 200 000 characters). */
export const MAX_FIELD_CHARS = 200_000;

export const MALFORMED_FORM_MESSAGE = '提交的表单数据无法解析，请刷新页面后重试';
export const MALFORMED_JSON_MESSAGE = '提交的数据不是有效的 JSON';
const LONG_FIELD_MESSAGE = `提交的某一项内容过长（超过 ${MAX_FIELD_CHARS} 字）`;

class BodyTooLarge extends Error {}

/**
 * The request as routes read it: a body that cannot be parsed is a 400 with a Chinese message
 * (not a 500, whichever route reads it), a body past the route's limit a 413. With `count`, the
 * bytes are counted as they arrive: a body without Content-Length is stopped at the limit, not
 * read to the end (adapter-node only stops at BODY_SIZE_LIMIT, sized for the largest upload).
 */
export class GuardedRequest extends Request {
	readonly #limit: number;

	constructor(request: Request, limit: number, count: boolean) {
		super(request, count && request.body ? ({ body: counted(request.body, limit), duplex: 'half' } as RequestInit) : undefined);
		this.#limit = limit;
	}

	async formData(): Promise<FormData> {
		const form = await this.#read(() => super.formData(), MALFORMED_FORM_MESSAGE);
		for (const value of form.values()) if (typeof value === 'string' && value.length > MAX_FIELD_CHARS) error(400, LONG_FIELD_MESSAGE);
		return form;
	}

	json(): Promise<unknown> {
		return this.#read(() => super.json(), MALFORMED_JSON_MESSAGE);
	}

	text() {
		return this.#read(() => super.text());
	}

	arrayBuffer() {
		return this.#read(() => super.arrayBuffer());
	}

	blob() {
		return this.#read(() => super.blob());
	}

	async #read<T>(read: () => Promise<T>, malformed?: string): Promise<T> {
		try {
			return await read();
		} catch (e) {
			// BodyTooLarge is ours; adapter-node's own limit errors carry status 413.
			if (e instanceof BodyTooLarge || (e as { status?: unknown })?.status === 413) error(413, tooLargeMessage(this.#limit));
			if (malformed && !this.signal.aborted) error(400, malformed);
			throw e;
		}
	}
}

/**
 * The body, stopped at `limit` bytes. Past it, the rest is read and dropped rather than the
 * stream cancelled: cancelling destroys the connection, and the 413 would never be sent.
 */
function counted(body: ReadableStream<Uint8Array>, limit: number) {
	const reader = body.getReader();
	let size = 0;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) return controller.close();
			size += value.byteLength;
			if (size <= limit) return controller.enqueue(value);
			controller.error(new BodyTooLarge());
			void discard(reader);
		},
		cancel: (reason) => reader.cancel(reason)
	});
}

async function discard(reader: ReadableStreamDefaultReader<Uint8Array>) {
	try {
		while (!(await reader.read()).done);
	} catch {
		// adapter-node's own limit (BODY_SIZE_LIMIT) ended the body: nothing more to drop.
	}
}
