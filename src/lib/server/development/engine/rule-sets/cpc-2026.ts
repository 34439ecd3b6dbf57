import type { CheckId, RuleDefinition, RuleSet, RuleTable } from '../rule-types';
import { cpc2014 } from './cpc-2014';
import { always, fixed, floor } from './params';

// 《中国共产党发展党员工作细则》 as revised in May 2026. Its article numbers follow the map in
// development-rules.md, read off several independent public sources; the official text itself is
// not in hand, which only the admin choosing the rule set is told (`adminNote`). A rule whose 2026
// article no source gives cites the text without a number rather than a guessed one.
const text = '《细则》（2026年修订）';
const art = (...articles: string[]) => `${text}${articles.join('、')}`;

/** National rules' sources in the 2026 numbering; school rules keep 「学校规定」. */
const sources: Partial<Record<CheckId, string>> = {
	age: text,
	'talk-1m': art('第七条'),
	'league-rec': `${text}；共青团推优入党规定`,
	// The 发展对象 decision is 第十三条; the activist decision's article is not in the map.
	'decision-filed': `${text}；确定发展对象：第十三条`,
	mentors: text,
	evaluations: art('第十一条'),
	'one-year': art('第十三条'),
	opinions: art('第十三条'),
	'candidate-notice': art('第十三条'),
	sponsors: text,
	'political-review': art('第十六条'),
	'candidate-training': art('第十七条'),
	'pre-review': art('第十八条'),
	'admission-form': text,
	'leaving-3m': text,
	'meeting-after-review': art('第十九条'),
	vote: text,
	'committee-talk': text,
	// Admission approval is 第二十五条, confirmation approval 第三十三条.
	approver: art('第二十五条', '第三十三条'),
	'approval-3m': art('第二十五条', '第三十三条'),
	// Probation of one year (第三十一条); the application and decision when it ends (第三十二条).
	'probation-1y': art('第三十一条', '第三十二条'),
	'extension-once': art('第三十二条'),
	// The oath within one month of approval (第二十九条); the probation's 考察 under 第三十一条;
	// the application not before probation ends (第三十二条); the archive (第三十六条).
	oath: art('第二十九条'),
	'probation-evaluations': art('第三十一条'),
	'confirmation-application': art('第三十二条'),
	archive: art('第三十六条')
};

function renumbered(rules: RuleTable): RuleTable {
	const out = {} as Record<CheckId, RuleDefinition>;
	for (const [id, rule] of Object.entries(rules) as [CheckId, RuleDefinition][]) {
		out[id] = rule.level === 'national' ? { ...rule, source: sources[id] ?? text } : rule;
	}
	return out as RuleTable;
}

const base = renumbered(cpc2014.rules);

export const cpc2026: RuleSet = {
	id: 'cpc-2026',
	title: '《中国共产党发展党员工作细则》（2026年修订）',
	status: 'in_force',
	adminNote:
		'本规则集依据多个公开来源对2026年5月修订版《细则》的转述整理（条号按这些来源），官方文本尚未在本系统核对。选用前请对照正式印发的文本；学员和支部看到的依据只显示条号。',
	rules: {
		...base,
		// Made national by the revision: at least five working days, before the 发展对象 decision.
		'candidate-notice': {
			...base['candidate-notice'],
			source: art('第十三条'),
			level: 'national',
			exemptable: false,
			params: { enabled: always('启用'), workingDays: floor('公示期', '个工作日', 5, 15) }
		},
		// 第三十三条: confirmation within 3 months. Whether admission's 6-month special case (第二十五条)
		// applies to it too the sources do not settle, so cpc-2026 leaves it out.
		'approval-3m': {
			...base['approval-3m'],
			params: { ...base['approval-3m'].params, confirmationHardStopMonths: fixed('转正审批最长期限', '个月', 3) }
		},
		// The sources give the article of the probation decisions, not its paragraphs.
		'probation-1y': { ...base['probation-1y'], earlySource: art('第三十二条') },
		'meeting-after-review': {
			...base['meeting-after-review'],
			source: art('第十九条'),
			level: 'national',
			exemptable: false,
			params: { months: fixed('期限', '个月', 1) }
		},
		oath: { ...base.oath, params: { months: fixed('宣誓期限', '个月', 1) } },
		'confirmation-application': { ...base['confirmation-application'], params: { earliestDaysBefore: fixed('最早提前', '天', 0) } }
	}
};
