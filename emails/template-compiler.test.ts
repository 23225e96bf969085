import { describe, expect, it } from 'vitest';
import { compileMjml, escapeHtml, fillTemplate } from './template-compiler.js';

describe('compileMjml', () => {
  it('keeps placeholders in the compiled HTML', async () => {
    const html = await compileMjml(
      '<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{name}} {{{rows}}}</mj-text></mj-column></mj-section></mj-body></mjml>',
      'greeting',
    );
    expect(html).toContain('Hi {{name}} {{{rows}}}');
  });

  it('rejects an invalid template under strict validation, naming the template', async () => {
    // mj-text directly inside mj-section is invalid: it must sit in an mj-column.
    const bad = '<mjml><mj-body><mj-section><mj-text>orphan</mj-text></mj-section></mj-body></mjml>';
    await expect(compileMjml(bad, 'broken-reminder')).rejects.toThrow(/MJML template "broken-reminder" is invalid:.*mj-text/s);
  });
});

describe('fillTemplate', () => {
  it('escapes {{name}} and inserts {{{name}}} raw', () => {
    const filled = fillTemplate('<p>{{who}}</p>{{{rows}}}', { who: '<b>Tom & Jerry</b>', rows: '<tr></tr>' }, { escape: true });
    expect(filled).toBe('<p>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</p><tr></tr>');
  });

  it('leaves values unescaped for plain text', () => {
    expect(fillTemplate('Hi {{who}}', { who: 'Tom & Jerry' }, { escape: false })).toBe('Hi Tom & Jerry');
  });

  it('throws naming the key when a value is missing', () => {
    expect(() => fillTemplate('Total {{total}}', {}, { escape: true })).toThrow('Missing value for template placeholder "total"');
    expect(() => fillTemplate('{{{lineRows}}}', {}, { escape: true })).toThrow('"lineRows"');
  });

  it('does not take inherited object properties as values', () => {
    expect(() => fillTemplate('{{constructor}}', {}, { escape: false })).toThrow('"constructor"');
  });

  it('inserts a value that looks like a placeholder literally, never expanding it', () => {
    const filled = fillTemplate('{{a}}|{{{b}}}', { a: '{{{b}}}', b: '<i>raw</i>' }, { escape: true });
    expect(filled).toBe('{{{b}}}|<i>raw</i>');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
