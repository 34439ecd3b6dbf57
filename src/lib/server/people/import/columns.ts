/**
 * The roster's columns, shared by import, export and the template, so that an
 * exported sheet imports back unchanged. `aliases` are headings schools commonly use.
 */
export const rosterColumns = [
	{ key: 'username', header: '学号/工号', aliases: ['学号', '工号', '学工号'], required: true, width: 14 },
	{ key: 'name', header: '姓名', aliases: [], required: true, width: 10 },
	{ key: 'gender', header: '性别', aliases: [], required: true, width: 6 },
	{ key: 'birthDate', header: '出生日期', aliases: ['出生年月日'], required: false, width: 12 },
	{ key: 'org', header: '所属组织', aliases: ['党支部', '所在支部', '所属党支部', '单位'], required: true, width: 28 },
	{ key: 'grade', header: '年级', aliases: [], required: false, width: 8 },
	{ key: 'classGroup', header: '班级', aliases: [], required: false, width: 14 },
	{ key: 'politicalStatus', header: '政治面貌', aliases: [], required: true, width: 12 },
	{ key: 'phone', header: '手机', aliases: ['手机号', '联系电话', '电话'], required: false, width: 14 },
	{ key: 'graduationDate', header: '毕业时间', aliases: ['预计毕业时间', '毕业日期'], required: false, width: 12 },
	{ key: 'ethnicity', header: '民族', aliases: [], required: false, width: 8 },
	{ key: 'nativePlace', header: '籍贯', aliases: [], required: false, width: 12 },
	{ key: 'education', header: '学历', aliases: ['文化程度'], required: false, width: 12 },
	// Blank or the masked form of the number on file leaves it unchanged (people/identity.ts).
	{ key: 'idNumber', header: '身份证号', aliases: ['身份证号码', '公民身份号码'], required: false, width: 22 },
	{ key: 'joinedOn', header: '入党日期', aliases: ['入党时间'], required: false, width: 12 },
	{ key: 'confirmedOn', header: '转正日期', aliases: ['转正时间'], required: false, width: 12 }
] as const;

export type RosterKey = (typeof rosterColumns)[number]['key'];
export type RosterRow = { rowNumber: number } & Record<RosterKey, string>;
