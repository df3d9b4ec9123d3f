import type { Sandbox } from '../../sandbox';

export async function checkPublishing(_sandbox: Sandbox, _note: (t: string) => void): Promise<string> {
	throw new Error('not written yet');
}
