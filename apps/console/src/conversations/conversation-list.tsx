import { Alert, Avatar, Badge, Button, Empty, Segmented, Spin, Tag, Tooltip, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { Conversation, ConversationStatus } from '../api/api-types.js';
import { formatDateTime } from '../format/clock-time.js';
import { formatRelativeTime } from '../format/relative-time.js';
import { useNow } from '../format/use-now.js';
import { useI18n } from '../i18n/i18n-context.js';
import { assignmentOf } from './assignment-of.js';
import { ChannelTag } from './channel-tag.js';
import { applyInboxView, countInboxViews, type InboxView } from './inbox-view.js';
import { messagePreview } from './message-preview.js';
import { visitorLabel } from './visitor-label.js';

interface ConversationListProps {
  status: ConversationStatus;
  items: Conversation[];
  unread: Record<string, number>;
  selectedId: string | null;
  userId: string;
  loading: boolean;
  /** More conversations exist on the server than the list holds. */
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the last load failed, ready to display. */
  error: string | null;
  view: InboxView;
  onViewChange: (view: InboxView) => void;
  onStatusChange: (status: ConversationStatus) => void;
  onSelect: (id: string) => void;
  onRefresh: () => void;
  onLoadMore: () => void;
}

/** Left column of the conversations screen: filter, live list, unread and handoff badges. */
export function ConversationList(props: ConversationListProps) {
  const { t, locale } = useI18n();
  const now = useNow();
  const counts = countInboxViews(props.items, props.userId);
  const shown = applyInboxView(props.items, props.view, props.userId);

  return (
    <div className="conversation-list">
      <div className="conversation-list__toolbar">
        <Segmented<ConversationStatus>
          value={props.status}
          onChange={props.onStatusChange}
          options={[
            { value: 'open', label: t('conversations.filter.open') },
            { value: 'closed', label: t('conversations.filter.closed') },
          ]}
        />
        <Tooltip title={t('conversations.refresh')}>
          <Button type="text" icon={<ReloadOutlined />} aria-label={t('conversations.refresh')} onClick={props.onRefresh} />
        </Tooltip>
      </div>
      <div className="conversation-list__views">
        <Segmented<InboxView>
          size="small"
          block
          value={props.view}
          onChange={props.onViewChange}
          data-testid="inbox-view"
          options={[
            { value: 'all', label: t('conversations.view.all', { count: counts.all }) },
            { value: 'handoff', label: t('conversations.view.handoff', { count: counts.handoff }) },
            { value: 'mine', label: t('conversations.view.mine', { count: counts.mine }) },
          ]}
        />
      </div>
      {props.error && (
        <Alert type="error" showIcon title={t('conversations.loadFailed')} description={props.error} className="conversation-list__error" />
      )}
      <div className="conversation-list__items" role="listbox" aria-label={t('nav.conversations')}>
        {props.loading && props.items.length === 0 ? (
          <div className="centered-fill">
            <Spin />
          </div>
        ) : shown.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t(props.items.length > 0 ? 'conversations.empty.view' : props.status === 'open' ? 'conversations.empty.open' : 'conversations.empty.closed')}
          />
        ) : (
          shown.map((conversation) => {
            const label = visitorLabel(conversation.visitor, t);
            const activity = conversation.lastMessage?.createdAt ?? conversation.updatedAt;
            const selected = conversation.id === props.selectedId;
            return (
              <div
                key={conversation.id}
                role="option"
                aria-selected={selected}
                tabIndex={0}
                data-testid="conversation-item"
                data-conversation-id={conversation.id}
                className={`conversation-item${selected ? ' conversation-item--selected' : ''}`}
                onClick={() => props.onSelect(conversation.id)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    props.onSelect(conversation.id);
                  }
                }}
              >
                <Badge count={props.unread[conversation.id] ?? 0} size="small" offset={[-4, 4]}>
                  <Avatar className={conversation.handoff ? 'avatar--handoff' : 'avatar--visitor'}>{Array.from(label)[0]}</Avatar>
                </Badge>
                <div className="conversation-item__body">
                  <div className="conversation-item__row">
                    <Typography.Text strong ellipsis className="conversation-item__name">
                      {label}
                    </Typography.Text>
                    <Tooltip title={formatDateTime(activity, locale)}>
                      <span className="conversation-item__time">{formatRelativeTime(activity, now, locale)}</span>
                    </Tooltip>
                  </div>
                  <Typography.Text type="secondary" ellipsis className="conversation-item__preview">
                    {messagePreview(conversation.lastMessage, t)}
                  </Typography.Text>
                  <div className="conversation-item__tags">
                    <ChannelTag channel={conversation.channel} />
                    {conversation.handoff && conversation.status === 'open' && (
                      <Tag color="red" variant="filled">
                        {t('conversation.handoff')}
                      </Tag>
                    )}
                    <Tag color={conversation.status === 'open' ? 'green' : 'default'} variant="filled">
                      {t(conversation.status === 'open' ? 'conversation.status.open' : 'conversation.status.closed')}
                    </Tag>
                    {assignmentOf(conversation, props.userId) === 'mine' && (
                      <Tag color="blue" variant="filled">
                        {t('conversation.assignee.mine')}
                      </Tag>
                    )}
                  </div>
                </div>
              </div>
            );
          })
        )}
        {props.hasMore && props.items.length > 0 && (
          <div className="conversation-list__more">
            <Button type="link" loading={props.loadingMore} onClick={props.onLoadMore} data-testid="conversation-load-more">
              {t('conversations.loadMore')}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
