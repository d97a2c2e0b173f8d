import { Alert, Empty, Input, Modal, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { KnowledgeSearchHit } from '../api/api-types.js';
import { useSession } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';

const MAX_QUERY_LENGTH = 200;

const TYPE_COLOR: Record<KnowledgeSearchHit['type'], string> = { faq: 'blue', article: 'purple', passage: 'gold' };

/** A modal to try a visitor question against `GET /kb/search` (FAQs, published articles and document passages). */
export function KnowledgeSearchPreview({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { api } = useSession();
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<KnowledgeSearchHit[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let cancelled = false;
    setLoading(true);
    api.searchKnowledge(q).then(
      ({ items }) => {
        if (cancelled) return;
        setHits(items);
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
    // t is left out on purpose: a language switch must not refetch.
  }, [api, query]);

  return (
    <Modal open={open} onCancel={onClose} footer={null} width={640} title={t('articles.searchPreview')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('articles.searchPreviewHint')}</Typography.Paragraph>
      <Input.Search
        allowClear
        enterButton
        loading={loading}
        maxLength={MAX_QUERY_LENGTH}
        placeholder={t('articles.searchPreviewPlaceholder')}
        onSearch={(value) => setQuery(value)}
        data-testid="knowledge-search-input"
      />
      {error && <Alert type="error" showIcon title={error} className="search-preview__notice" />}
      {hits && hits.length === 0 && <Empty description={t('articles.searchPreviewEmpty')} className="search-preview__notice" />}
      {hits && hits.length > 0 && (
        <ol className="search-preview" data-testid="knowledge-search-results">
          {hits.map((hit) => (
            <li key={`${hit.type}:${hit.id}`} className="search-preview__hit" data-testid="knowledge-search-hit" data-type={hit.type}>
              <div className="search-preview__head">
                <Tag color={TYPE_COLOR[hit.type]}>{t(`articles.searchPreviewType.${hit.type}`)}</Tag>
                <Typography.Text strong>{hit.title}</Typography.Text>
                <Typography.Text type="secondary" className="search-preview__score">
                  {t('articles.searchPreviewScore', { score: hit.score.toFixed(2) })}
                </Typography.Text>
              </div>
              <Typography.Text type="secondary">{hit.snippet}</Typography.Text>
              {hit.link && (
                <Typography.Link href={hit.link} target="_blank" rel="noopener noreferrer" data-testid="knowledge-search-open-document">
                  {t('articles.searchPreviewOpenDocument')}
                </Typography.Link>
              )}
            </li>
          ))}
        </ol>
      )}
    </Modal>
  );
}
