import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { buildEntityQuery, entitySelections, rootSelections } from './entity-query';

const subscription = (text: string) => {
  const document = parse(text);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const root = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
  return { operation, fragments, root };
};
const byId = { rootField: 'clue', type: 'Clue', args: [{ name: 'id', type: 'ID!', value: 'c1' }] };

describe('buildEntityQuery', () => {
  it('fetches the subscriber’s selection on the entity, per alias, with their fragments and variables', () => {
    const { operation, fragments, root } = subscription(`
      subscription($d: ID!, $reveal: Boolean) {
        clueQueueChanged(districtCode: $d) {
          kind
          clue { title ...Reporter }
          ... on ClueQueueChange { other: clue { number } }
        }
      }
      fragment Reporter on Clue { reporter { phone(reveal: $reveal) } }
    `);
    const selections = entitySelections(root, fragments, 'ClueQueueChange', 'clue');
    expect([...selections.keys()]).toEqual(['clue', 'other']);
    const query = buildEntityQuery(byId, selections, fragments, operation.variableDefinitions ?? [], { d: '610113', reveal: true });
    expect(query.variables).toEqual({ pgovLive_id: 'c1', reveal: true });
    expect([...query.aliases]).toEqual([['clue', 'e0'], ['other', 'e1']]);
    const printed = query.query.replace(/\s+/g, ' ');
    expect(printed).toContain('query PgovLiveEntity($pgovLive_id: ID!, $reveal: Boolean)');
    expect(printed).toContain('e0: clue(id: $pgovLive_id) { __typename ...PgovLiveSelection0 }');
    expect(printed).toContain('fragment PgovLiveSelection0 on Clue { __typename title ...Reporter }');
    expect(printed).toContain('fragment Reporter on Clue { __typename reporter { __typename phone(reveal: $reveal) } }');
    expect(printed).not.toContain('$d');
  });

  it('still asks for the entity when the subscriber selects none of it: the answer decides delivery', () => {
    const { operation, fragments, root } = subscription('subscription { clueQueueChanged(districtCode: "610113") { kind } }');
    const query = buildEntityQuery(byId, entitySelections(root, fragments, 'ClueQueueChange', 'clue'), fragments, operation.variableDefinitions ?? [], {});
    expect(query.query.replace(/\s+/g, ' ')).toContain('e0: clue(id: $pgovLive_id) { __typename ...PgovLiveSelection0 }');
  });

  it('finds a connection’s node by its match field when the payload is the entity itself', () => {
    const { operation, fragments, root } = subscription('subscription { indicatorAlertRaised { value indicator { name } } }');
    const lookup = { rootField: 'indicatorAlerts', type: 'IndicatorAlert', args: [{ name: 'first', type: 'Int', value: 10 }], match: { field: 'period', value: '2026-11' } };
    const query = buildEntityQuery(lookup, rootSelections(root), fragments, operation.variableDefinitions ?? [], {});
    expect(query.query.replace(/\s+/g, ' ')).toContain('e0: indicatorAlerts(first: $pgovLive_first) { __typename edges { __typename node { __typename pgovLiveMatch: period ...PgovLiveSelection0 } } }');
  });
});
