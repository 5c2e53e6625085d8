/**
 * A pause that something else can end early (a NOTIFY, stop()): `pause(ms)` resolves after `ms`
 * or at `wake()`, whichever comes first; `wake()` with no pause pending does nothing.
 */
export function wakeablePause(): { pause(ms: number): Promise<void>; wake(): void } {
  let wake: (() => void) | undefined;
  return {
    pause(ms: number): Promise<void> {
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        }
        wake = done;
      });
    },
    wake: () => wake?.(),
  };
}
