// npm run db:migrate | db:rollback | db:seed-demo | audit:verify | audit:checkpoint
import { databaseConfig } from '../src/lib/server/db/config';
import { openPglite, openPostgres } from '../src/lib/server/db/engine';
import { migrateToLatest, migrationState, rollbackOne } from '../src/lib/server/db/migrate';
import { seedDemo } from '../src/lib/server/demo/seed';
import { auditReport } from '../src/lib/server/audit/report';
import { writeCheckpoint } from '../src/lib/server/audit/checkpoint';
import { checkpointConfig } from '../src/lib/server/audit/checkpoint-config';
import { mkdirSync } from 'node:fs';

const command = process.argv[2];
const config = databaseConfig();
if (config.engine === 'pglite') mkdirSync(config.dataDir, { recursive: true });
const opened = config.engine === 'postgresql' ? openPostgres(config.url, 2) : await openPglite(config.dataDir);
const where = config.engine === 'postgresql' ? 'PostgreSQL' : `PGlite (${config.dataDir})`;
let code = 0;
try {
	if (command === 'migrate') {
		const done = await migrateToLatest(opened.db);
		console.log(done.length ? done.join('\n') : `${where}: 已是最新，无需迁移`);
	} else if (command === 'rollback') {
		const done = await rollbackOne(opened.db);
		console.log(done.length ? done.join('\n') : `${where}: 没有可回滚的迁移`);
	} else if (command === 'status') {
		console.log(JSON.stringify(await migrationState(opened.db), null, 2));
	} else if (command === 'seed-demo') {
		await migrateToLatest(opened.db);
		console.log((await seedDemo(opened.db)) ? `${where}: 已创建演示数据` : `${where}: 数据库非空，未创建演示数据`);
	} else if (command === 'verify-audit') {
		const report = await auditReport(opened.db, checkpointConfig());
		for (const line of report.lines) console.log(line);
		code = report.ok ? 0 : 1;
	} else if (command === 'checkpoint-audit') {
		const outcome = await writeCheckpoint(opened.db, checkpointConfig(), { force: true });
		if (outcome.status === 'refused') console.error(outcome.reason);
		code = outcome.status === 'refused' ? 1 : 0;
	} else {
		console.error('用法：tsx scripts/db.ts migrate|rollback|status|seed-demo|verify-audit|checkpoint-audit');
		code = 2;
	}
} finally {
	await opened.close();
}
process.exit(code);
