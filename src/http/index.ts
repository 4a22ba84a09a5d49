export { createApp, type AppDependencies } from './app.js';
export { startServer, stopOnSignals, type RunningServer } from './server.js';
