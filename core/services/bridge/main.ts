// `npm run bridge`: the Kafka REST bridge on PORT (default 8083).
import { createLogger } from '../../log/index.js';
import { closeOnSignal } from '../../bus/shutdown.js';
import { createBridge } from './index.js';
import { loadBridgeConfig } from './config.js';

const config = loadBridgeConfig(process.env);
const log = createLogger('bridge', config.LOG_LEVEL);
const bridge = createBridge(config, { log });
closeOnSignal(log, [() => bridge.close()]);
await bridge.start();
