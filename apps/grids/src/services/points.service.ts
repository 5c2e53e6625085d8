import { buildEnvelope, pointsAdjusted } from '@pgov/contracts';
import { Conflict, Forbidden, NotFound } from '@pgov/errors';
import { isUuid, parseInput } from '@pgov/graphql-kit';
import { enqueueEvent } from '@pgov/messaging';
import { z } from 'zod';
import type { GridsDeps, RequestScope } from '../context';
import { canManagePoints } from '../domain/access';
import { balanceAfterAdjustment, CLUE_CREDIT_REASONS, MAX_ADJUSTMENT, validatePointsRule, type ClueCreditReason } from '../domain/points';
import type { PointsRepository } from '../persistence/points.repository';

const adjustInput = z.object({
  memberId: z.string().refine(isUuid, 'must be a member id'),
  points: z
    .number()
    .int()
    .min(-MAX_ADJUSTMENT)
    .max(MAX_ADJUSTMENT)
    .refine((n) => n !== 0, 'must not be zero'),
  reason: z.string().trim().min(2, 'a reason is required').max(500),
});

const ruleInput = z.object({ districtCode: z.string(), reason: z.string(), points: z.number() });

/** Write side of rewards done by people: manual adjustments and district amounts (CITY_ADMIN). */
export function pointsService(deps: GridsDeps, scope: RequestScope, points: PointsRepository) {
  const { db, clock } = deps;
  const { identity, requestId } = scope;
  const requireManager = () => {
    if (!canManagePoints(identity)) throw new Forbidden('only the city administrators manage points', { reason: 'NOT_ENTITLED' });
  };
  return {
    /** Adds or takes away points with a reason: a ledger entry, an event and an audit row, in one transaction. */
    async adjust(rawInput: unknown) {
      requireManager();
      const input = parseInput(adjustInput, rawInput);
      const at = clock();
      return db.$transaction(async (tx) => {
        const member = await points.lockMember(tx, input.memberId);
        if (!member) throw new NotFound('Member', input.memberId);
        if (balanceAfterAdjustment(await points.balanceIn(tx, member.id), input.points) === null) {
          throw new Conflict('the adjustment would take the balance below zero', { field: 'input.points' });
        }
        const entry = await points.adjust(tx, { memberId: member.id, points: input.points, note: input.reason, adjustedBy: identity.subject, creditedAt: at });
        await enqueueEvent(
          tx,
          pointsAdjusted,
          buildEnvelope(
            pointsAdjusted,
            {
              subject: member.id,
              district: member.districtCode,
              data: { memberId: member.id, points: entry.points, ledgerEntryId: entry.id, adjustedBy: identity.subject, adjustedAt: at.toISOString() },
            },
            { source: 'grids', time: at },
          ),
        );
        // Last: the audit chain's lock is then held only until the commit.
        await deps.audit.append(tx, {
          actor: identity,
          action: 'ADJUST_POINTS',
          recordType: 'PointsEntry',
          recordId: entry.id,
          field: 'adjustment',
          reason: input.reason,
          requestId,
        });
        return entry;
      });
    },
    async setRule(rawInput: unknown) {
      requireManager();
      const rule = validatePointsRule(parseInput(ruleInput, rawInput));
      await points.setRule({ ...rule, updatedBy: identity.subject });
      return { ...rule, isDefault: false };
    },
  };
}

/** The amounts a district pays: its own where set, else the service's defaults. */
export function effectiveRules(districtCode: string, own: { reason: string; points: number }[], defaults: Record<ClueCreditReason, number>) {
  return CLUE_CREDIT_REASONS.map((reason) => {
    const rule = own.find((r) => r.reason === reason);
    return { districtCode, reason, points: rule?.points ?? defaults[reason], isDefault: !rule };
  });
}
