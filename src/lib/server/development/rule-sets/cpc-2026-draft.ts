import type { RuleSet } from '../rule-types';
import { cpc2014 } from './cpc-2014';
import { always, fixed, floor } from './params';

// Public material suggests the May 2026 revision makes two school practices national: a 5-working-day
// notice before someone becomes a candidate, and the branch meeting within a month of pre-review.
// The official text is not confirmed (article numbers may also shift by one), so this set is a
// draft: nothing selects it by default, and its sources say 待核实.
const source = '《细则》（2026年修订，条号待核实）';

export const cpc2026Draft: RuleSet = {
	id: 'cpc-2026-draft',
	title: '《中国共产党发展党员工作细则》（2026年修订稿，待核实）',
	status: 'draft',
	rules: {
		...cpc2014.rules,
		'candidate-notice': {
			...cpc2014.rules['candidate-notice'],
			source,
			level: 'national',
			exemptable: false,
			params: { enabled: always('启用'), workingDays: floor('公示期', '个工作日', 5, 15) }
		},
		'meeting-after-review': {
			...cpc2014.rules['meeting-after-review'],
			source,
			level: 'national',
			exemptable: false,
			params: { months: fixed('期限', '个月', 1) }
		}
	}
};
