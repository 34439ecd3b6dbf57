// npm run db:migrate | db:rollback | db:seed-demo | audit:verify
import { databaseConfig } from '../src/lib/server/db/config';
import { openPglite, openPostgres } from '../src/lib/server/db/engine';
import { migrateToLatest, migrationState, rollbackOne } from '../src/lib/server/db/migrate';
import { seedDemo } from '../src/lib/server/demo/seed';
import { verifyAuditChain } from '../src/lib/server/audit/log';
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
		const result = await verifyAuditChain(opened.db);
		console.log(result.ok ? `审计日志完整：已校验 ${result.checked} 条` : `审计日志在第 ${result.brokenAt} 条处被改动（此前 ${result.checked} 条完好）`);
		code = result.ok ? 0 : 1;
	} else {
		console.error('用法：tsx scripts/db.ts migrate|rollback|status|seed-demo|verify-audit');
		code = 2;
	}
} finally {
	await opened.close();
}
process.exit(code);
