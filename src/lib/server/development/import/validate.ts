import { fromLabel, politicalStatusLabels } from '$lib/labels';
import { stageLabels } from '$lib/development/labels';
import { calendarDateMessage } from '$lib/validation/fields';
import { normaliseDate } from '../../people/import/validate';
import { isCalendarDate, type CalendarDate } from '../engine/dates';
import type { DevelopmentStage } from '../tables';
import type { PoliticalStatus } from '../../db/schema';
import { dateKeys, type DateKey, type ImportRow } from './columns';
import { withinScope } from '../../auth/scope';

export interface ImportTarget {
	id: number;
	name: string;
	path: string;
	hasRecord: boolean;
	politicalStatus: PoliticalStatus;
}

export interface RowError {
	rowNumber: number;
	username: string;
	messages: string[];
}

export interface ImportPlan {
	rowNumber: number;
	personId: number;
	name: string;
	stage: DevelopmentStage;
	isLeagueMember: boolean;
	dates: Partial<Record<DateKey, CalendarDate>>;
	transferredFrom: string;
	note: string;
}

const dateLabels: Record<DateKey, string> = {
	appliedOn: '递交入党申请书日期',
	talkOn: '谈话日期',
	leagueRecOn: '团组织推优日期',
	memberRecOn: '党员推荐日期',
	activistOn: '确定为入党积极分子日期',
	activistFiledOn: '入党积极分子备案日期',
	candidateOn: '确定为发展对象日期',
	candidateFiledOn: '发展对象备案日期',
	reviewOn: '政审合格日期',
	admissionMeetingOn: '接收预备党员支部大会日期',
	admissionApprovedOn: '接收预备党员审批日期',
	confirmationMeetingOn: '转正支部大会日期',
	confirmationApprovedOn: '转正审批日期'
};

const stageIndex: Record<DevelopmentStage, number> = { applicant: 0, activist: 1, candidate: 2, probationary: 3, member: 4 };
/** The stage a date belongs to: a date of a later stage than the row's is a contradiction. */
const dateStage: Record<DateKey, number> = {
	appliedOn: 0, talkOn: 0, leagueRecOn: 0, memberRecOn: 0, activistOn: 1, activistFiledOn: 1, candidateOn: 2, candidateFiledOn: 2,
	reviewOn: 2, admissionMeetingOn: 3, admissionApprovedOn: 3, confirmationMeetingOn: 4, confirmationApprovedOn: 4
};
/** Dates each stage needs to be placed at all. */
const requiredFor: Record<DevelopmentStage, DateKey[]> = {
	applicant: ['appliedOn'],
	activist: ['appliedOn', 'activistOn'],
	candidate: ['appliedOn', 'activistOn', 'candidateOn'],
	probationary: ['appliedOn', 'activistOn', 'candidateOn', 'admissionMeetingOn', 'admissionApprovedOn'],
	member: ['appliedOn', 'activistOn', 'candidateOn', 'admissionMeetingOn', 'admissionApprovedOn', 'confirmationMeetingOn', 'confirmationApprovedOn']
};
/** Pairs that must not run backwards. */
const order: [DateKey, DateKey][] = [
	['appliedOn', 'talkOn'],
	['appliedOn', 'activistOn'],
	['activistOn', 'activistFiledOn'],
	['activistOn', 'candidateOn'],
	['candidateOn', 'candidateFiledOn'],
	['candidateOn', 'admissionMeetingOn'],
	['admissionMeetingOn', 'admissionApprovedOn'],
	['admissionMeetingOn', 'confirmationMeetingOn'],
	['confirmationMeetingOn', 'confirmationApprovedOn']
];

/**
 * The least stage a person's 政治面貌 on the roster allows: the import sets the 政治面貌 from the
 * stage, so a lower stage would quietly demote a 预备党员 to an activist.
 */
