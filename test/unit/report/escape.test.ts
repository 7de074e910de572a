import assert from 'node:assert/strict';
import { csvCell, escapeHtml, escapeMarkdownCell, neutralizeFormula, safeUrl } from '../../../src/core/report/escape';

describe('report escaping', () => {
  describe('escapeHtml', () => {
    it('escapes the five characters that matter in content and quoted attributes', () => {
      assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    });
    it('leaves ordinary text, including non-ASCII, alone', () => {
      assert.equal(escapeHtml('Zoë — 40.5 h · ≥ 95%'), 'Zoë — 40.5 h · ≥ 95%');
    });
    it('escapes an already-escaped entity again, so it shows as typed', () => {
      assert.equal(escapeHtml('&lt;b&gt;'), '&amp;lt;b&amp;gt;');
    });
  });

  describe('escapeMarkdownCell', () => {
    it('escapes pipes so a value cannot add table columns', () => {
      assert.equal(escapeMarkdownCell('a | b'), 'a \\| b');
    });
    it('turns every kind of line break into a space', () => {
      assert.equal(escapeMarkdownCell('one\ntwo\r\nthree\rfour\u2028five'), 'one two three four five');
    });
    it('escapes link, image, HTML, code and emphasis syntax', () => {
      assert.equal(escapeMarkdownCell('[x](javascript:alert(1))'), '\\[x\\](javascript:alert(1))');
      assert.equal(escapeMarkdownCell('![i](http://e/x.png)'), '!\\[i\\](http://e/x.png)');
      assert.equal(escapeMarkdownCell('<script>'), '\\<script\\>');
      assert.equal(escapeMarkdownCell('`code` *b* _i_ ~~s~~'), '\\`code\\` \\*b\\* \\_i\\_ \\~\\~s\\~\\~');
    });
    it('escapes a backslash first, so a value ending in \\ cannot cancel the pipe escape', () => {
      assert.equal(escapeMarkdownCell('a\\|b'), 'a\\\\\\|b');
      assert.equal(escapeMarkdownCell('end\\'), 'end\\\\');
    });
    it('escapes & only where it would start an entity', () => {
      assert.equal(escapeMarkdownCell('R&D &lt;b&gt; &#60;'), 'R&D \\&lt;b\\&gt; \\&#60;');
    });
  });

  describe('csvCell', () => {
    it('writes plain text unquoted', () => {
      assert.equal(csvCell('PLAN-2026-041'), 'PLAN-2026-041');
    });
    it('quotes text with commas, quotes, CR or LF and doubles the quotes (RFC 4180)', () => {
      assert.equal(csvCell('a,b'), '"a,b"');
      assert.equal(csvCell('say "hi"'), '"say ""hi"""');
      assert.equal(csvCell('one\ntwo'), '"one\ntwo"');
      assert.equal(csvCell('one\r\ntwo'), '"one\r\ntwo"');
    });
    it('neutralizes cells a spreadsheet would evaluate as formulas', () => {
      assert.equal(csvCell('=1+1'), "'=1+1");
      assert.equal(csvCell('+1+1'), "'+1+1");
      assert.equal(csvCell("-2+3+cmd|'/C calc'!A0"), "'-2+3+cmd|'/C calc'!A0");
      assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
      assert.equal(csvCell('\t=1+1'), "'\t=1+1");
      assert.equal(csvCell('\r=1+1'), '"\'\r=1+1"');
      assert.equal(csvCell('  =1+1'), "'  =1+1");
      assert.equal(csvCell('\uFF1D1+1'), "'\uFF1D1+1");
      assert.equal(csvCell('=HYPERLINK("http://evil","x")'), '"\'=HYPERLINK(""http://evil"",""x"")"');
    });
    it('keeps negative numbers numbers, as numbers and as plain decimal text', () => {
      assert.equal(csvCell(-3), '-3');
      assert.equal(csvCell(-12.5), '-12.5');
      assert.equal(csvCell('-3'), '-3');
      assert.equal(csvCell('-3.25'), '-3.25');
      assert.equal(neutralizeFormula('-3e2'), "'-3e2");
    });
    it('writes numbers, booleans and nulls predictably', () => {
      assert.equal(csvCell(37.7), '37.7');
      assert.equal(csvCell(0), '0');
      assert.equal(csvCell(Number.NaN), '');
      assert.equal(csvCell(true), 'true');
      assert.equal(csvCell(false), 'false');
      assert.equal(csvCell(null), '');
      assert.equal(csvCell(undefined), '');
      assert.equal(csvCell(''), '');
    });
  });

  describe('safeUrl', () => {
    it('lets absolute http and https URLs through, normalized', () => {
      assert.equal(safeUrl('https://wiki.contoso.example/patch-tests/41'), 'https://wiki.contoso.example/patch-tests/41');
      assert.equal(safeUrl('  HTTP://Wiki.Contoso.Example  '), 'http://wiki.contoso.example/');
    });
    it('refuses script, data and other schemes however they are spelled', () => {
      for (const url of [
        'javascript:alert(1)',
        'JavaScript:alert(1)',
        ' javascript:alert(1)',
        'java\tscript:alert(1)',
        '\u0000javascript:alert(1)',
        'data:text/html,<script>1</script>',
        'vbscript:msgbox(1)',
        'file:///etc/passwd',
        'mailto:a@b.example',
        'ftp://files.example/',
      ]) {
        assert.equal(safeUrl(url), null, url);
      }
    });
    it('refuses relative, protocol-relative, garbage and credential-carrying URLs', () => {
      for (const url of [
        '/patch-tests/41',
        '//evil.example/x',
        'not a url',
        '',
        'https://wiki.contoso.example@evil.example/',
        'https://user:pw@host.example/',
      ]) {
        assert.equal(safeUrl(url), null, url);
      }
    });
  });
});
