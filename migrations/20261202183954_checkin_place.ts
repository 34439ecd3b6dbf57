import { sql, type Kysely } from 'kysely';

// Where a check-in may come from. A session's allowed networks become null = "the school's
// campus networks" (an app_setting), so a forwarded code no longer works from anywhere just
// because nobody filled in the field; [] stays "any network". A session may also name a place
// (latitude, longitude, radius in metres) and choose to refuse check-ins that fail these
// checks or only flag them. Two new flag kinds record a position too far away or missing.
// Frozen in time: never import app code here.

const oldKinds = ['shared_device', 'outside_network', 'expired_code', 'bad_code'];
const newKinds = [...oldKinds, 'outside_location', 'no_location'];
const kindCheck = (kinds: string[]) => sql.raw(`check (kind in (${kinds.map((k) => `'${k}'`).join(', ')}))`);

export async function up(db: Kysely<any>): Promise<void> {
	await sql`alter table session alter column allowed_networks drop not null, alter column allowed_networks drop default`.execute(db);
	await sql`update session set allowed_networks = null where allowed_networks = '[]'::jsonb`.execute(db);
	await sql`
		alter table session
			add column location_lat double precision,
			add column location_lng double precision,
			add column location_radius_m integer,
			-- true: refuse a check-in outside the networks or the radius; false: accept and flag it
			add column checkin_enforced boolean not null default true,
			add constraint session_location_check check (
				(location_lat is null and location_lng is null and location_radius_m is null)
				or (location_lat between -90 and 90 and location_lng between -180 and 180 and location_radius_m between 20 and 10000)
			)`.execute(db);
	await sql`alter table attendance_flag drop constraint attendance_flag_kind_check`.execute(db);
	await sql`alter table attendance_flag add constraint attendance_flag_kind_check ${kindCheck(newKinds)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`delete from attendance_flag where kind in ('outside_location', 'no_location')`.execute(db);
	await sql`alter table attendance_flag drop constraint attendance_flag_kind_check`.execute(db);
	await sql`alter table attendance_flag add constraint attendance_flag_kind_check ${kindCheck(oldKinds)}`.execute(db);
	await sql`
		alter table session
			drop constraint session_location_check,
			drop column checkin_enforced,
			drop column location_radius_m,
			drop column location_lng,
			drop column location_lat`.execute(db);
	await sql`update session set allowed_networks = '[]'::jsonb where allowed_networks is null`.execute(db);
	await sql`alter table session alter column allowed_networks set default '[]', alter column allowed_networks set not null`.execute(db);
}
