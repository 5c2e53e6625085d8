import { buildEnvelope, indicatorAlertRaised } from '@pgov/contracts';
import { enqueueEvent, type TransactionHooks } from '@pgov/messaging';
import type { Prisma } from '../generated/prisma/client';
import { crossesTarget } from '../domain/alerts';
import { deltasBetween, sumDeltas, type Contribution, type ValueDelta } from '../domain/contributions';
import type { PeriodKind } from '../domain/periods';
import { valueRepository, type ChangedValue } from '../persistence/value.repository';

type Tx = Prisma.TransactionClient;

/** How the event handlers change values: with alerts (live), or without (a replay re-raises nothing). */
export interface ValueChangeOptions {
  alerts: boolean;
}

/** Deltas waiting for the end of their transaction, per transaction (see valueChangeHooks). */
const deferred = new WeakMap<object, { deltas: ValueDelta[]; options: ValueChangeOptions }>();

/**
 * The one way an event changes indicator values: the fact's contributions before and after the
 * event, turned into deltas on the stored values (district and city, month, quarter and year), in
 * the transaction that records the fact and the event as processed. In a transaction begun by
 * valueChangeHooks (the consumer's runs of events) the deltas are summed and written once, at its
 * end; otherwise at once. A value that crosses its target raises its alert (once per indicator,
 * jurisdiction and period, through the outbox).
 */
export async function applyFactChange(
  tx: Tx,
  before: readonly Contribution[],
  after: readonly Contribution[],
  options: ValueChangeOptions,
  at: Date = new Date(),
): Promise<void> {
  const deltas = deltasBetween(before, after);
  const pending = deferred.get(tx);
  if (pending) {
    pending.deltas.push(...deltas);
    pending.options = options;
    return;
  }
  await writeDeltas(tx, deltas, options, at);
}

async function writeDeltas(tx: Tx, deltas: readonly ValueDelta[], options: ValueChangeOptions, at: Date): Promise<void> {
  const changed = await valueRepository.applyDeltas(tx, deltas);
  if (options.alerts) await raiseAlerts(tx, changed, at);
}

/**
 * For the consumer (and the replay): a run of events in one transaction writes its values once,
 * the sum of its events' deltas in one sorted upsert, instead of once per event. A target crossed
 * and crossed back within one run raises no alert: its value at commit is what counts.
 */
export const valueChangeHooks: TransactionHooks<Tx> = {
  begin(tx) {
    deferred.set(tx, { deltas: [], options: { alerts: false } });
  },
  async beforeCommit(tx) {
    const pending = deferred.get(tx);
    deferred.delete(tx);
    if (pending && pending.deltas.length > 0) await writeDeltas(tx, sumDeltas(pending.deltas), pending.options, new Date());
  },
};

/** Sets state indicators' values (e.g. coverage) outright; alerts as applyFactChange. */
export async function setStateValues(
  tx: Tx,
  values: { indicator: string; districtCode: string; periodKind: PeriodKind; period: string; numerator: number; denominator: number }[],
  options: ValueChangeOptions,
  at: Date = new Date(),
): Promise<ChangedValue[]> {
  const sorted = [...values].sort((a, b) => {
    const ka = `${a.indicator}|${a.districtCode}|${a.periodKind}|${a.period}`;
    const kb = `${b.indicator}|${b.districtCode}|${b.periodKind}|${b.period}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const changed = await valueRepository.setValues(tx, sorted);
  if (options.alerts) await raiseAlerts(tx, changed, at);
  return changed;
}

async function raiseAlerts(tx: Tx, changed: readonly ChangedValue[], at: Date): Promise<void> {
  for (const v of changed) {
    if (!crossesTarget(v.direction, v.target, v.previousValue, v.value)) continue;
    if (!(await valueRepository.recordAlert(tx, v, at))) continue;
    await enqueueEvent(
      tx,
      indicatorAlertRaised,
      buildEnvelope(
        indicatorAlertRaised,
        {
          subject: `${v.indicatorCode}:${v.districtCode}:${v.period}`,
          district: v.districtCode,
          data: {
            indicatorCode: v.indicatorCode,
            indicatorName: v.indicatorName,
            districtCode: v.districtCode,
            periodKind: v.periodKind,
            period: v.period,
            direction: v.direction,
            target: v.target!,
            value: v.value!,
            numerator: v.numerator,
            denominator: v.denominator,
            raisedAt: at.toISOString(),
          },
        },
        { source: 'indicators', time: at },
      ),
    );
  }
}
