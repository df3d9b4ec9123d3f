import type { WorkenResourceModule } from '../types';

// Placeholder: operations of the billing resource land here.
export const billing: WorkenResourceModule = { description: [], operations: {} };
