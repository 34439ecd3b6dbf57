import { describe, expect, it } from 'vitest';
import { fillMatches, normaliseFill } from './normalise';

describe('normaliseFill', () => {
	it('folds full-width letters and digits, spaces, case and a final full stop', () => {
		expect(normaliseFill('ＡＢＣ１２３')).toBe('abc123');
		expect(normaliseFill(' 民主 集中制 ')).toBe('民主集中制');
		expect(normaliseFill('民主\u3000集中制。')).toBe('民主集中制');
		expect(normaliseFill('Marxism')).toBe('marxism');
		expect(normaliseFill('1921年。')).toBe('1921年');
	});
});

describe('fillMatches', () => {
	it('accepts any listed alternative after normalising both sides', () => {
		const accepted = ['民主集中制', '民主集中'];
		expect(fillMatches(accepted, '民主集中制')).toBe(true);
		expect(fillMatches(accepted, ' 民主集中 ')).toBe(true);
		expect(fillMatches(['１９２１'], '1921')).toBe(true);
		expect(fillMatches(accepted, '集中制')).toBe(false);
	});

	it('never accepts a blank answer, even against a blank key', () => {
		expect(fillMatches(['民主集中制'], '   ')).toBe(false);
		expect(fillMatches([' '], '')).toBe(false);
	});
});
