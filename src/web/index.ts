export { webRoutes, type WebOptions } from './web-routes.js';
export { catalogues, translate, type Lang } from './i18n/index.js';
export type { MapSettings } from './page-context.js';
