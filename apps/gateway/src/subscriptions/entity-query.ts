import {
  Kind,
  parse,
  print,
  visit,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { EntityLookup } from './live-events';

/** The subscriber's selections on the entity, per response key of the payload's entity field. */
export type EntitySelections = Map<string, SelectionNode[]>;

/** Field of a matched connection node that tells which node is the event's (aliased so it cannot clash). */
export const MATCH_ALIAS = 'pgovLiveMatch';
const FRAGMENT_PREFIX = 'PgovLiveSelection';
const VARIABLE_PREFIX = 'pgovLive_';

/**
 * Collects, below a subscription's root field, the selections of `entityField` on `payloadType`
 * (through inline fragments and fragment spreads), grouped by response key: each key is fetched as
 * its own aliased root field, so two differently aliased selections never have to merge.
 */
export function entitySelections(
  rootFields: readonly FieldNode[],
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  payloadType: string,
  entityField: string,
): EntitySelections {
  const groups: EntitySelections = new Map();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== entityField) continue;
        const key = selection.alias?.value ?? selection.name.value;
        groups.set(key, [...(groups.get(key) ?? []), ...(selection.selectionSet?.selections ?? [])]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!selection.typeCondition || selection.typeCondition.name.value === payloadType) walk(selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value) || fragment.typeCondition.name.value !== payloadType) continue;
        seen.add(fragment.name.value);
        walk(fragment.selectionSet);
      }
    }
  };
  for (const field of rootFields) walk(field.selectionSet);
  return groups;
}

/** The root field's own selections, when the payload is the entity itself (one response key). */
export function rootSelections(rootFields: readonly FieldNode[]): EntitySelections {
  const first = rootFields[0];
  if (!first) return new Map();
  return new Map([[first.alias?.value ?? first.name.value, rootFields.flatMap((f) => f.selectionSet?.selections ?? [])]]);
}

export interface EntityQuery {
  query: string;
  variables: Record<string, unknown>;
  /** Response key of the subscriber → alias of its root field in the query. */
  aliases: Map<string, string>;
}

/**
 * The query that fetches the subscriber's view of an event's entity: the lookup's root field once
 * per response key, each with the subscriber's selections as a fragment on the entity type, the
 * subscriber's fragments and variables those use, and __typename in every selection set (abstract
 * types resolve by it). With no selection at all the entity is still fetched ({ __typename }): the
 * answer decides whether the subscriber may hear of the event.
 */
export function buildEntityQuery(
  lookup: EntityLookup,
  selections: EntitySelections,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  operationVariables: readonly VariableDefinitionNode[],
  variableValues: Readonly<Record<string, unknown>>,
): EntityQuery {
  const groups: [string, SelectionNode[]][] = selections.size > 0 ? [...selections] : [['__probe', []]];
  const own: FragmentDefinitionNode[] = groups.map(([, selected], i) => ({
    kind: Kind.FRAGMENT_DEFINITION,
    name: { kind: Kind.NAME, value: `${FRAGMENT_PREFIX}${i}` },
    typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: lookup.type } },
    selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }, ...selected] },
  }));

  // The subscriber's fragments and variables the selections use, transitively.
  const used = new Map<string, FragmentDefinitionNode>();
  const variables = new Set<string>();
  const scan = (node: FragmentDefinitionNode) =>
    visit(node, {
      Variable: (v) => void variables.add(v.name.value),
      FragmentSpread: (spread) => {
        const fragment = fragments[spread.name.value];
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          scan(fragment);
        }
      },
    });
  own.forEach(scan);

  const lookupVariables = lookup.args.map((a) => `$${VARIABLE_PREFIX}${a.name}: ${a.type}`);
  const subscriberVariables = operationVariables.filter((d) => variables.has(d.variable.name.value)).map((d) => print(d));
  const args = lookup.args.map((a) => `${a.name}: $${VARIABLE_PREFIX}${a.name}`).join(', ');
  const aliases = new Map<string, string>();
  const fields = groups.map(([key], i) => {
    const alias = `e${i}`;
    aliases.set(key, alias);
    const spread = `...${FRAGMENT_PREFIX}${i}`;
    const inner = lookup.match ? `{ edges { node { ${MATCH_ALIAS}: ${lookup.match.field} ${spread} } } }` : `{ ${spread} }`;
    return `${alias}: ${lookup.rootField}(${args}) ${inner}`;
  });
  const definitions = [...lookupVariables, ...subscriberVariables].join(', ');
  const text = [`query PgovLiveEntity(${definitions}) { ${fields.join(' ')} }`, ...own.map((f) => print(f)), ...[...used.values()].map((f) => print(f))].join('\n');
  const document = visit(parse(text), {
    SelectionSet: (set) => (hasTypename(set) ? undefined : { ...set, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }, ...set.selections] }),
  });

  const values: Record<string, unknown> = {};
  for (const a of lookup.args) values[`${VARIABLE_PREFIX}${a.name}`] = a.value;
  for (const name of variables) if (name in variableValues) values[name] = variableValues[name];
  return { query: print(document), variables: values, aliases };
}

const hasTypename = (set: SelectionSetNode) => set.selections.some((s) => s.kind === Kind.FIELD && !s.alias && s.name.value === '__typename');
