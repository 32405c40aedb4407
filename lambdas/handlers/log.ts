/** One JSON line per event for the functions that are not behind the API (CloudWatch Logs Insights reads them). */
export function log(message: string, fields: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: 'info', message, ...fields }));
}
