import type { WorkenResourceModule } from '../types';

// Placeholder: operations of the thread resource land here.
export const thread: WorkenResourceModule = { description: [], operations: {} };
