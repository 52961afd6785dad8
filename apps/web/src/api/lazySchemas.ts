// The app shell (layouts, session gate, header) checks its few answers with schemas loaded on demand, so that Zod
// and packages/shared are not part of the initial bundle; every page chunk imports them directly.
const shared = () => import('@teilhabe/shared');
const local = () => import('./schemas');

export const sessionSchema = () => shared().then((m) => m.SessionResponse);
export const okSchema = () => shared().then((m) => m.OkResponse);
export const notificationsSchema = () => local().then((m) => m.NotificationsResponse);
