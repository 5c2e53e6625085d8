import { randomUUID } from 'node:crypto';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  defaultFieldResolver,
  execute,
  getOperationAST,
  parse,
  print,
  specifiedRules,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { canAccessDistrict, isCityWide, type Identity } from '@pgov/auth';
import { formatGatewayError } from '../http/unexpected-errors';
import { operationLimitRules, type OperationLimits } from '../limits/operation-limits';
import { costLimitError, operationCost, type CostLimits } from '../limits/operation-cost';
import type { Logger } from '../logger';
import { answeredField, entitiesOf, type QueryAnswer } from './entity-answer';
import { buildEntityQuery, entitySelections, rootSelections } from './entity-query';
import { FeedOverflow, type EventHub } from './event-hub';
import { PAYLOAD_ENTITY_FIELD, type LiveEvent, type LiveField } from './live-events';

/** Who is subscribing: the verified token, kept for the entity queries made on the subscriber's behalf. */
export interface LiveSession {
  identity: Identity;
  /** `Bearer <token>`, forwarded to the subgraphs as with any query. */
  authorization: string;
  /** When the token expires (ms since the epoch); the connection or stream ends then. */
  expiresAt: number | undefined;
  /** The connection's request id; each entity query gets its own, logged with it. */
  requestId: string;
}

// A type (not an interface) so that it is a Record for graphql-sse's context constraint.
export type LiveContext = {
  session: LiveSession;
};

/** Runs a query through the gateway as the subscriber (Apollo Server's executeOperation: same plan, same subgraph calls, same rules). */
export type QueryRunner = (
  request: { query: string; variables: Record<string, unknown>; operationName?: string | null },
  session: LiveSession,
  requestId: string,
) => Promise<QueryAnswer>;

