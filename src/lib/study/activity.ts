import { IDLE_AFTER_SECONDS } from './constants';

export interface Presence {
	visible: boolean;
	now: number;
	/** Time of the last pointer, key, scroll or touch input (ms). */
	lastInputAt: number;
	videoPlaying: boolean;
}

/** Study time runs while the page is visible and the learner reads (recent input) or watches. */
export function isStudying(p: Presence, idleAfterMs = IDLE_AFTER_SECONDS * 1000): boolean {
	return p.visible && (p.videoPlaying || p.now - p.lastInputAt <= idleAfterMs);
}
