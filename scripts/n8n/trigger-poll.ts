/**
 * Polling the Worken Trigger fast in a real n8n (demo and e2e suite).
 *
 * n8n 1.x accepts listed seconds in a custom cron (`0,5,…,55 * * * * *`: every 5 s; it refuses `*` in the
 * seconds field). n8n 2.x refuses any sub-minute cron, so there the fastest is once a minute, written with a
 * seconds field of 0: n8n 2.0 refuses any cron whose first field holds a `*` (so `* * * * *` too), 2.41 a
 * 6-field one whose seconds field is not a plain number (`isSubMinuteCron`); both accept `0 * * * * *`.
 */

/** Custom cron for the fastest polling each n8n major accepts. */
export function fastPollCron(major: number): string {
	return major >= 2 ? '0 * * * * *' : '0,5,10,15,20,25,30,35,40,45,50,55 * * * * *';
}

/** The thread id an item of the trigger is about (tolerant of the output shape). */
export function threadIdOf(item: Record<string, unknown>): string | undefined {
	const thread = item.thread as Record<string, unknown> | undefined;
	return (item.thread_id ?? item.threadId ?? thread?.id ?? item.id) as string | undefined;
}
