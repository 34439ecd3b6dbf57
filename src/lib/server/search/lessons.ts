import { sql } from 'kysely';
import type { Db } from '../db';
import type { CourseCategory } from '../db/schema';
import { highlight, type Piece } from './highlight';

// Search over what a learner may open: lesson_search holds only published versions (kept in step
// by triggers, migrations/20261203085019_lesson_search.ts), and the join on the lesson's
// current version drops any row a concurrent unpublish has not yet removed for this snapshot.
// The course rule is the catalog's (catalog.ts listCatalog): a course is open to every signed-in
// person once it has a published lesson. Drafts, earlier versions and question banks (practice
// questions are fetched by id, never part of the lesson's text) are not in the index at all.

export const PAGE_SIZE = 10;
/** Characters of context shown before a lesson's first match. */
const BEFORE = 30;
const SNIPPET = 110;

export interface CourseHit {
	code: string;
	title: Piece[];
	description: Piece[];
	category: CourseCategory;
	/** its published lessons whose title or text has the query */
	lessonHits: number;
}

export interface LessonHit {
	courseCode: string;
	courseTitle: string;
	slug: string;
	title: Piece[];
	snippet: Piece[];
	/** how often the query occurs in the lesson's text */
	count: number;
}

export interface SearchResult {
	courses: CourseHit[];
	lessons: LessonHit[];
	/** lesson hits in all */
	total: number;
	page: number;
	pages: number;
	pageSize: number;
}

// The CamelCasePlugin renames the keys of the JSON objects too.
interface Row {
	courses: { code: string; title: string; description: string; category: CourseCategory; lessonHits: number }[] | null;
	lessons: { courseCode: string; courseTitle: string; slug: string; title: string; snippet: string; cutStart: boolean; cutEnd: boolean; count: number }[] | null;
	total: number | string;
}

/**
 * Courses (by code, title, description and their lessons) and published lessons (by title and
 * text) that contain `q`, ignoring case: title hits first, then by how often `q` occurs.
 * One statement: the lessons are matched once and both lists read from that.
 */
export async function search(db: Db, q: string, page: number, category?: CourseCategory): Promise<SearchResult> {
	const inCategory = category ? sql`c.category = ${category}` : sql`true`;
	const offset = (page - 1) * PAGE_SIZE;
	const { rows } = await sql<Row>`
		with query as (select lower(${q}::text) as lq),
		-- The text is read once per candidate (splitting it counts the matches) and carried no
		-- further: only the page's rows read it again, for their snippet.
		candidate as (
			select s.lesson_id, l.course_id, l.sort_order, l.slug, v.title,
				strpos(lower(v.title), query.lq) > 0 as in_title,
				coalesce(array_length(string_to_array(s.folded, query.lq), 1), 1) - 1 as n
			from query
			join lesson_search s on s.grams @> lesson_search_query_grams(query.lq)
			join lesson l on l.id = s.lesson_id and l.published_version_id = s.version_id
			join lesson_version v on v.id = s.version_id
			join course c on c.id = l.course_id
			where ${inCategory}
		),
		hit as materialized (select * from candidate where in_title or n > 0),
		page as (
			select hit.*, c.code as course_code, c.title as course_title, s.plain, strpos(s.folded, query.lq) as at
			from (select * from hit order by in_title desc, n desc, course_id, sort_order limit ${PAGE_SIZE} offset ${offset}) as hit
			join course c on c.id = hit.course_id
			join lesson_search s on s.lesson_id = hit.lesson_id
			cross join query
		),
		course_hit as (
			select c.code, c.title, c.description, c.category,
				(select count(*) from hit where hit.course_id = c.id)::int as lesson_hits,
				strpos(lower(c.title), query.lq) > 0 or strpos(lower(c.code), query.lq) > 0 as in_title,
				strpos(lower(c.description), query.lq) > 0 as in_description
			from course c, query
			where ${inCategory}
				and exists (select 1 from lesson l where l.course_id = c.id and l.published_version_id is not null)
		)
		select
			(select json_agg(json_build_object('code', code, 'title', title, 'description', description, 'category', category, 'lesson_hits', lesson_hits)
				order by in_title desc, in_description desc, lesson_hits desc, code)
				from course_hit where in_title or in_description or lesson_hits > 0) as courses,
			(select json_agg(json_build_object(
				'course_code', course_code, 'course_title', course_title, 'slug', slug, 'title', title, 'count', n,
				'snippet', substr(plain, greatest(1, at - ${BEFORE}), ${SNIPPET}),
				'cut_start', at - ${BEFORE} > 1, 'cut_end', greatest(1, at - ${BEFORE}) + ${SNIPPET} <= length(plain))
				order by in_title desc, n desc, course_id, sort_order) from page) as lessons,
			(select count(*) from hit) as total
	`.execute(db);
	const row = rows[0];
	const total = Number(row.total);
	return {
		courses: (row.courses ?? []).map((c) => ({
			code: c.code, category: c.category, lessonHits: c.lessonHits, title: highlight(c.title, q), description: highlight(c.description, q)
		})),
		lessons: (row.lessons ?? []).map((l) => ({
			courseCode: l.courseCode, courseTitle: l.courseTitle, slug: l.slug, count: l.count, title: highlight(l.title, q),
			snippet: highlight(`${l.cutStart ? '…' : ''}${l.snippet}${l.cutEnd ? '…' : ''}`, q)
		})),
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		pageSize: PAGE_SIZE
	};
}
