import { Button, Empty, Spin, Tag, Tooltip, Typography } from 'antd';
import { BulbOutlined, EnterOutlined, FileSearchOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { WorkspaceApi } from './workspace-api.js';
import type { AssistSuggestion } from './workspace-api-types.js';

const KIND_COLOR: Record<AssistSuggestion['kind'], string> = {
  faq: 'green',
  article: 'purple',
  passage: 'gold',
  similar_conversation: 'cyan',
  similar_ticket: 'geekblue',
  canned: 'blue',
  empathy: 'magenta',
};

interface AssistPanelProps {
  api: WorkspaceApi;
  conversationId: string;
  /** The visitor message to answer; a new one refreshes the suggestions. */
  messageId: string | null;
  onInsert: (text: string) => void;
}

/** Suggestions for the latest visitor message beside the reply box; a click puts one into the draft for editing. */
export function AssistPanel({ api, conversationId, messageId, onInsert }: AssistPanelProps) {
  const { t } = useI18n();
  const [items, setItems] = useState<AssistSuggestion[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    api.assist(conversationId, messageId ?? undefined).then(
      (page) => {
        if (cancelled) return;
        setItems(page.items);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(describeError(failure, t));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // t left out: a language switch must not refetch (and store the suggestions shown again).
  }, [api, conversationId, messageId]);

  const use = (item: AssistSuggestion) => {
    onInsert(item.body);
    // Adoption is a statistic: a failure to record it must not get in the agent's way.
    api.suggestionUsed(item.id).catch((failure: unknown) => console.warn('could not record the suggestion as used', item.id, failure));
  };

  return (
    <aside className="assist-panel" data-testid="assist-panel" aria-label={t('assist.title')}>
      <header className="workspace-section__header">
        <Typography.Text strong>
          <BulbOutlined /> {t('assist.title')}
        </Typography.Text>
        {loading && <Spin size="small" />}
      </header>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {!loading && !error && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assist.empty')} />}
      <div className="assist-panel__items">
        {items.map((item) => (
          <div key={item.id} className="assist-item" data-testid="assist-suggestion" data-kind={item.kind}>
            <div className="assist-item__head">
              <Tag color={KIND_COLOR[item.kind]} variant="filled">
                {t(`assist.kind.${item.kind}`)}
              </Tag>
              <Typography.Text strong ellipsis={{ tooltip: item.title }} className="assist-item__title">
                {item.title}
              </Typography.Text>
              {item.link && (
                <Tooltip title={t('assist.openDocument')}>
                  <Button size="small" type="link" icon={<FileSearchOutlined />} href={item.link} target="_blank" rel="noopener noreferrer" data-testid="assist-open-document" aria-label={t('assist.openDocument')} />
                </Tooltip>
              )}
              <Tooltip title={t('assist.insert')}>
                <Button size="small" type="link" icon={<EnterOutlined />} onClick={() => use(item)} data-testid="assist-insert" aria-label={t('assist.insert')} />
              </Tooltip>
            </div>
            <Typography.Paragraph className="assist-item__body" ellipsis={{ rows: 3, expandable: true, symbol: t('assist.more') }}>
              {item.body}
            </Typography.Paragraph>
          </div>
        ))}
      </div>
    </aside>
  );
}
