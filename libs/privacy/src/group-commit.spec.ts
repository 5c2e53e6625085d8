import { groupCommit } from './group-commit';

/** A flush that records its batches and finishes when told to. */
function gatedFlush(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const flush = async (items: number[]) => {
    batches.push(items);
    await new Promise<void>((resolve) => gates.push(resolve));
    if (items.some(fail)) throw new Error(`bad item in ${items.join(',')}`);
    return items.map((i) => i * 10);
  };
  const open = async () => {
    while (gates.length === 0) await new Promise((r) => setImmediate(r));
    gates.shift()!();
  };
  return { batches, flush, open };
}

describe('groupCommit', () => {
  it('flushes a lone item at once, and what arrives meanwhile together in the next flush', async () => {
    const { batches, flush, open } = gatedFlush();
    const submit = groupCommit(flush);
    const first = submit(1);
    const rest = [2, 3, 4].map(submit);
    expect(batches).toEqual([[1]]);
    await open();
    expect(await first).toBe(10);
    await open();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps batches within the limit', async () => {
    const { batches, flush, open } = gatedFlush();
    const submit = groupCommit(flush, 2);
    const all = [1, 2, 3, 4, 5].map(submit);
    for (let i = 0; i < 3; i++) await open();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails only the caller whose item fails: a failing batch is retried item by item', async () => {
    const { batches, flush, open } = gatedFlush((i) => i === 3);
    const submit = groupCommit(flush);
    const first = submit(1);
    const rest = [2, 3, 4].map((i) => submit(i).catch((e: Error) => e.message));
    for (let i = 0; i < 5; i++) await open();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 'bad item in 3', 40]);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
