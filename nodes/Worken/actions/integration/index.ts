import type { WorkenResourceModule } from '../types';

// Placeholder: operations of the integration resource land here.
export const integration: WorkenResourceModule = { description: [], operations: {} };
