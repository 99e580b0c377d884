using Microsoft.Playwright;

namespace Samples.Tests.Browser;

/// <summary>
/// What a person notices on a badly laid-out page, measured in the browser: the page scrolls sideways; a name or a
/// word wraps one or two characters per line; a button, badge or menu item breaks onto a second line; a code (a
/// transaction id) leaves a few characters alone on a line. Lines are found from each character's box.
/// </summary>
public static class LayoutChecks
{
    private const string Script = """
        () => {
          const problems = [];
          // The window less its scroll bar: nothing may reach under or past it.
          const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
          const page = document.documentElement.scrollWidth;
          if (page > width) {
            const wide = [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed')
              .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
            problems.push(`the page is ${page}px wide in a ${width}px window (${wide.join(', ')})`);
          }
          const range = document.createRange();
          // The lines a run of text nodes takes, and how many visible characters each line holds.
          const lines = nodes => {
            const counts = [];
            let lastTop = -Infinity;
            for (const node of nodes) {
              const text = node.textContent;
              for (let i = 0; i < text.length; i++) {
                if (/\s/.test(text[i]) || (text.charCodeAt(i) & 0xFC00) === 0xDC00) continue;
                range.setStart(node, i);
                range.setEnd(node, i + 1 < text.length && (text.charCodeAt(i) & 0xFC00) === 0xD800 ? i + 2 : i + 1);
                const box = range.getClientRects()[0];
                if (!box || box.width === 0) continue;
                if (box.top > lastTop + box.height / 2) { counts.push(0); lastTop = box.top; }
                counts[counts.length - 1]++;
              }
            }
            return counts;
          };
          const visible = e => e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
          const quote = s => JSON.stringify(s.replace(/\s+/g, ' ').trim().slice(0, 50));
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node; (node = walker.nextNode());) {
            const parent = node.parentElement;
            const chars = node.textContent.replace(/\s+/g, '').length;
            if (chars < 2 || !visible(parent) || parent.closest('script, style, textarea, select, code')) continue;
            const counts = lines([node]);
            // Wrapped a character or two per line, in a column too narrow for text: no line holds more than two. (A
            // short run of text between two highlights may break across lines in a wide paragraph, as CJK text can
            // break between any two characters: that is text flowing, not a squeezed column.)
            let block = parent;
            while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
            const narrow = block.getBoundingClientRect().width < 6 * parseFloat(getComputedStyle(block).fontSize);
            if (counts.length >= 2 && Math.max(...counts) <= 2 && narrow) {
              problems.push(`${quote(node.textContent)} wraps onto ${counts.length} lines for ${chars} characters`);
            } else if (counts.length >= 2 && parent.closest('button, .button, .badge, .lang, .nav a, .avatar, .name, .link-button, .quick-reply, .logo')) {
              problems.push(`the control ${quote(node.textContent)} breaks onto ${counts.length} lines`);
            }
          }
          for (const code of document.querySelectorAll('code')) {
            if (!visible(code)) continue;
            const texts = [];
            const inner = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
            for (let node; (node = inner.nextNode());) texts.push(node);
            const counts = lines(texts);
            if (counts.length >= 2 && Math.min(...counts) < 4) {
              problems.push(`the code ${quote(code.textContent)} leaves ${Math.min(...counts)} character(s) alone on a line`);
            }
          }
          return problems;
        }
        """;

    /// <summary>Everything wrong with the current page's layout (empty when nothing is).</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) => await page.EvaluateAsync<string[]>(Script);

    /// <summary>Fails with every problem found on the page, named with its address.</summary>
    public static async Task AssertCleanAsync(IPage page, string what)
    {
        var problems = await ProblemsAsync(page);
        Assert.That(problems, Is.Empty, $"{what} ({page.Url}) at {page.ViewportSize?.Width}px:\n  " + string.Join("\n  ", problems));
    }
}
