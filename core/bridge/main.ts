// `npm run bridge`: the Kafka REST bridge on PORT (default 8083).
import { createLogger } from '../bus/log.js';
import { createBridge } from './index.js';
import { loadBridgeConfig } from './config.js';

const config = loadBridgeConfig(process.env);
const log = createLogger('bridge', config.LOG_LEVEL);
const bridge = createBridge(config, { log });
await bridge.start();

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  log('info', 'shutting down', { signal });
  bridge.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log('error', 'shutdown failed', { error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
