import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_courses';
import * as m0003 from './0003_quizzes';
import * as m0004 from './0004_attendance';
import * as m0005 from './0005_certificates';
import * as m0006 from './0006_development';
import * as m20261202182535 from './20261202182535_course_owner';
import * as m20261202183818 from './20261202183818_audit_append_only';
import * as m20261202183954 from './20261202183954_checkin_place';
import * as m20261202184004 from './20261202184004_idempotency_key';
import * as m20261202205721 from './20261202205721_member_registry';
import * as m20261202210401 from './20261202210401_external_training_confirmation';
import * as m20261202212711 from './20261202212711_development_submission';
import * as m20261202220102 from './20261202220102_college_rules';
import * as m20261203001345 from './20261203001345_exam_requirements';
import * as m20261203054852 from './20261203054852_file_storage_external';
import * as m20261203084420 from './20261203084420_draft_revision';
import * as m20261203085019 from './20261203085019_lesson_search';
import * as m20261203153500 from './20261203153500_check_in_guard';
import * as m20261203160050 from './20261203160050_api_clients';

// Kysely's FileMigrationProvider cannot load .ts under vitest on Node 20, so every
// migration is listed here; names sort in the order they run.
export const migrations: Record<string, Migration> = {
	'0001_foundation': m0001,
	'0002_courses': m0002,
	'0003_quizzes': m0003,
	'0004_attendance': m0004,
	'0005_certificates': m0005,
	'0006_development': m0006,
	'20261202182535_course_owner': m20261202182535,
	'20261202183818_audit_append_only': m20261202183818,
	'20261202183954_checkin_place': m20261202183954,
	'20261202184004_idempotency_key': m20261202184004,
	'20261202205721_member_registry': m20261202205721,
	'20261202210401_external_training_confirmation': m20261202210401,
	'20261202212711_development_submission': m20261202212711,
	'20261202220102_college_rules': m20261202220102,
	'20261203001345_exam_requirements': m20261203001345,
	'20261203054852_file_storage_external': m20261203054852,
	'20261203084420_draft_revision': m20261203084420,
	'20261203085019_lesson_search': m20261203085019,
	'20261203153500_check_in_guard': m20261203153500,
	'20261203160050_api_clients': m20261203160050
};
