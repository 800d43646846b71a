import type { DisclosurePolicy } from '../policy.js';
import type { Classification, ClientRecord } from '../types.js';

/**
 * A client's themes and channels cut to the policy's caps, keeping the first ones in code-list
 * order: the rule the SQL applies to its bit masks (lowest bits first), so that one client's
 * weight in the tables is bounded whatever she raised.
 */
export function capContributions(client: ClientRecord, classification: Classification, policy: DisclosurePolicy): ClientRecord {
  const keep = (values: string[], order: string[], cap: number) =>
    order.filter((code) => values.includes(code)).slice(0, cap);
  return {
    ...client,
    themes: keep(client.themes, classification.categories.theme, policy.max_themes!),
    channels: keep(client.channels, classification.categories.channel, policy.max_channels!),
  };
}
