/**
 * GraphiQL served entirely by the gateway: the page, and GraphiQL's, React's and ReactDOM's UMD
 * builds read from the installed npm packages. Nothing is loaded from a CDN, and the page's CSP
 * forbids it anyway. Tokens typed into the header editor are not persisted in localStorage.
 */
import { dirname, join } from 'node:path';
import { Router, type Response } from 'express';

export const GRAPHIQL_PATH = '/graphiql';
export const ASSET_PATH = `${GRAPHIQL_PATH}/assets`;

const pkg = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** The only files served under /graphiql/assets: name → [absolute file, content type]. */
function assetFiles(): Record<string, [string, string]> {
  const graphiql = pkg('graphiql');
  return {
    'react.production.min.js': [join(pkg('react'), 'umd', 'react.production.min.js'), 'text/javascript; charset=utf-8'],
    'react-dom.production.min.js': [join(pkg('react-dom'), 'umd', 'react-dom.production.min.js'), 'text/javascript; charset=utf-8'],
    'graphiql.min.js': [join(graphiql, 'graphiql.min.js'), 'text/javascript; charset=utf-8'],
    'graphiql.min.js.map': [join(graphiql, 'graphiql.min.js.map'), 'application/json; charset=utf-8'],
    'graphiql.min.css': [join(graphiql, 'graphiql.min.css'), 'text/css; charset=utf-8'],
  };
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL/CodeMirror set style attributes at run time.
  "style-src 'self' 'unsafe-inline'",
  // GraphiQL's CSS embeds its fonts and icons as data: URLs.
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const DEFAULT_QUERY = `# Put your token in the Headers tab below:
#   {"Authorization": "Bearer <token>"}
# Make one with:
#   npx tsx tools/mint-token.ts --role CITY_ADMIN --district 610100 --sub dev --name 开发者
{
  __typename
}
`;

const INIT_JS = `'use strict';
(function () {
  var element = document.getElementById('graphiql');
  var endpoint = new URL(element.getAttribute('data-endpoint'), window.location.href).toString();
  var fetcher = GraphiQL.createFetcher({ url: endpoint });
  ReactDOM.createRoot(element).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      defaultHeaders: ${JSON.stringify('{\n  "Authorization": "Bearer <token>"\n}')},
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers'
    })
  );
})();
`;

function page(graphqlPath: string): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>GraphiQL · pgov gateway</title>
    <link rel="stylesheet" href="${ASSET_PATH}/graphiql.min.css" />
    <link rel="stylesheet" href="${ASSET_PATH}/page.css" />
  </head>
  <body>
    <div id="graphiql" data-endpoint="${graphqlPath}">Loading GraphiQL…</div>
    <script src="${ASSET_PATH}/react.production.min.js"></script>
    <script src="${ASSET_PATH}/react-dom.production.min.js"></script>
    <script src="${ASSET_PATH}/graphiql.min.js"></script>
    <script src="${ASSET_PATH}/init.js"></script>
  </body>
</html>
`;
}

const PAGE_CSS = 'html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }\n';

function secure(res: Response): Response {
  return res
    .set('Content-Security-Policy', CSP)
    .set('X-Content-Type-Options', 'nosniff')
    .set('X-Frame-Options', 'DENY')
    .set('Referrer-Policy', 'no-referrer');
}

export function graphiqlRouter(graphqlPath = '/graphql'): Router {
  const router = Router();
  const files = assetFiles();
  const html = page(graphqlPath);

  router.get(GRAPHIQL_PATH, (_req, res) => {
    secure(res).type('html').set('Cache-Control', 'no-store').send(html);
  });
  router.get(`${ASSET_PATH}/init.js`, (_req, res) => {
    secure(res).type('text/javascript; charset=utf-8').set('Cache-Control', 'no-cache').send(INIT_JS);
  });
  router.get(`${ASSET_PATH}/page.css`, (_req, res) => {
    secure(res).type('text/css; charset=utf-8').set('Cache-Control', 'no-cache').send(PAGE_CSS);
  });
  router.get(`${ASSET_PATH}/:file`, (req, res, next) => {
    const entry = Object.hasOwn(files, req.params.file) ? files[req.params.file] : undefined;
    if (!entry) return next();
    const [file, contentType] = entry;
    secure(res).sendFile(file, { headers: { 'Content-Type': contentType }, maxAge: '1h', dotfiles: 'deny' }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });
  return router;
}
