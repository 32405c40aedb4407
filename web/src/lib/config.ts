/** The runtime configuration, read once from `/config.json` (written at deploy, or by the local cloud). */
import { WebConfig } from '@talaty/schemas/web-config';

export type { WebConfig };

export async function loadConfig(): Promise<WebConfig> {
  const answer = await fetch('/config.json', { cache: 'no-store' });
  if (!answer.ok) throw new Error(`/config.json answered ${answer.status}: the app cannot find its API.`);
  const parsed = WebConfig.safeParse(await answer.json());
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`/config.json is invalid: ${problems}`);
  }
  return parsed.data;
}
