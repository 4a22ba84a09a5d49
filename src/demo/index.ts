// The demo catalogue a fresh installation starts with (generated, not copied from anywhere).
export { writeDemoCatalogue, defaultDemoSize, demoIds, orcidOf, rorOf } from './demo-catalogue.js';
export { loadDemoCatalogueOnce, demoSource } from './load-demo-catalogue.js';
