import { describe, expect, it } from 'vitest';
import { excusedFromForm } from './meeting-roll';

// The meeting form's 「不计入」 rows: one per ticked id, with that row's reason and note; a file in
// place of an id or a text is nothing (the entry schema then says what is missing).

describe('the 不计入 rows of a meeting form', () => {
	it('reads one row per ticked id, in order', () => {
		const form = new FormData();
		form.append('excused', '12');
		form.append('excused', new File(['13'], 'x'));
		form.append('excused', '14');
		form.set('excusedReason_12', 'abroad');
		form.set('excusedNote_12', '公派出国');
		form.set('excusedReason_14', new File(['x'], 'y'));
		expect(excusedFromForm(form)).toEqual([
			{ personId: '12', reason: 'abroad', note: '公派出国' },
			{ personId: '14', reason: '', note: '' }
		]);
		expect(excusedFromForm(new FormData())).toEqual([]);
	});
});
