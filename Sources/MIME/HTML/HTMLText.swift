// The public face of the HTML support: readable text from an HTML body.

/// Turns an HTML mail body into the plain text a reader would see.
///
/// Blocks (`p`, `div`, `li`, `tr`, headings, `blockquote`…) and `<br>` become line
/// breaks, list items start with "- ", links keep their address as "text <url>" unless
/// the text already is the address, entities are decoded, and `head`, `script`, `style`,
/// comments and `display:none` elements are dropped. Whitespace collapses as in a
/// browser except inside `<pre>`. Quoted `<blockquote>` lines are prefixed with "> ".
/// The work is one linear pass over the bytes: no regular expressions.
public enum HTMLText {
    public static func plainText(fromHTML html: String) -> String {
        HTMLTextRenderer.render(html)
    }
}
