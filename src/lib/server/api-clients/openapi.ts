import { DEFAULT_LIMIT, MAX_LIMIT } from './query';

// The API's OpenAPI 3.1 description, served at /api/docs (JSON) and read by its page.

const error = { type: 'object', required: ['error'], properties: { error: { type: 'string', description: '中文说明' } } };
const person = {
	type: 'object',
	properties: { username: { type: 'string', description: '学号/工号' }, name: { type: 'string' }, orgUnit: { type: 'string', description: '所在组织' } }
};
const date = { type: 'string', format: 'date' };
const nullableDate = { type: ['string', 'null'], format: 'date' };

const schemas = {
	Error: error,
	Person: person,
	TrainingRecord: {
		type: 'object',
		properties: {
			person: { $ref: '#/components/schemas/Person' },
			totalHours: { type: 'number', description: '各培训班学时之和' },
			cohorts: {
				type: 'array',
				items: {
					type: 'object',
					properties: {
						cohortId: { type: 'integer' },
						cohort: { type: 'string' },
						course: { type: 'string' },
						startsOn: date,
						endsOn: date,
						hours: { type: 'object', properties: { online: { type: 'number' }, offline: { type: 'number' }, total: { type: 'number' } } },
						completion: { enum: ['met', 'not_met', 'pending'] },
						completionLabel: { type: 'string', examples: ['已结业'] },
						certificateSerial: { type: ['string', 'null'] }
					}
				}
			}
		}
	},
	Certificate: {
		type: 'object',
		properties: {
			id: { type: 'integer' },
			person: { $ref: '#/components/schemas/Person' },
			serial: { type: 'string' },
			course: { type: 'object', properties: { code: { type: 'string' }, title: { type: 'string' } } },
			cohort: { type: 'string' },
			creditHours: { type: 'number' },
			issuedOn: date,
			validUntil: nullableDate,
			status: { enum: ['valid', 'expired', 'revoked', 'superseded'] },
			statusLabel: { type: 'string', examples: ['有效', '已撤销'] },
			revokedAt: { type: ['string', 'null'], format: 'date-time' },
			revokeReason: { type: ['string', 'null'] }
		}
	},
	DevelopmentStage: {
		type: 'object',
		properties: {
			person: { $ref: '#/components/schemas/Person' },
			stage: { enum: ['applicant', 'activist', 'candidate', 'probationary', 'member'] },
			stageLabel: { type: 'string', examples: ['入党积极分子'] },
			stageSince: date,
			joinedOn: nullableDate,
			confirmedOn: nullableDate,
			closedOn: nullableDate,
			closedReason: { type: ['string', 'null'], enum: ['probation_cancelled', 'withdrawn', null] }
		}
	}
};

const refusals = {
	'400': { description: '查询参数有误', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
	'401': { description: '缺少令牌、令牌无效或已撤销', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
	'429': {
		description: '超过本令牌每分钟的请求次数；Retry-After 头给出秒数',
		content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
	}
};

const listParameters = [
	{ name: 'cursor', in: 'query', description: '上一页返回的 nextCursor', schema: { type: 'string', pattern: '^[0-9]+$' } },
	{ name: 'limit', in: 'query', description: `每页条数，默认 ${DEFAULT_LIMIT}，最多 ${MAX_LIMIT}`, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT } },
	{ name: 'person', in: 'query', description: '只看一人：学号/工号', schema: { type: 'string' } }
];

function list(summary: string, item: string) {
	return {
		get: {
			summary,
			parameters: listParameters,
			responses: {
				'200': {
					description: '一页记录；nextCursor 为 null 时是最后一页',
					content: {
						'application/json': {
							schema: {
								type: 'object',
								properties: { data: { type: 'array', items: { $ref: `#/components/schemas/${item}` } }, nextCursor: { type: ['string', 'null'] } }
							}
						}
					}
				},
				...refusals
			}
		}
	};
}

export const openApi = {
	openapi: '3.1.0',
	info: {
		title: '网上党校 · 数据接口',
		version: '1.0.0',
		description:
			'供学校其他系统（学工、党员信息系统）只读调用：培训档案（学时、结业）、结业证书和发展阶段。令牌由组织部/党校管理员在「系统设置 → 接口令牌」创建，只能读取令牌所选组织（含下级）的人员。每次调用记入审计日志。'
	},
	servers: [{ url: '/api/v1' }],
	security: [{ bearer: [] }],
	components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '以 dxapi_ 开头的令牌' } }, schemas },
	paths: {
		'/training-records': list('培训档案：每人各培训班的学时与结业情况', 'TrainingRecord'),
		'/certificates': list('结业证书：编号、课程、日期与状态（含已撤销）', 'Certificate'),
		'/development-stages': list('发展阶段：每人当前所处阶段及起始日期', 'DevelopmentStage'),
		'/people/{username}': {
			get: {
				summary: '一人的培训档案、证书与发展阶段',
				parameters: [{ name: 'username', in: 'path', required: true, description: '学号/工号', schema: { type: 'string' } }],
				responses: {
					'200': {
						description: '该人员的记录',
						content: {
							'application/json': {
								schema: {
									type: 'object',
									properties: {
										username: { type: 'string' },
										trainingRecord: { oneOf: [{ $ref: '#/components/schemas/TrainingRecord' }, { type: 'null' }] },
										certificates: { type: 'array', items: { $ref: '#/components/schemas/Certificate' } },
										development: { oneOf: [{ $ref: '#/components/schemas/DevelopmentStage' }, { type: 'null' }] }
									}
								}
							}
						}
					},
					'404': { description: '没有该人员，或其不在令牌的范围内', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
					...refusals
				}
			}
		}
	}
} as const;
