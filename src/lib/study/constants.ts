// Shared by the tracker in the browser and the accounting on the server.

/** How often an open, visible, active lesson page sends a heartbeat. */
export const HEARTBEAT_SECONDS = 15;

/**
 * The longest gap between two of a person's beats that still counts as study. One missed beat
 * (a slow network, a throttled timer) is forgiven; anything longer means the page was hidden,
 * idle or closed, and that gap earns nothing.
 */
export const MAX_GAP_SECONDS = 2 * HEARTBEAT_SECONDS + 5;

/** Video may be watched at up to double speed; faster claims are clipped to wall time × this. */
export const MAX_PLAYBACK_RATE = 2;

/** The learner counts as active for this long after their last input or while a video plays. */
export const IDLE_AFTER_SECONDS = 60;

/** Limits on one beat's payload (validated on the server, respected by the tracker). */
export const MAX_RANGES_PER_BEAT = 50;
export const MAX_VIDEO_SECONDS = 24 * 3600;

export type Range = [number, number];
