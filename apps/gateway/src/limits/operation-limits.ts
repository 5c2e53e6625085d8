/**
 * Operation limits as GraphQL validation rules (pure: they read the document only). Fragments are
 * expanded as execution would expand them (a fragment spread twice counts twice), with one pass
 * per fragment (memoised), so hostile fragment graphs cannot make validation itself expensive.
 * Introspection is limited too: graphql-js's MaxIntrospectionDepthRule bounds only the nesting of
 * fields/interfaces/possibleTypes/inputFields, not `type { ofType { ofType … } }`. Aliases and
 * fields inside __schema/__type count as any others; their depth has a limit of its own
 * (maxIntrospectionDepth), since the standard introspection query (getIntrospectionQuery, which
 * GraphiQL and codegen send) is 15 deep, beyond what data queries need.
 *
 * Why hand-written rather than @escape.tech/graphql-armor 3.2 (checked: it accepts
 * @apollo/server 5): it needs @envelop/core as a peer, its max-depth skips introspection by default,
 * its cost-limit has no list multipliers (first/last), and these rules already expand fragments
 * once each (memoised, tested against exponential fragment graphs) and run unchanged for
 * subscriptions, which are validated outside Apollo Server. Tokens are limited by graphql-js's own
 * parse(…, { maxTokens }).
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface OperationLimits {
  /** Deepest field nesting (a root field is depth 1). */
  maxDepth: number;
  /** Aliased fields in one operation. */
  maxAliases: number;
  /** Fields selected directly on the root type (query/mutation). */
  maxRootFields: number;
  /** All fields in one operation, fragments expanded. */
  maxFields: number;
  /** Deepest nesting through __schema/__type, counted from the root. */
  maxIntrospectionDepth: number;
}

export interface OperationMeasure {
  /** Not through introspection (an introspection root counts 1 here). */
  depth: number;
  /** Through __schema/__type; 0 without introspection. */
  introspectionDepth: number;
  aliases: number;
  rootFields: number;
  fields: number;
}

interface SelectionMeasure {
  depth: number;
  introspectionDepth: number;
  aliases: number;
  /** Fields directly in this selection set (through fragments, not into sub-selections). */
  width: number;
  fields: number;
}

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);
const ZERO: SelectionMeasure = { depth: 0, introspectionDepth: 0, aliases: 0, width: 0, fields: 0 };

/** Measures one operation of a document. */
export function measureOperation(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): OperationMeasure {
  const memo = new Map<string, SelectionMeasure>();
  const visiting = new Set<string>();

  const measureFragment = (name: string): SelectionMeasure => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown fragments and cycles are reported by graphql-js's own rules; count them as nothing.
    if (!fragment || visiting.has(name)) return ZERO;
    visiting.add(name);
    const measure = measureSelectionSet(fragment.selectionSet);
    visiting.delete(name);
    memo.set(name, measure);
    return measure;
  };

  const measureSelectionSet = (selectionSet: SelectionSetNode): SelectionMeasure => {
    let depth = 0;
    let introspectionDepth = 0;
    let aliases = 0;
    let width = 0;
    let fields = 0;
    for (const selection of selectionSet.selections) {
      let m: SelectionMeasure;
      if (selection.kind === Kind.FIELD) {
        const child = selection.selectionSet ? measureSelectionSet(selection.selectionSet) : ZERO;
        const introspection = INTROSPECTION_ROOTS.has(selection.name.value);
        m = {
          depth: introspection ? 1 : 1 + child.depth,
          introspectionDepth: introspection ? 1 + Math.max(child.depth, child.introspectionDepth) : child.introspectionDepth && 1 + child.introspectionDepth,
          aliases: (selection.alias ? 1 : 0) + child.aliases,
          width: 1,
          fields: 1 + child.fields,
        };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        m = measureSelectionSet(selection.selectionSet);
      } else {
        m = measureFragment(selection.name.value);
      }
      depth = Math.max(depth, m.depth);
      introspectionDepth = Math.max(introspectionDepth, m.introspectionDepth);
      aliases += m.aliases;
      width += m.width;
      fields += m.fields;
    }
    return { depth, introspectionDepth, aliases, width, fields };
  };

  const root = measureSelectionSet(operation.selectionSet);
  return { depth: root.depth, introspectionDepth: root.introspectionDepth, aliases: root.aliases, rootFields: root.width, fields: root.fields };
}

const CHECKS: { key: keyof OperationMeasure; limit: keyof OperationLimits; what: string }[] = [
  { key: 'depth', limit: 'maxDepth', what: 'depth' },
  { key: 'introspectionDepth', limit: 'maxIntrospectionDepth', what: 'introspection depth' },
  { key: 'aliases', limit: 'maxAliases', what: 'number of aliases' },
  { key: 'rootFields', limit: 'maxRootFields', what: 'number of root fields' },
  { key: 'fields', limit: 'maxFields', what: 'number of fields' },
];

/** Validation rule reporting every limit an operation exceeds (extensions: limit, max, actual). */
export function operationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const measure = measureOperation(definition, fragments);
        const label = definition.name ? `Operation "${definition.name.value}"` : 'The operation';
        for (const check of CHECKS) {
          const max = limits[check.limit];
          const actual = measure[check.key];
          if (actual > max) {
            context.reportError(
              new GraphQLError(`${label} exceeds the maximum ${check.what}: ${actual} > ${max}`, {
                nodes: [definition],
                extensions: { limit: check.limit, max, actual },
              }),
            );
          }
        }
      }
      return false;
    },
  });
}

/** The rules the gateway adds to graphql-js's specified rules. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [operationLimitsRule(limits)];
}
