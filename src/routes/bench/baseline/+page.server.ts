import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

// The benchmarks' yardstick: a SvelteKit page of a requested size that touches no
// database. Exists only when the server runs with BENCH_ROUTES=1.
const paragraph = '中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队，是中国特色社会主义事业的领导核心。';

export const load: PageServerLoad = ({ url }) => {
	if (process.env.BENCH_ROUTES !== '1') error(404, 'Not Found');
	const bytes = Math.min(200_000, Math.max(0, Number(url.searchParams.get('bytes')) || 10_000));
	const per = new TextEncoder().encode(`<p>${paragraph}</p>`).byteLength;
	return { paragraphs: Array.from({ length: Math.ceil(bytes / per) }, () => paragraph) };
};
