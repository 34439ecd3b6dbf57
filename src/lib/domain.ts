// Code names from the glossary, shared by server and browser.
export const orgKinds = ['committee', 'general_branch', 'branch', 'unit'] as const;
export type OrgKind = (typeof orgKinds)[number];

export const politicalStatuses = [
	'masses',
	'league_member',
	'applicant',
	'activist',
	'candidate',
	'probationary',
	'member'
] as const;
export type PoliticalStatus = (typeof politicalStatuses)[number];

export const roles = ['school_admin', 'organizer', 'secretary', 'instructor', 'league'] as const;
export type Role = (typeof roles)[number];
