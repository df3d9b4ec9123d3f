import type { WorkenResourceModule } from '../types';

// Placeholder: operations of the chat resource land here.
export const chat: WorkenResourceModule = { description: [], operations: {} };
