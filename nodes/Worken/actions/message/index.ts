import type { WorkenResourceModule } from '../types';

// Placeholder: operations of the message resource land here.
export const message: WorkenResourceModule = { description: [], operations: {} };
