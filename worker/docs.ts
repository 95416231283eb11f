/**
 * /docs: the OpenAPI document as one self-contained HTML page (no scripts, no CDN, works
 * offline): every route with its method, summary, auth, parameters, request and response
 * schemas and examples, then the component schemas.
 */
type Json = Record<string, unknown>;

const esc = (v: unknown) => String(v).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const pretty = (v: unknown) => esc(JSON.stringify(v, null, 2));
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function schemaHtml(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return '';
  const ref = (schema as Json).$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() ?? ref;
    return `<a href="#schema-${esc(name)}"><code>${esc(name)}</code></a>`;
  }
  return `<pre>${pretty(schema)}</pre>`;
}

function exampleFor(media: Json | undefined, components: Json): unknown {
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const schema = media.schema as Json | undefined;
  if (!schema) return undefined;
  if (schema.example !== undefined) return schema.example;
  const ref = schema.$ref;
  if (typeof ref === 'string') return (components[ref.split('/').pop() ?? ''] as Json | undefined)?.example;
  return undefined;
}

export function renderDocs(doc: Json): string {
  const info = (doc.info ?? {}) as Json;
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const components = ((doc.components as Json | undefined)?.schemas ?? {}) as Json;
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
      const secured = Array.isArray(op.security) && op.security.length > 0;
      const auth = !secured ? 'none' : op['x-role'] === 'admin' ? 'Bearer API key, admin role' : 'Bearer API key (reader or admin)';
      toc.push(
        `<li><a href="#${id}"><span class="m m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></a> ${esc(op.summary ?? '')}</li>`,
      );
      const params = ((op.parameters ?? []) as Json[]).map(
        (p) =>
          `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${esc(p.description ?? '')}${p.example !== undefined ? ` (e.g. <code>${esc(p.example)}</code>)` : ''}</td></tr>`,
      );
      const body = ((op.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
      const bodyExample = exampleFor(body, components);
      const responses = Object.entries((op.responses ?? {}) as Record<string, Json>).map(([status, r]) => {
        const media = (r.content as Json | undefined)?.['application/json'] as Json | undefined;
        return `<tr><td>${esc(status)}</td><td>${esc(r.description ?? '')}</td><td>${media ? schemaHtml(media.schema) : ''}</td></tr>`;
      });
      ops.push(`<section class="op" id="${id}">
<h3><span class="m m-${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p><strong>${esc(op.summary ?? '')}</strong></p>
${op.description ? `<p>${esc(op.description)}</p>` : ''}
<p>Auth: ${esc(auth)}</p>
${params.length ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>about</th></tr>${params.join('')}</table>` : ''}
${body ? `<h4>Request body</h4>${schemaHtml(body.schema)}${bodyExample !== undefined ? `<h5>Example</h5><pre>${pretty(bodyExample)}</pre>` : ''}` : ''}
<h4>Responses</h4><table><tr><th>status</th><th>meaning</th><th>schema</th></tr>${responses.join('')}</table>
</section>`);
    }
  }
  const schemas = Object.entries(components).map(
    ([name, schema]) =>
      `<section class="schema" id="schema-${esc(name)}"><h3><code>${esc(name)}</code></h3><pre>${pretty(schema)}</pre></section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title ?? 'API')} ${esc(info.version ?? '')}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:980px;padding:1rem 1.5rem;color:#1b1f24}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
pre{background:#f5f6f8;padding:.6rem;overflow:auto;max-height:28rem;border-radius:6px}
table{border-collapse:collapse;margin:.3rem 0}td,th{border:1px solid #d8dde3;padding:.25rem .5rem;text-align:left;vertical-align:top}
.m{display:inline-block;min-width:3.4rem;text-align:center;border-radius:4px;color:#fff;font-weight:600;font-size:12px;padding:0 .3rem}
.m-get{background:#1f6feb}.m-post{background:#1a7f37}.m-put{background:#9a6700}.m-delete{background:#cf222e}.m-patch{background:#8250df}
.op{border-top:1px solid #d8dde3;padding-top:.5rem}
</style></head><body>
<h1>${esc(info.title ?? 'API')} <small>${esc(info.version ?? '')}</small></h1>
<p>${esc(info.description ?? '')}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Errors are <code>{ "error": { "code", "message", "details", "requestId" } }</code>.</p>
<h2>Routes</h2><ul>${toc.join('\n')}</ul>
${ops.join('\n')}
<h2>Schemas</h2>
${schemas.join('\n')}
</body></html>`;
}
