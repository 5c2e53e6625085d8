import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_HTML_CSP, renderAsyncApiHtml } from '../scripts/asyncapi-html';
import { buildAsyncApi } from './asyncapi';
import { allTopics } from './registry';

const ROOT = join(__dirname, '..');
// What `npx nx run contracts:asyncapi-html` writes to dist/contracts/asyncapi.html.
const page = renderAsyncApiHtml(readFileSync(join(ROOT, 'asyncapi.json'), 'utf8'));
const ELEMENTS = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1>/gi;
/** The page without the content of its script and style elements: what the browser reads as markup. */
const markup = page.replace(ELEMENTS, '<$1$2></$1>');

describe('the AsyncAPI page for partner agencies (dist/contracts/asyncapi.html)', () => {
  it('loads nothing at view time: no address in its markup or stylesheet, and a policy that forbids any load', () => {
    expect(markup).not.toMatch(/https?:\/\//i);
    expect(markup).not.toMatch(/\s(src|href|srcset|action|poster|data)\s*=/i);
    expect(markup).toContain(`<meta http-equiv="Content-Security-Policy" content="${ASYNCAPI_HTML_CSP}">`);
    expect(ASYNCAPI_HTML_CSP).toMatch(/^default-src 'none';/);
    expect(ASYNCAPI_HTML_CSP).not.toMatch(/connect-src|https?:|\*/);
    const styles = [...page.matchAll(ELEMENTS)].filter((m) => m[1]!.toLowerCase() === 'style').map((m) => m[3]!);
    expect(styles).toHaveLength(1);
    expect(styles[0]).not.toMatch(/@import/i);
    for (const [, target] of styles[0]!.matchAll(/url\(\s*['"]?([^'")]*)/gi)) expect(target).toMatch(/^(data:|#)/);
  });

  it('embeds the whole document, every element closed where it should be: the three scripts (document, renderer, call) and one style', () => {
    const elements = [...page.matchAll(ELEMENTS)].map((m) => m[1]!.toLowerCase());
    expect(elements).toEqual(['style', 'script', 'script', 'script']);
    expect(markup.match(/<\/?(script|style)\b/gi)).toHaveLength(8);
    const json = /<script type="application\/json" id="asyncapi-document">([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(JSON.parse(json)).toEqual(buildAsyncApi());
  });

  it('shows every topic with its key, ordering guarantee and retention (the renderer adds an example of each message)', () => {
    const doc = buildAsyncApi() as { channels: Record<string, { description: string; bindings: { kafka: { topicConfiguration: Record<string, unknown> } } }>; components: { messages: Record<string, { bindings?: { kafka: { key: unknown } } }> } };
    for (const topic of allTopics()) {
      const channel = doc.channels[topic]!;
      expect(channel.description).toMatch(/Message key: the aggregate id .*one aggregate stays in order on one partition/);
      expect(channel.description).toMatch(/Retention: 30 days/);
      expect(channel.bindings.kafka.topicConfiguration['retention.ms']).toBe(30 * 86_400_000);
      expect(doc.channels[`${topic}.dlq`]!.bindings.kafka.topicConfiguration['retention.ms']).toBe(90 * 86_400_000);
    }
    for (const [id, message] of Object.entries(doc.components.messages)) if (id !== 'DeadLetter') expect(message.bindings?.kafka.key).toBeDefined();
  });
});
