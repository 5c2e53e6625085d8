import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The AsyncAPI document as one self-contained HTML page for partner agencies: the standalone bundle
 * of @asyncapi/react-component (a development dependency) and its stylesheet inlined, the document
 * embedded as JSON. Nothing is loaded at view time, and the page's Content-Security-Policy forbids
 * it: no connection, no script, style, font or image from anywhere but the page itself. The
 * renderer validates the document with ajv, which compiles schemas to functions ('unsafe-eval').
 */
export const ASYNCAPI_HTML_CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

const COMPONENT = dirname(require.resolve('@asyncapi/react-component/package.json'));

/** The renderer's version, its standalone bundle and its stylesheet, as installed. */
export function asyncApiRenderer(): { version: string; script: string; css: string } {
  const { version } = JSON.parse(readFileSync(join(COMPONENT, 'package.json'), 'utf8')) as { version: string };
  return {
    version,
    script: readFileSync(join(COMPONENT, 'browser', 'standalone', 'index.js'), 'utf8'),
    css: readFileSync(join(COMPONENT, 'styles', 'default.min.css'), 'utf8'),
  };
}

/**
 * Text safe inside an inline <script> or <style>: nothing in it can close the element early. `<\/`
 * means `</` in a JavaScript string, regular expression or JSON text alike; the bundle has no
 * `</script` outside those today, and the test checks the page's script and style elements.
 */
const inline = (text: string, element: 'script' | 'style') => text.replace(new RegExp(`</(${element})`, 'gi'), '<\\/$1');

export function renderAsyncApiHtml(asyncApiJson: string, renderer = asyncApiRenderer()): string {
  const doc = JSON.parse(asyncApiJson) as { info: { title: string; version: string } };
  const title = `${doc.info.title} ${doc.info.version}`.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const config = { show: { sidebar: true, info: true, servers: true, operations: true, messages: true, schemas: true, errors: true }, sidebar: { showOperations: 'byDefault' }, expand: { messageExamples: true } };
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${ASYNCAPI_HTML_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="libs/contracts/scripts/write-asyncapi-html.ts with @asyncapi/react-component ${renderer.version}">`,
    `<title>${title}</title>`,
    `<style>${inline(renderer.css, 'style')}</style>`,
    '</head>',
    '<body>',
    '<noscript>This page renders the AsyncAPI document with JavaScript; the document itself is libs/contracts/asyncapi.json.</noscript>',
    '<div id="asyncapi"></div>',
    `<script type="application/json" id="asyncapi-document">${inline(asyncApiJson.trim(), 'script')}</script>`,
    `<script>${inline(renderer.script, 'script')}</script>`,
    '<script>',
    `AsyncApiStandalone.render({ schema: document.getElementById('asyncapi-document').textContent, config: ${JSON.stringify(config)} }, document.getElementById('asyncapi'));`,
    '</script>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
