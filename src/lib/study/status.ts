/** What POST /api/study/heartbeat answers. */
export interface HeartbeatResponse {
	duplicate: boolean;
	/** Seconds this beat earned (before the cap). */
	credited: number;
	secondsCredited: number;
	capSeconds: number;
	/** Study needed (with reaching the end) for the lesson to count as complete. */
	minSeconds: number;
	completed: boolean;
	reachedEnd: boolean;
	videoSeconds: number;
}

// Minutes and seconds, not whole minutes: the line then moves with every accepted beat.
const minutesAndSeconds = (seconds: number) => `${Math.floor(seconds / 60)} 分 ${Math.floor(seconds % 60)} 秒`;
/** 1350 s → "22.5"; 2700 s → "45". */
const minutes = (seconds: number) => String(Math.round(seconds / 6) / 10);

/** The tracker's status line: hours so far against the cap. */
export function hoursText(r: HeartbeatResponse): string {
	return `本课已计学时 ${minutesAndSeconds(r.secondsCredited)} / 上限 ${minutes(r.capSeconds)} 分钟`;
}

/** What is left to complete the lesson (announced to screen readers when it changes). */
export function completionText(r: HeartbeatResponse): string {
	if (r.completed) return '已完成';
	const enough = r.secondsCredited >= r.minSeconds;
	if (r.reachedEnd) return `已读到末尾，学满 ${minutes(r.minSeconds)} 分钟即完成`;
	return enough ? '读到末尾即完成' : `读到末尾并学满 ${minutes(r.minSeconds)} 分钟即完成`;
}
