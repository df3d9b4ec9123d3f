import type { WorkenResourceModule } from '../types';

// Placeholder: operations of the bot resource land here.
export const bot: WorkenResourceModule = { description: [], operations: {} };
