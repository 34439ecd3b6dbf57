import { expect, test, type Page } from '@playwright/test';
import { demoAccounts } from './crawl';
import { login } from './helpers';

// Nothing may be wider than a phone: every page each demo role's menu reaches, and one detail
// page of each kind, at 390×844. A table that needs more room must become cards or scroll inside
// its own box; the document itself never scrolls sideways.
test.use({ viewport: { width: 390, height: 844 } });

// The demo graduate holds a certificate (src/lib/server/completion/demo.ts): the certificate page is theirs.
const accounts = [...demoAccounts, '222019801'] as const;

/** One page of each kind, reached from the menu's pages (or from a page reached so). */
const details: [string, RegExp][] = [
	['培训班', /^\/cohorts\/\d+$/],
	['发展党员档案', /^\/development\/people\/\d+$/],
	['考试（管理）', /^\/exam-admin\/\d+$/],
	['考试', /^\/exams\/\d+$/],
	['培训档案', /^\/my\/record$/],
	['证书', /^\/certificates\/\d+$/]
];

/** Buttons (and what acts as one) smaller than a 44 px tap target. */
async function smallTargets(page: Page) {
	return page.evaluate(() => {
		const out: string[] = [];
		for (const el of document.querySelectorAll('main button, main .btn, main summary, .menu-toggle')) {
			const r = el.getBoundingClientRect();
			if (r.width === 0 || r.height === 0) continue; // not shown
			if (r.height < 43.5 || r.width < 43.5) out.push(`「${(el.textContent ?? '').trim().slice(0, 20)}」${Math.round(r.width)}×${Math.round(r.height)}`);
		}
		return out;
	});
}

interface TooWide {
	page: string;
	scrollWidth: number;
	widest: string;
}

/** null when the page fits; else the document's width and the element reaching furthest right. */
async function overflow(page: Page) {
	return page.evaluate(() => {
		const viewport = window.innerWidth;
		const scrollWidth = document.documentElement.scrollWidth;
		if (scrollWidth <= viewport) return null;
		// An element inside a box that scrolls or clips does not widen the document: skip those. An
		// absolutely positioned one escapes every such box up to its positioned parent.
		const clipped = (el: Element) => {
			let escaping = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				const style = getComputedStyle(p);
				if (!escaping && style.overflowX !== 'visible') return true;
				if (style.position !== 'static') escaping = ['absolute', 'fixed'].includes(style.position);
			}
			return false;
		};
		let worst: { el: Element; right: number } | null = null;
		for (const el of document.body.querySelectorAll('*')) {
			const right = el.getBoundingClientRect().right + window.scrollX;
			if (right <= viewport + 0.5 || clipped(el)) continue;
			// The furthest right wins; on a tie the innermost element names the culprit best.
			if (!worst || right > worst.right + 0.5 || (Math.abs(right - worst.right) <= 0.5 && worst.el.contains(el))) worst = { el, right };
		}
		const name = (el: Element) =>
			`<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].filter((c) => !c.startsWith('svelte-')).map((c) => `.${c}`).join('')}>`;
		const text = (worst?.el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
		return { scrollWidth, widest: worst ? `${name(worst.el)} 右边缘 ${Math.round(worst.right)}px「${text}」` : '(未找到)' };
	});
}

for (const account of accounts) {
	test(`every page ${account} reaches fits a 390 px phone`, async ({ page }) => {
		test.setTimeout(240_000);
		await login(page, account);
		await page.goto('/');
		const menu = await page.locator('#site-nav a[href^="/"]').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
		expect(menu.length, 'menu links').toBeGreaterThan(3);
		const queue = [...new Set(menu)];
		const found = new Set<string>();
		const tooWide: TooWide[] = [];
		const tooSmall: string[] = [];
		for (let i = 0; i < queue.length; i++) {
			const path = queue[i];
			const res = await page.goto(path);
			expect(res?.status(), path).toBeLessThan(400);
			const wide = await overflow(page);
			if (wide) tooWide.push({ page: path, ...wide });
			for (const t of await smallTargets(page)) tooSmall.push(`${path} ${t}`);
			const links = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
			for (const [kind, pattern] of details) {
				if (found.has(kind)) continue;
				const link = links.find((l) => pattern.test(l));
				if (link) {
					found.add(kind);
					queue.push(link);
				}
			}
		}
		expect(tooWide, `pages wider than the phone for ${account}`).toEqual([]);
		expect(tooSmall, `buttons smaller than 44 px for ${account}`).toEqual([]);
	});
}
