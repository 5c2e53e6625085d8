import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Every answer goes to its client with `Cache-Control: no-store`: it was made for one caller's token,
 * and no browser or proxy on the way is to keep it, whatever the subgraphs allowed the gateway.
 */
export function noStoreForClients<Ctx extends BaseContext>(): ApolloServerPlugin<Ctx> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          rc.response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
