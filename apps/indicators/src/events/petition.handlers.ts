import type { EventHandler } from '@pgov/messaging';
import type { ValueChangeOptions } from '../services/value-changes';

export function petitionHandlers(_options: ValueChangeOptions): EventHandler[] {
  return [];
}
