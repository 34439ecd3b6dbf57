import type { RuleSet } from '../rule-types';
import { admissionRules2014 } from './cpc-2014-admission';
import { cultivationRules2014 } from './cpc-2014-cultivation';
import { stepRules2014 } from './cpc-2014-steps';

export const cpc2014: RuleSet = {
	id: 'cpc-2014',
	title: '《中国共产党发展党员工作细则》（2014年）',
	status: 'in_force',
	// Key order is the order checks are listed to a secretary (the order of the spec's table).
	rules: { ...cultivationRules2014, ...admissionRules2014, ...stepRules2014 }
};
