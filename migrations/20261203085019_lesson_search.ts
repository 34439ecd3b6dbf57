import { sql, type Kysely } from 'kysely';

// Search over what learners read: one row per published lesson with its text (the published
// version's HTML without tags) and the set of its characters and character pairs, under a GIN
// index. Chinese has no spaces between words, so words cannot be indexed; any query of two or
// more characters is found through its pairs and then checked against the text itself.
// pg_trgm is no substitute: it drops every CJK character when the database's LC_CTYPE is C
// (a common production setting), and a two-character query yields no trigram at all.
//
// Triggers on lesson keep the table in step in the same statement, hence the same transaction,
// as every change of the published version: publish, restore, unpublish, the scheduled job and
// the content/ sync alike. Drafts and earlier versions are never in it. Lowercasing happens
// here and in the query with the same lower(), so both agree whatever the database's locale.
// Frozen in time: never import app code here.

export async function up(db: Kysely<any>): Promise<void> {
	// What a learner reads: block elements become spaces, inline tags vanish (<strong> inside a
	// sentence must not split a word), the practice placeholder goes (it is not the lesson's text).
	await sql`
		create function lesson_search_text(html text) returns text
		language sql immutable parallel safe as $$
			select btrim(regexp_replace(
				replace(replace(replace(replace(replace(replace(
					regexp_replace(
						regexp_replace(
							regexp_replace(html, '<p class="lx-practice-placeholder">[^<]*</p>', ' ', 'g'),
							'</?(p|h[1-6]|li|ul|ol|dl|dt|dd|br|hr|td|th|tr|table|thead|tbody|div|figure|figcaption|aside|blockquote|pre|video|track|img|section)([ /][^>]*)?>', ' ', 'gi'),
						'<[^>]*>', '', 'g'),
					'&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&nbsp;', ' '), '&amp;', '&'),
				'\\s+', ' ', 'g'))
		$$`.execute(db);

	// Every character and every pair of neighbours, once each: the keys a query is looked up by.
	// One pass over the characters (substr(t, i) walks from the start each time: quadratic).
	await sql`
		create function lesson_search_grams(t text) returns text[]
		language sql immutable parallel safe as $$
			select coalesce(array_agg(distinct k), '{}') from (
				select c, c || lead(c) over (order by i) as pair
				from unnest(string_to_array(t, null)) with ordinality as u(c, i)
			) as chars cross join lateral (values (c), (pair)) as keys(k)
			where k is not null
		$$`.execute(db);

	// A query's keys: its pairs (or the one character of a one-character query).
	await sql`
		create function lesson_search_query_grams(q text) returns text[]
		language sql immutable parallel safe as $$
			select case when length(q) < 2 then array[q]
				else array(select distinct substr(q, i, 2) from generate_series(1, length(q) - 1) as i) end
		$$`.execute(db);

	await sql`
		create table lesson_search (
			lesson_id integer primary key references lesson (id) on delete cascade,
			version_id integer not null references lesson_version (id) on delete cascade,
			plain text not null,
			-- lower(plain), kept so that a query neither folds nor decompresses each candidate's text
			folded text not null,
			grams text[] not null
		)`.execute(db);
	await sql`alter table lesson_search alter column plain set storage external, alter column folded set storage external`.execute(db);
	await sql`create index lesson_search_grams_idx on lesson_search using gin (grams)`.execute(db);

	await sql`
		create function lesson_search_refresh() returns trigger
		language plpgsql as $$
		begin
			if new.published_version_id is null then
				delete from lesson_search where lesson_id = new.id;
			else
				insert into lesson_search (lesson_id, version_id, plain, folded, grams)
				select new.id, v.id, t.plain, lower(t.plain), lesson_search_grams(lower(v.title || ' ' || t.plain))
				from lesson_version v cross join lateral (select lesson_search_text(v.html) as plain) as t
				where v.id = new.published_version_id
				on conflict (lesson_id) do update
					set version_id = excluded.version_id, plain = excluded.plain, folded = excluded.folded, grams = excluded.grams;
			end if;
			return null;
		end $$`.execute(db);
	await sql`
		create trigger lesson_search_on_insert after insert on lesson
		for each row when (new.published_version_id is not null) execute function lesson_search_refresh()`.execute(db);
	await sql`
		create trigger lesson_search_on_publish after update of published_version_id on lesson
		for each row when (old.published_version_id is distinct from new.published_version_id) execute function lesson_search_refresh()`.execute(db);

	await sql`
		insert into lesson_search (lesson_id, version_id, plain, folded, grams)
		select l.id, v.id, t.plain, lower(t.plain), lesson_search_grams(lower(v.title || ' ' || t.plain))
		from lesson l
		join lesson_version v on v.id = l.published_version_id
		cross join lateral (select lesson_search_text(v.html) as plain) as t`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await sql`drop trigger lesson_search_on_publish on lesson`.execute(db);
	await sql`drop trigger lesson_search_on_insert on lesson`.execute(db);
	await sql`drop function lesson_search_refresh()`.execute(db);
	await sql`drop table lesson_search`.execute(db);
	await sql`drop function lesson_search_query_grams(text)`.execute(db);
	await sql`drop function lesson_search_grams(text)`.execute(db);
	await sql`drop function lesson_search_text(text)`.execute(db);
}
