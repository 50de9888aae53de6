import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from './html.sanitize.js';

describe('sanitizeHtml', () => {
  it('keeps formatting and text, rebuilt without attributes', () => {
    expect(sanitizeHtml('<p class="x" style="color:red">Hello <b id="y">there</b><br/>friend</p>')).toBe(
      '<p>Hello <b>there</b><br>friend</p>',
    );
  });

  it('drops scripts, styles and embedded documents with everything inside them', () => {
    const html =
      '<div>a<script>alert(1)</script>b<style>body{background:url(https://t.example/x)}</style>c' +
      '<iframe src="https://evil.example"></iframe><svg><script>alert(2)</script></svg>d</div>';
    const out = sanitizeHtml(html);
    expect(out).toBe('<div>abcd</div>');
    expect(out).not.toMatch(/alert|evil|url\(/);
  });

  it('removes event handlers and unsafe links, keeps safe ones with rel/target', () => {
    expect(sanitizeHtml('<a href="javascript:alert(1)" onclick="x()">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href="jav&#x61;script&colon;alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href=" java\tscript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href="data:text/html,<script>">x</a>')).toBe('<a>x</a>');
    expect(sanitizeHtml('<a href="https://example.com/?a=1&amp;b=2">x</a>')).toBe(
      '<a href="https://example.com/?a=1&amp;b=2" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
    expect(sanitizeHtml('<div onmouseover="steal()">hi</div>')).toBe('<div>hi</div>');
  });

  it('drops remote images unless the caller allows their source', () => {
    expect(sanitizeHtml('<p><img src="https://tracker.example/p.gif" width="1">x</p>')).toBe('<p>x</p>');
    const pixel = 'https://hotlead.test/relay/pixel/abc.gif';
    const out = sanitizeHtml(`<img src="${pixel}" width="1" height="1" onerror="x()"><img src="cid:logo@host" alt="Logo">`, {
      imageSource: (src) => (src.startsWith('https://hotlead.test/') ? src : src === 'cid:logo@host' ? 'https://hotlead.test/a/1' : null),
    });
    expect(out).toBe(`<img src="${pixel}" width="1" height="1"><img src="https://hotlead.test/a/1" alt="Logo">`);
  });

  it('cannot be tricked by split or nested tags, comments or stray brackets', () => {
    const out = sanitizeHtml('<scr<script>ipt>alert(1)</script>ipt><!-- <script>x</script> -->1 < 2 & 3 > 0');
    expect(out).not.toMatch(/<script|<scr/i);
    // What is left of the broken tags is inert text.
    expect(out).toBe('ipt&gt;alert(1)ipt&gt;1 &lt; 2 &amp; 3 &gt; 0');
    expect(sanitizeHtml('<img src=x onerror=alert(1)//>')).toBe('');
    expect(sanitizeHtml('<a href="https://ok.example" title=\'"><script>alert(1)</script>\'>x</a>')).toBe(
      '<a href="https://ok.example" rel="noopener noreferrer nofollow" target="_blank">x</a>',
    );
  });

  it('keeps entities, closes what was left open and ignores stray closing tags', () => {
    expect(sanitizeHtml('<ul><li>&eacute;t&eacute; &#8212; 5&nbsp;€</li></div><li>two')).toBe(
      '<ul><li>&eacute;t&eacute; &#8212; 5&nbsp;€</li><li>two</li></ul>',
    );
    expect(sanitizeHtml('<b><i>x</b>y')).toBe('<b><i>x</i></b>y');
  });

  it('unwraps unknown tags but keeps their text, and drops forms controls', () => {
    expect(
      sanitizeHtml('<html><body><center><font face="x">Hi</font></center><form action="/x"><input value="v">ok</form></body></html>'),
    ).toBe('Hiok');
  });
});