export interface OperationParams {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface LiveExecutorOptions {
  schema: () => GraphQLSchema;
  hub: EventHub;
  runQuery: QueryRunner;
  limits: OperationLimits & CostLimits & { maxTokens: number };
  introspection: boolean;
  logger: Logger;
}

export interface LiveExecutor {
  /** Parses and validates an operation against the API schema + Subscription (operation limits included). */
  prepare(params: OperationParams, session: LiveSession): ExecutionArgs | readonly GraphQLError[];
  /** A subscription: a stream of results, or one result with the errors that refused it (FORBIDDEN…). */
  subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
  /** A query or mutation sent where subscriptions go (WebSocket): through the gateway, introspection from the live schema. */
  execute(args: ExecutionArgs): Promise<ExecutionResult>;
  /** A result as clients receive it: formatted, unexpected errors masked. */
  format(result: ExecutionResult): FormattedExecutionResult;
}

const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
const SUGGESTION = / ?Did you mean(.+?)\?$/;

export function createLiveExecutor(options: LiveExecutorOptions): LiveExecutor {
  const { hub, runQuery, logger } = options;
  const rules = [...specifiedRules, ...operationLimitRules(options.limits), ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];

  /** Checked before anything is subscribed: a district's users subscribe to their own district only. */
  function jurisdiction(identity: Identity, districtCode: string | null | undefined): (event: LiveEvent) => boolean {
    if (districtCode === null || districtCode === undefined) {
      return isCityWide(identity) ? () => true : (event) => event.districtCode === identity.district;
    }
    if (!canAccessDistrict(identity, districtCode)) throw forbidden(`You may not subscribe to district ${districtCode}`);
    return (event) => event.districtCode === districtCode;
  }

  /** The subscription's source stream: its district's events, each fetched as the subscriber, withheld when the query would refuse it. */
  const subscribeField: GraphQLFieldResolver<unknown, LiveContext> = (_root, args, context, info) => {
    const field = info.fieldName as LiveField;
    const { payloadType, field: entityField } = PAYLOAD_ENTITY_FIELD[field];
    const { session } = context;
    const inDistrict = jurisdiction(session.identity, (args as { districtCode?: string | null }).districtCode);
    const selections = entityField ? entitySelections(info.fieldNodes, info.fragments, payloadType, entityField) : rootSelections(info.fieldNodes);
    const variableDefinitions = info.operation.variableDefinitions ?? [];
    const feed = hub.feed((event) => event.field === field && inDistrict(event));

    const deliver = async (event: LiveEvent): Promise<object | null> => {
      const query = buildEntityQuery(event.lookup, selections, info.fragments, variableDefinitions, info.variableValues);
      const requestId = randomUUID();
      let answer: QueryAnswer;
      try {
        answer = await runQuery({ query: query.query, variables: query.variables }, session, requestId);
      } catch (error) {
        logger.error({ err: error, requestId, connection: session.requestId, field }, 'live event: entity query failed; not delivered');
        return null;
      }
      const entities = entitiesOf(answer, query, event.lookup);
      if (!entities) {
        logger.debug({ requestId, connection: session.requestId, field, codes: answer.errors?.map((e) => e.extensions?.['code']) }, 'live event withheld from subscriber');
        return null;
      }
      if (!entityField) return entities.values().next().value ?? null;
      return { ...event.payload, [ENTITIES]: { field: entityField, byKey: entities } };
    };

    // Manual iterator (see Feed): return() ends a waiting next() at once.
    const stream: AsyncIterableIterator<object> = {
      async next() {
        for (;;) {
          const item = await feed.next();
          if (item.done) return { value: undefined, done: true };
          const payload = await deliver(item.value);
          if (payload) return { value: payload, done: false };
        }
      },
      return: () => feed.return(),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return stream;
  };

  /** Root fields resolve to the event; payload entity fields to the fetched entity; answered objects by response key. */
  const resolveField: GraphQLFieldResolver<unknown, LiveContext> = (source, args, context, info) => {
    if (info.parentType.name === 'Subscription') return source;
    const answered = answeredField(source, info);
    if (answered) return answered.value;
    const entities = (source as Partial<LivePayload> | null)?.[ENTITIES];
    if (entities && info.fieldName === entities.field) return entities.byKey.get(String(info.path.key));
    return defaultFieldResolver(source, args, context, info);
  };

  function format(result: ExecutionResult): FormattedExecutionResult {
    if (!result.errors) return result as FormattedExecutionResult;
    const errors = result.errors.map((error) => {
      const formatted = formatGatewayError(error.toJSON(), error);
      return options.introspection ? formatted : { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
    });
    return { ...(result as FormattedExecutionResult), errors };
  }

  const isIntrospection = (document: DocumentNode, operationName: string | null | undefined) =>
    getOperationAST(document, operationName)?.selectionSet.selections.every((s) => s.kind === 'Field' && s.name.value.startsWith('__')) ?? false;

  return {
    prepare(params, session) {
      if (typeof params.query !== 'string' || params.query.trim() === '') return [new GraphQLError('A query string is required', { extensions: { code: 'BAD_REQUEST' } })];
      if (params.variables !== undefined && params.variables !== null && (typeof params.variables !== 'object' || Array.isArray(params.variables))) {
        return [new GraphQLError('variables must be an object', { extensions: { code: 'BAD_REQUEST' } })];
      }
      if (params.operationName !== undefined && params.operationName !== null && typeof params.operationName !== 'string') {
        return [new GraphQLError('operationName must be a string', { extensions: { code: 'BAD_REQUEST' } })];
      }
      let document: DocumentNode;
      try {
        document = parse(params.query, { maxTokens: options.limits.maxTokens });
      } catch (error) {
        const syntax = error instanceof GraphQLError ? error : new GraphQLError(String(error));
        return [new GraphQLError(syntax.message, { nodes: syntax.nodes, source: syntax.source, positions: syntax.positions, extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
      }
      const schema = options.schema();
      const errors = validate(schema, document, rules);
      if (errors.length > 0) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...e.extensions } }));
      const operationName = (params.operationName as string | null | undefined) ?? null;
      const operation = getOperationAST(document, operationName);
      if (!operation) {
        return [new GraphQLError(operationName ? `Unknown operation named "${operationName}"` : 'Name the operation to run (operationName)', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
      }
      const cost = operationCost(schema, document, operation, params.variables as Record<string, unknown> | undefined, options.limits.defaultListSize);
      if (cost > options.limits.maxCost) return [costLimitError(cost, options.limits.maxCost)];
      const context: LiveContext = { session };
      return { schema, document, operationName, variableValues: (params.variables ?? undefined) as Record<string, unknown> | undefined, contextValue: context };
    },

    async subscribe(args) {
      const result = await subscribe({ ...args, subscribeFieldResolver: subscribeField, fieldResolver: resolveField });
      if (!isAsyncIterable(result)) return result;
      return endOnOverflow(result);
    },

    async execute(args) {
      if (isIntrospection(args.document, args.operationName)) return execute(args);
      const { session } = args.contextValue as LiveContext;
      const request = { query: print(args.document), variables: (args.variableValues ?? {}) as Record<string, unknown>, operationName: args.operationName ?? null };
      const answer = await runQuery(request, session, randomUUID());
      return {
        ...(answer.data === undefined ? {} : { data: answer.data }),
        ...(answer.errors ? { errors: answer.errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions ?? {} })) } : {}),
      } as ExecutionResult;
    },

    format,
  };
}

/** Where a payload keeps the entities fetched for it (symbol: never a GraphQL field). */
const ENTITIES = Symbol('entities');
interface LivePayload {
  [ENTITIES]: { field: string; byKey: Map<string, object> };
}

const isAsyncIterable = (value: unknown): value is AsyncIterableIterator<ExecutionResult> =>
  typeof value === 'object' && value !== null && Symbol.asyncIterator in value;

/** A subscriber too slow for its events gets one error result, then the end of its stream. */
function endOnOverflow(results: AsyncIterableIterator<ExecutionResult>): AsyncIterableIterator<ExecutionResult> {
  let over = false;
  return {
    async next() {
      if (over) return { value: undefined, done: true };
      try {
        return await results.next();
      } catch (error) {
        if (!(error instanceof FeedOverflow)) throw error;
        over = true;
        return { value: { errors: [new GraphQLError('Events were lost: the subscription fell behind; subscribe again', { extensions: { code: 'SUBSCRIPTION_OVERFLOW' } })] }, done: false };
      }
    },
    return: () => results.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
