// The compatibility benchmark's entry for `npm run bench` (the measurement lives with the differential tests).
export { runCompatibilityBench } from '../differential/compatibilityBench';
