import MarkdownIt, { type StateBlock, type StateCore, type Token } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/*
 * Long on purpose: the component rules, the renderer and the sanitiser's allowlist are one
 * wall and are read together.
 *
 * Lessons written in the browser: the same Markdown and the same four components as
 * content/ (compiled there by mdsvex with src/lib/lesson/components), rendered at run
 * time into the same markup. Raw HTML is escaped, never passed through; the components
 * are recognised by a block rule with strictly parsed attributes; sanitize-html runs
 * last as a second wall.
 */

const { escapeHtml } = new MarkdownIt().utils;

const FILE_URL = /^\/files\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** http(s) anywhere, or a file uploaded to this site. Nothing else may load into a lesson. */
export function isSafeMediaUrl(url: string) {
	if (FILE_URL.test(url)) return true;
	// Quotes, spaces and angle brackets have no business in a media address.
	if (!/^https?:\/\//i.test(url) || /[\s"'<>\\]/.test(url)) return false;
	try {
		const u = new URL(url);
		return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
	} catch {
		return false;
	}
}

// Links may also point within the site or to a mail address; markdown-it has already
// percent-encoded control characters, so `jav\tascript:` cannot hide behind them.
function isSafeLink(url: string) {
	const u = url.trim();
	if (/^(https?:\/\/|mailto:)/i.test(u)) return true;
	// Relative: no scheme before the first / ? or #.
	return !/^[^/?#]*:/.test(u) && !u.startsWith('//');
}

type Attrs = Record<string, string>;
interface ComponentSpec {
	attrs: Record<string, 'text' | 'media' | 'id'>;
	required: string[];
}
const selfClosing: Record<string, ComponentSpec> = {
	Figure: { attrs: { src: 'media', caption: 'text' }, required: ['src'] },
	Video: { attrs: { src: 'media', title: 'text', captions: 'media' }, required: ['src'] },
	Practice: { attrs: { id: 'id' }, required: ['id'] }
};
const keyPointSpec: ComponentSpec = { attrs: { title: 'text' }, required: [] };

const ATTR = /\s+([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const entity = /&(amp|lt|gt|quot|#39|apos);/g;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** An attribute's value from an ATTR match: either quote style, entities decoded. */
const attrValue = (m: RegExpExecArray | RegExpMatchArray) => (m[2] ?? m[3]).replace(entity, (_, e: string) => entities[e]);

/** `<Name a="…" b='…'` + end: the attributes, or null when anything is off. Unknown ones are dropped. */
function parseTag(line: string, name: string, end: RegExp, spec: ComponentSpec): Attrs | null {
	if (!line.startsWith(`<${name}`)) return null;
	let pos = name.length + 1;
	const attrs: Attrs = {};
	for (;;) {
		ATTR.lastIndex = pos;
		const m = ATTR.exec(line);
		if (!m) break;
		pos = ATTR.lastIndex;
		const key = m[1];
		const value = attrValue(m);
		const kind = spec.attrs[key];
		if (!kind || key in attrs) continue;
		if (kind === 'media' && !isSafeMediaUrl(value)) return null;
		if (kind === 'id' && !/^[A-Za-z0-9_-]{1,64}$/.test(value)) return null;
		attrs[key] = value;
	}
	if (!end.test(line.slice(pos))) return null;
	return spec.required.every((k) => k in attrs) ? attrs : null;
}

function lineAt(state: StateBlock, line: number) {
	return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

function componentBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean) {
	if (state.sCount[startLine] - state.blkIndent >= 4) return false;
	const text = lineAt(state, startLine);
	const name = /^<([A-Z][A-Za-z]*)/.exec(text)?.[1];
	const spec = name ? selfClosing[name] : undefined;
	if (!name || !spec) return false;
	const attrs = parseTag(text, name, /^\s*\/>\s*$/, spec);
	if (!attrs) return false;
	if (silent) return true;
	const token = state.push('lx_component', '', 0);
	token.info = name;
	token.meta = attrs;
	token.map = [startLine, startLine + 1];
	state.line = startLine + 1;
	return true;
}

function keyPointBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean) {
	if (state.sCount[startLine] - state.blkIndent >= 4) return false;
	const attrs = parseTag(lineAt(state, startLine), 'KeyPoint', /^\s*>\s*$/, keyPointSpec);
	if (!attrs) return false;
	let close = startLine + 1;
	for (; close < endLine; close++) {
		if (state.sCount[close] === state.sCount[startLine] && /^<\/KeyPoint>\s*$/.test(lineAt(state, close))) break;
	}
	if (close >= endLine) return false;
	if (silent) return true;

	const open = state.push('lx_keypoint_open', 'aside', 1);
	open.meta = { title: attrs.title ?? '要点' };
	open.map = [startLine, close + 1];
	const { parentType, lineMax } = state;
	state.parentType = 'lx_keypoint' as typeof state.parentType;
	state.lineMax = close;
	state.md.block.tokenize(state, startLine + 1, close);
	state.parentType = parentType;
	state.lineMax = lineMax;
	state.push('lx_keypoint_close', 'aside', -1);
	state.line = close + 1;
	return true;
}

function renderComponent(token: Token) {
	const a = token.meta as Attrs;
	const e = (s: string | undefined) => escapeHtml(s ?? '');
	switch (token.info) {
		case 'Figure':
			return `<figure class="lx-figure"><img src="${e(a.src)}" alt="${e(a.caption)}" loading="lazy"><figcaption>${e(a.caption)}</figcaption></figure>\n`;
		case 'Video': {
			// Captions (WebVTT) for learners who cannot hear the sound, or study where it must be off.
			const track = a.captions ? `<track kind="captions" src="${e(a.captions)}" srclang="zh" label="中文字幕" default>` : '';
			return `<figure class="lx-video"><video controls preload="metadata" src="${e(a.src)}" data-lx-video title="${e(a.title)}">${track}</video><figcaption>${e(a.title)}</figcaption></figure>\n`;
		}
		default:
			return `<div class="lx-practice" data-question-id="${e(a.id)}"><p class="lx-practice-placeholder">练习题（开启 JavaScript 后可作答）</p></div>\n`;
	}
}

// mdsvex's smartypants turns -- into an em dash and ... into an ellipsis; so do we.
function dashes(state: StateCore) {
	for (const block of state.tokens) {
		if (block.type !== 'inline' || !block.children) continue;
		for (const t of block.children) {
			if (t.type === 'text') t.content = t.content.replace(/(?<!-)--(?!-)/g, '—').replace(/\.\.\./g, '…');
		}
	}
}

// remark writes table alignment as align="…"; markdown-it as a style attribute, which we don't allow.
function tableAlign(state: StateCore) {
	for (const t of state.tokens) {
		const style = t.attrGet('style');
		if ((t.type === 'th_open' || t.type === 'td_open') && style) {
			t.attrs = [['align', String(style).replace('text-align:', '')]];
		}
	}
}

function createRenderer() {
	const md = new MarkdownIt({ html: false, linkify: true, typographer: true, quotes: '“”‘’' });
	md.disable('replacements');
	md.validateLink = isSafeLink;
	md.block.ruler.before('fence', 'lx_keypoint', keyPointBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
	md.block.ruler.before('fence', 'lx_component', componentBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
	md.core.ruler.push('lx_dashes', dashes);
	md.core.ruler.push('lx_table_align', tableAlign);
	// remark writes ~~x~~ as <del>.
	md.renderer.rules.s_open = () => '<del>';
	md.renderer.rules.s_close = () => '</del>';
	md.renderer.rules.lx_component = (tokens, idx) => renderComponent(tokens[idx]);
	md.renderer.rules.lx_keypoint_open = (tokens, idx) =>
		`<aside class="lx-keypoint"><p class="lx-keypoint-title">${escapeHtml(String(tokens[idx].meta?.title ?? '要点'))}</p><div class="lx-keypoint-body">`;
	md.renderer.rules.lx_keypoint_close = () => '</div></aside>\n';
	const image = md.renderer.rules.image!;
	md.renderer.rules.image = (tokens, idx, options, env, self) => {
		const src = String(tokens[idx].attrGet('src') ?? '');
		// An image that may not load is shown as its alt text.
		if (!isSafeMediaUrl(src)) return escapeHtml(tokens[idx].content);
		return image(tokens, idx, options, env, self);
	};
	md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
		tokens[idx].attrSet('rel', 'nofollow');
		return self.renderToken(tokens, idx, options);
	};
	return md;
}

const md = createRenderer();

// allowedEmptyAttributes exists in sanitize-html 2.12+, but not yet in @types/sanitize-html.
const sanitizeOptions: sanitizeHtml.IOptions & { allowedEmptyAttributes: string[] } = {
	allowedTags: [
		'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code',
		'em', 'strong', 's', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
		'aside', 'div', 'figure', 'figcaption', 'video', 'track'
	],
	allowedAttributes: {
		a: ['href', 'title', 'rel'],
		img: ['src', 'alt', 'title', 'loading'],
		video: ['controls', 'preload', 'src', 'data-lx-video', 'title'],
		track: [{ name: 'kind', values: ['captions'], multiple: false }, 'src', 'srclang', 'label', 'default'],
		ol: ['start'],
		th: [{ name: 'align', values: ['left', 'right', 'center'], multiple: false }],
		td: [{ name: 'align', values: ['left', 'right', 'center'], multiple: false }],
		div: ['data-question-id']
	},
	// Listing a tag here is what allows its class attribute, and only these values.
	allowedClasses: {
		aside: ['lx-keypoint'],
		p: ['lx-keypoint-title', 'lx-practice-placeholder'],
		div: ['lx-keypoint-body', 'lx-practice'],
		figure: ['lx-figure', 'lx-video'],
		code: ['language-*']
	},
	allowedEmptyAttributes: ['alt', 'title', 'default'],
	selfClosing: [...sanitizeHtml.defaults.selfClosing, 'track'],
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesByTag: { img: ['http', 'https'], video: ['http', 'https'], track: ['http', 'https'] },
	allowProtocolRelative: false,
	disallowedTagsMode: 'escape'
};

/** Markdown of a lesson written in the browser → the HTML learners see. Safe to {@html}. */
export function renderLessonMarkdown(source: string): string {
	return sanitizeHtml(md.render(source), sanitizeOptions);
}

/** The first address attribute (src, captions) of a component line that is not allowed, to name it. */
function badMediaAttribute(line: string, spec: ComponentSpec) {
	for (const m of line.matchAll(new RegExp(ATTR.source, 'g'))) {
		if (spec.attrs[m[1]] === 'media' && !isSafeMediaUrl(attrValue(m))) return m[1];
	}
	return undefined;
}

/**
 * What the renderer would show as text instead of as intended, so the editor can say
 * why and publishing can refuse: a component with a bad src, a missing attribute or no
 * closing tag, an unknown component, an image from a forbidden address.
 */
export function lessonMarkdownProblems(source: string): string[] {
	const problems: [number, string][] = [];
	const lines = source.split(/\r?\n/);
	let inFence = false;
	lines.forEach((raw, i) => {
		const line = raw.trim();
		if (/^(```|~~~)/.test(line)) inFence = !inFence;
		if (inFence) return;
		const name = /^<\/?([A-Z][A-Za-z]*)/.exec(line)?.[1];
		if (!name) return;
		const at = (message: string) => problems.push([i, `第 ${i + 1} 行：${message}`]);
		if (name === 'KeyPoint') {
			if (line.startsWith('</')) return;
			if (!parseTag(line, 'KeyPoint', /^\s*>\s*$/, keyPointSpec)) at('KeyPoint 开始标签格式不正确');
			else if (!lines.slice(i + 1).some((l) => l.trim() === '</KeyPoint>')) at('KeyPoint 缺少结束标签 </KeyPoint>');
			return;
		}
		const spec = selfClosing[name];
		if (!spec) at(`不支持的组件 <${name}>，只能使用 KeyPoint、Figure、Video、Practice`);
		else if (!parseTag(line, name, /^\s*\/>\s*$/, spec)) {
			const bad = badMediaAttribute(line, spec) ?? 'src';
			at(spec.attrs.src ? `${name} 的 ${bad} 只能是 https:// 地址或上传后的 /files/… 地址，且须以 /> 结尾` : `${name} 缺少 id 或格式不正确（如 <Practice id="act-012" />）`);
		}
	});
	for (const block of md.parse(source, {})) {
		for (const t of block.children ?? []) {
			const src = t.type === 'image' ? String(t.attrGet('src') ?? '') : '';
			if (src && !isSafeMediaUrl(src)) {
				const line = block.map?.[0] ?? 0;
				problems.push([line, `第 ${line + 1} 行：图片“${t.content}”的地址只能是 https:// 地址或上传后的 /files/… 地址`]);
			}
		}
	}
	return problems.sort((a, b) => a[0] - b[0]).map(([, message]) => message);
}
