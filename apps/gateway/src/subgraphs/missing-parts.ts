import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** A path relative to one subgraph fetch, in the form a subgraph's own errors take. */
export type FetchPath = (string | number)[];

/** At most this many paths for one failed fetch: a long list of entities is named in part, not in thousands of errors. */
export const MAX_MISSING_PARTS = 50;

/**
 * Where a failed subgraph fetch's data would have gone, as the subgraph itself would have named
 * it in its errors: ['clueCount'] for each root field of a root fetch, ['_entities', i, 'openClues']
 * for each field of the i-th entity of an entity fetch. The gateway turns these into the client's
 * paths (['grids', 1, 'openClues']) exactly as it does a subgraph's own errors. __typename is left
 * out: the gateway answers it without the subgraph.
 */
export function missingParts(query: string | DocumentNode, variables: Record<string, unknown> | undefined): FetchPath[] {
  const document = typeof query === 'string' ? parse(query) : query;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!operation) return [];

  const root = fieldsOf(operation.selectionSet, fragments);
  const entities = root.get('_entities');
  const representations = variables?.['representations'];
  const paths: FetchPath[] = [];
  if (entities?.selectionSet && Array.isArray(representations)) {
    representations.forEach((representation: unknown, i) => {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      const names = [...fieldsOf(entities.selectionSet as SelectionSetNode, fragments, typeof typename === 'string' ? typename : undefined).keys()];
      // An entity whose fields could not be told (a type condition on an interface): the entity itself.
      if (names.length === 0) paths.push(['_entities', i]);
      for (const name of names) paths.push(['_entities', i, name]);
    });
  } else {
    for (const name of root.keys()) paths.push([name]);
  }
  return paths.slice(0, MAX_MISSING_PARTS);
}

interface FieldSelection {
  selectionSet: SelectionSetNode | undefined;
}

/** The fields a selection set asks for, by response name, through fragments applying to `typename` (all when unknown). */
function fieldsOf(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  typename?: string,
  out = new Map<string, FieldSelection>(),
  visited = new Set<string>(),
): Map<string, FieldSelection> {
  const applies = (condition: string | undefined) => !condition || !typename || condition === typename;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      if (selection.name.value !== '__typename' && !out.has(name)) out.set(name, { selectionSet: selection.selectionSet });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(selection.typeCondition?.name.value)) fieldsOf(selection.selectionSet, fragments, typename, out, visited);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visited.has(fragment.name.value) || !applies(fragment.typeCondition.name.value)) continue;
      visited.add(fragment.name.value);
      fieldsOf(fragment.selectionSet, fragments, typename, out, visited);
    }
  }
  return out;
}
