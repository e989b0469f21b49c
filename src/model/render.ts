import type { Article, Block } from './article.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Only http(s) URLs are ever rendered as links or images. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Plain text of one block; list items and table cells keep their own lines. */
export function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'code':
      return block.text;
    case 'list':
      return block.items.join('\n');
    case 'table':
      return block.rows.map((row) => row.join('\t')).join('\n');
    case 'image':
      return '';
  }
}

/** Blocks that carry body text (images keep their caption out of the body text). */
export function textBlocks(blocks: Block[]): string[] {
  return blocks.map(blockText).filter((t) => t.length > 0);
}

export function renderText(blocks: Block[]): string {
  return textBlocks(blocks).join('\n\n');
}

export function renderBlockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'quote':
      return `<blockquote><p>${escapeHtml(block.text)}</p>${block.cite ? `<footer>${escapeHtml(block.cite)}</footer>` : ''}</blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const caption = block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : '';
      const rows = block.rows
        .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
        .join('');
      return `<table>${caption}<tbody>${rows}</tbody></table>`;
    }
    case 'image': {
      const src = safeUrl(block.src);
      if (!src) return '';
      const alt = escapeHtml(block.alt ?? '');
      const caption = [block.caption, block.credit]
        .filter(Boolean)
        .map((t) => escapeHtml(t!))
        .join(' ');
      return `<figure><img src="${escapeHtml(src)}" alt="${alt}" loading="lazy" referrerpolicy="no-referrer">${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
    }
  }
}

export function renderHtml(blocks: Block[]): string {
  return blocks.map(renderBlockHtml).filter(Boolean).join('\n');
}

/** Markdown rendering of a whole article (headline, standfirst, byline, body, credit). */
export function renderMarkdown(article: Article): string {
  const out: string[] = [];
  if (article.headline) out.push(`# ${article.headline}`);
  if (article.standfirst) out.push(`*${article.standfirst}*`);
  const meta = [article.siteName, article.authors.join(', '), article.published].filter(Boolean);
  if (meta.length) out.push(meta.join(' · '));
  for (const block of article.blocks) {
    switch (block.kind) {
      case 'paragraph':
        out.push(block.text);
        break;
      case 'heading':
        out.push(`${'#'.repeat(Math.min(6, block.level + 1))} ${block.text}`);
        break;
      case 'quote':
        out.push(
          block.text
            .split('\n')
            .map((l) => `> ${l}`)
            .join('\n'),
        );
        break;
      case 'code':
        out.push('```\n' + block.text + '\n```');
        break;
      case 'list':
        out.push(
          block.items.map((item, i) => (block.ordered ? `${i + 1}. ${item}` : `- ${item}`)).join('\n'),
        );
        break;
      case 'table':
        if (block.rows.length) {
          const [head, ...rest] = block.rows;
          out.push(
            [
              `| ${head.join(' | ')} |`,
              `|${head.map(() => ' --- |').join('')}`,
              ...rest.map((r) => `| ${r.join(' | ')} |`),
            ].join('\n'),
          );
        }
        break;
      case 'image': {
        const src = safeUrl(block.src);
        if (src)
          out.push(
            `![${block.alt ?? block.caption ?? ''}](${src})${block.caption ? `\n*${block.caption}*` : ''}`,
          );
        break;
      }
    }
  }
  if (article.original) {
    const o = article.original;
    const name = o.publisher ?? 'the original publisher';
    out.push(
      `---\nOriginally published by ${o.url ? `[${name}](${o.url})` : name}${o.title ? `: “${o.title}”` : ''}`,
    );
  }
  return out.join('\n\n') + '\n';
}