const leastStage: Partial<Record<PoliticalStatus, DevelopmentStage>> = {
	applicant: 'applicant', activist: 'activist', candidate: 'candidate', probationary: 'probationary', member: 'member'
};

const stageAliases: Record<string, DevelopmentStage> = { 申请人: 'applicant', 积极分子: 'activist', 中共党员: 'member', 党员: 'member', 中共预备党员: 'probationary' };
const yes = ['是', 'Y', 'y', '1', 'TRUE', 'true', '√'];

/** Checks every row before anything is written; the import is then all or nothing. */
export function validateImport(rows: ImportRow[], people: Map<string, ImportTarget>, scopePaths: string[], today: CalendarDate) {
	const valid: ImportPlan[] = [];
	const errors: RowError[] = [];
	const seen = new Map<string, number>();
	for (const row of rows) {
		const messages: string[] = [];
		const username = row.username.trim();
		const person = people.get(username);
		if (!username) messages.push('学号/工号不能为空');
		// Outside the importer's scope a 学号 reads like one not on the roster: nothing about who holds it.
		else if (!person || !withinScope(person.path, scopePaths)) messages.push(`学号/工号 ${username} 未找到，或不在您的管理范围内（人员须先导入名册）`);
		else {
			if (row.name.trim() && row.name.trim() !== person.name) messages.push(`姓名“${row.name.trim()}”与名册中的“${person.name}”不符`);
			if (person.hasRecord) messages.push(`${person.name} 已有发展党员纪实档案，不能重复导入`);
		}
		const first = seen.get(username);
		if (username && first) messages.push(`学号/工号 ${username} 与第 ${first} 行重复`);
		else if (username) seen.set(username, row.rowNumber);

		const stage = fromLabel(stageLabels, row.stage, stageAliases);
		if (!row.stage.trim()) messages.push('当前阶段不能为空');
		else if (!stage) messages.push(`当前阶段“${row.stage}”无法识别，应为：${Object.values(stageLabels).join('、')}`);

		const dates: Partial<Record<DateKey, CalendarDate>> = {};
		for (const key of dateKeys) {
			const text = row[key].trim();
			if (!text) continue;
			const date = normaliseDate(text);
			if (!isCalendarDate(date)) {
				const message = calendarDateMessage(dateLabels[key], date);
				messages.push(message?.includes('日期不存在') ? message : `${dateLabels[key]}“${text}”不是有效日期`);
			}
			else if (date > today) messages.push(`${dateLabels[key]}（${date}）晚于今天`);
			else dates[key] = date;
		}
		const least = person && leastStage[person.politicalStatus];
		if (stage && person && least && stageIndex[stage] < stageIndex[least]) {
			messages.push(`${person.name} 的政治面貌为${politicalStatusLabels[person.politicalStatus]}，当前阶段不能低于${stageLabels[least]}（表中为${stageLabels[stage]}）`);
		}
		if (stage) {
			for (const key of requiredFor[stage]) if (!row[key].trim()) messages.push(`阶段为${stageLabels[stage]}，须填写${dateLabels[key]}`);
			for (const key of dateKeys) {
				if (dates[key] && dateStage[key] > stageIndex[stage]) messages.push(`阶段为${stageLabels[stage]}，不应填写${dateLabels[key]}`);
			}
		}
		for (const [a, b] of order) {
			if (dates[a] && dates[b] && dates[b]! < dates[a]!) messages.push(`${dateLabels[b]}（${dates[b]}）早于${dateLabels[a]}（${dates[a]}）`);
		}
		if (messages.length || !person || !stage) {
			errors.push({ rowNumber: row.rowNumber, username, messages });
			continue;
		}
		valid.push({
			rowNumber: row.rowNumber,
			personId: person.id,
			name: person.name,
			stage,
			isLeagueMember: yes.includes(row.league.trim()),
			dates,
			transferredFrom: row.transferredFrom.trim().slice(0, 100),
			note: row.note.trim().slice(0, 500)
		});
	}
	return { valid, errors };
}
