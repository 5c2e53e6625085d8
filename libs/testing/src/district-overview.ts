/**
 * The README's dashboard query (one district across the four subgraphs): what the benchmarks load
 * the gateway with and what the response-cache spec keeps.
 */
export const DISTRICT_OVERVIEW = `query DistrictOverview($code: ID!, $period: String!) {
  district(code: $code) {
    name pilot informantCoverage
    clues(first: 5) { totalCount edges { node { number title status reporter { name pointBalance } } } }
    petitions { totalCount }
    indicatorValues(periodKind: MONTH, period: $period) { indicator { code name } value }
  }
}`;
