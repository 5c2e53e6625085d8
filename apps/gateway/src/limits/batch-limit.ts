/** Batched HTTP requests (a JSON array of operations): refuse arrays longer than the limit. */
export function batchLimitViolation(body: unknown, maxBatchSize: number): string | null {
  if (!Array.isArray(body)) return null;
  if (body.length === 0) return 'An empty batch is not an operation';
  if (body.length > maxBatchSize) {
    return `A batch of ${body.length} operations exceeds the limit of ${maxBatchSize}`;
  }
  return null;
}
