import { Typography } from 'antd';

/**
 * An article body as plain text: line breaks kept, never parsed as HTML or
 * markdown, so whatever an editor typed cannot inject markup into the console.
 */
export function ArticleVersionText({ text, collapsed = false }: { text: string; collapsed?: boolean }) {
  return (
    <Typography.Paragraph className="article-text" ellipsis={collapsed ? { rows: 3, expandable: 'collapsible' } : false} data-testid="article-text">
      {text}
    </Typography.Paragraph>
  );
}
