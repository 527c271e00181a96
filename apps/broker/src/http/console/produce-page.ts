/** `/console/produce`: a form that appends one record (key, value, headers, partition) to a topic. */
import { html } from 'hono/html';
import { type Html, type PageOptions, page } from './layout.js';

export function producePage(
  topics: readonly string[],
  selected: string | undefined,
  flash: PageOptions['flash'],
): Html {
  const body = html`<form class="inline" method="post" action="/console/produce" aria-label="Produce">
<label>Topic<select name="topic" required>${topics.map(
    (t) => html`<option ${t === selected ? 'selected' : ''}>${t}</option>`,
  )}</select></label>
<label>Partition (empty: by key)<input name="partition" type="number" min="0" size="5"></label>
<label>Key<input name="key" size="20"></label>
<label>Value<textarea name="value" rows="3" cols="40"></textarea></label>
<label>Headers (name=value per line)<textarea name="headers" rows="3" cols="24"></textarea></label>
<button type="submit">Produce</button></form>
${topics.length === 0 ? html`<p class="muted">No topics yet: <a href="/console/topics">create one</a>.</p>` : ''}`;
  return page({ title: 'Produce', section: '/console/produce', flash }, body);
}
