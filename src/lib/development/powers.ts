import type { entryKindLabels } from './labels';

/** What the viewer may do on a record page; computed on the server (access.ts) and passed down. */
export interface Powers {
	branch: boolean;
	committee: boolean;
	/** The 党委 the viewer approves for, or null. */
	approver: string | null;
	approverRefusal: string | null;
	league: boolean;
}

/** One dated entry as the record page lists it. */
export interface EntryRowView {
	id: number;
	kind: keyof typeof entryKindLabels;
	occurredOn: string;
	details: Record<string, unknown>;
	imported: boolean;
	recordedByName: string | null;
	attachmentId: string | null;
	attachmentName: string | null;
	voidedAt: string | null;
	voidReason: string | null;
	voidedByName: string | null;
	/** External training: when and by whom the committee confirmed it (null: 待党委确认). */
	confirmedAt: string | null;
	confirmedByName: string | null;
	canVoid?: boolean;
	canConfirm?: boolean;
}

export const readOnly: Powers = { branch: false, committee: false, approver: null, approverRefusal: null, league: false };
