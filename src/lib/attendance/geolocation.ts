// The browser's position for a check-in (or for an instructor placing a session). Asked only
// when a session has a radius; the server measures the distance and decides.

export type Located = { lat: number; lng: number; accuracyM: number } | { problem: 'denied' | 'unavailable' | 'timeout' };

export const locateProblemText: Record<'denied' | 'unavailable' | 'timeout', string> = {
	denied: '无法获取您的位置：您拒绝了定位授权。请在浏览器（或手机系统）设置中允许本网站使用定位后重试。',
	unavailable: '无法获取您的位置：设备定位不可用（定位服务关闭、浏览器不支持，或网页不是通过 https 打开）。',
	timeout: '无法获取您的位置：定位超时，请到信号较好的地方重试。'
};

export function locate(timeoutMs = 15_000): Promise<Located> {
	if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve({ problem: 'unavailable' });
	return new Promise((resolve) => {
		navigator.geolocation.getCurrentPosition(
			(p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracyM: p.coords.accuracy }),
			(e) => resolve({ problem: e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable' }),
			{ enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 30_000 }
		);
	});
}

/** Adds what `locate` found to a check-in form's data (the fields checkInForm reads). */
export function addLocation(formData: FormData, located: Located) {
	if ('problem' in located) {
		formData.set('locationProblem', located.problem);
		return;
	}
	formData.set('lat', String(located.lat));
	formData.set('lng', String(located.lng));
	formData.set('accuracy', String(Math.round(located.accuracyM)));
}
