// n8n-core logs every node error through its own logger; tests assert on the errors themselves, so the
// log is kept quiet. Set N8N_LOG_LEVEL=debug when running jest to see it again.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
