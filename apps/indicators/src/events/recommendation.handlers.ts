import type { EventHandler } from '@pgov/messaging';
import type { ValueChangeOptions } from '../services/value-changes';

export function recommendationHandlers(_options: ValueChangeOptions): EventHandler[] {
  return [];
}
