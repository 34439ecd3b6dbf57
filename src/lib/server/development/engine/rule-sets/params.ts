import type { ParamSpec } from '../rule-types';

// Short constructors so a rule set reads like the table in development-rules.md §2.

export const fixed = (title: string, unit: string, value: number): ParamSpec<number> => ({ title, unit, default: value, school: { mode: 'fixed' } });

/** A national minimum: a school may raise it (up to `limit`), never lower it. */
export const floor = (title: string, unit: string, value: number, limit: number): ParamSpec<number> => ({
	title,
	unit,
	default: value,
	school: { mode: 'tighten', direction: 'min_only_up', limit }
});

/** A school-set minimum inside a national rule: its default a school may raise, never lower. */
export const schoolFloor = (title: string, unit: string, value: number, limit: number): ParamSpec<number> => ({ ...floor(title, unit, value, limit), setBy: 'school' });

/** A national maximum: a school may lower it (down to `limit`), never raise it. */
export const ceiling = (title: string, unit: string, value: number, limit: number): ParamSpec<number> => ({
	title,
	unit,
	default: value,
	school: { mode: 'tighten', direction: 'max_only_down', limit }
});

/** A school practice: any value in [min, max]. */
export const range = (title: string, unit: string, value: number, min: number, max: number): ParamSpec<number> => ({
	title,
	unit,
	default: value,
	school: { mode: 'set', min, max }
});

export const toggle = (title: string, value: boolean): ParamSpec<boolean> => ({ title, unit: '', default: value, school: { mode: 'toggle' } });

export const always = (title: string): ParamSpec<boolean> => ({ title, unit: '', default: true, school: { mode: 'fixed' } });

export const none = {};
