/**
 * A static cost per operation, so that a few list fields nested in one another cannot fan out into
 * millions of subgraph rows. The rule (simple on purpose, the same for every field):
 *
 * - every field costs 1 plus the cost of its selection;
 * - a field with a `first` or `last` argument multiplies that by the page size: the literal, else
 *   the variable's value, else the argument's default in the schema (`first: Int = 20`);
 * - a list-typed field without one multiplies it by `defaultListSize`, except directly inside a
 *   paged field (a connection's `edges`/`nodes` are the page already counted);
 * - introspection (__schema, __type, __typename) costs 1: the gateway answers it itself, and its
 *   size is bounded by the depth and field limits.
 *
 * Computed once variables are known (Apollo Server's didResolveOperation, and the subscriptions'
 * own validation), before any subgraph is called. Fragments are costed once per use context.
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

export interface CostLimits {
  maxCost: number;
  defaultListSize: number;
}

const PAGE_ARGUMENTS = ['first', 'last'];

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  defaultListSize: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, number>();
  const visiting = new Set<string>();

  /** The page size a field asks for (the largest of first/last), or null when it has neither argument. */
  const pageSize = (node: FieldNode, field: GraphQLField<unknown, unknown> | undefined): number | null => {
    const declared = (name: string) => {
      const value = field?.args.find((a) => a.name === name)?.defaultValue;
      return typeof value === 'number' ? value : defaultListSize;
    };
    const given = node.arguments?.filter((a) => PAGE_ARGUMENTS.includes(a.name.value)) ?? [];
    if (given.length > 0) return Math.max(0, ...given.map((a) => intValue(a.value, variables) ?? declared(a.name.value)));
    const names = PAGE_ARGUMENTS.filter((name) => field?.args.some((a) => a.name === name));
    return names.length > 0 ? Math.max(...names.map(declared)) : null;
  };

  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, paged: boolean): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) {
          total += 1;
          continue;
        }
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const page = pageSize(selection, field);
        const list = field !== undefined && isListType(getNullableType(field.type));
        const multiplier = page ?? (list && !paged ? defaultListSize : 1);
        const child = selection.selectionSet ? costOf(selection.selectionSet, field && getNamedType(field.type), page !== null) : 0;
        total += multiplier * (1 + child);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += costOf(selection.selectionSet, type ?? undefined, paged);
      } else {
        const key = `${selection.name.value}:${paged}`;
        const known = memo.get(key);
        if (known !== undefined) {
          total += known;
          continue;
        }
        const fragment = fragments.get(selection.name.value);
        // Unknown fragments and cycles are graphql-js's to report.
        if (!fragment || visiting.has(key)) continue;
        visiting.add(key);
        const cost = costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, paged);
        visiting.delete(key);
        memo.set(key, cost);
        total += cost;
      }
    }
    return total;
  };

  return costOf(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, false);
}

function intValue(node: ValueNode, variables: Record<string, unknown> | undefined): number | undefined {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const value = variables?.[node.name.value];
    return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : undefined;
  }
  return undefined;
}

/** The refusal: a validation error (as the other operation limits); `http` sets Apollo's status (400). */
export function costLimitError(actual: number, max: number, http = false): GraphQLError {
  return new GraphQLError(`The operation exceeds the maximum cost: ${actual} > ${max}`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxCost', max, actual, ...(http ? { http: { status: 400 } } : {}) },
  });
}

/** The cost check of operations Apollo Server runs, once their variables are known. */
export function costLimitPlugin(limits: CostLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = operationCost(schema, document, operation, request.variables, limits.defaultListSize);
          if (cost > limits.maxCost) throw costLimitError(cost, limits.maxCost, true);
        },
      };
    },
  };
}
