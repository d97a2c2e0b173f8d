import { Spin, Tag, Typography } from 'antd';
import { useEffect, useImperativeHandle, useState, type Ref } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { filterSlashMenu } from './slash-menu.js';
import type { AssistSearchHit } from './workspace-api-types.js';

/** Where the `/` menu gets its items and the text an item inserts (a canned reply is rendered for the conversation). */
export interface SlashMenuSource {
  search(query: string): Promise<AssistSearchHit[]>;
  resolve(hit: AssistSearchHit): Promise<string>;
}

/** Lets the reply box forward arrow keys, Enter, Tab and Escape while the menu is open. */
export interface SlashMenuHandle {
  /** True when the key was the menu's (the text area must then ignore it). */
  handleKey(key: string): boolean;
}

const SEARCH_DELAY_MS = 200;

interface SlashMenuProps {
  ref?: Ref<SlashMenuHandle>;
  source: SlashMenuSource;
  query: string;
  onPick: (text: string) => void;
  onClose: () => void;
}

/** The searchable menu the reply box opens on `/`: canned replies, FAQs and articles, inserted for editing. */
export function SlashMenu({ ref, source, query, onPick, onClose }: SlashMenuProps) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<{ query: string; hits: AssistSearchHit[] }>({ query: '\u0000', hits: [] });
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [resolving, setResolving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      source.search(query).then(
        (hits) => {
          if (cancelled) return;
          setAnswer({ query, hits });
          setError(null);
        },
        (failure: unknown) => {
          if (!cancelled) setError(describeError(failure, t));
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // t left out: a language switch must not search again.
  }, [source, query]);

  // The server's answer for this very query is shown as ranked; an older answer is narrowed locally meanwhile.
  const items = answer.query === query ? answer.hits.slice(0, 8) : filterSlashMenu(answer.hits, query);
  const current = Math.min(active, Math.max(0, items.length - 1));

  const choose = (hit: AssistSearchHit | undefined) => {
    if (!hit || resolving) return;
    setResolving(true);
    source
      .resolve(hit)
      .then(onPick, (failure: unknown) => setError(describeError(failure, t)))
      .finally(() => setResolving(false));
  };

  useImperativeHandle(ref, () => ({
    handleKey(key: string) {
      if (key === 'ArrowDown') setActive((current + 1) % Math.max(1, items.length));
      else if (key === 'ArrowUp') setActive((current - 1 + items.length) % Math.max(1, items.length));
      else if ((key === 'Enter' || key === 'Tab') && items.length > 0) choose(items[current]);
      else if (key === 'Escape') onClose();
      else return false;
      return true;
    },
  }));

  return (
    <div className="slash-menu" role="listbox" aria-label={t('slash.title')} data-testid="slash-menu">
      <div className="slash-menu__header">
        <Typography.Text type="secondary">{t('slash.title')}</Typography.Text>
        {resolving && <Spin size="small" />}
      </div>
      {error ? (
        <Typography.Text type="danger">{error}</Typography.Text>
      ) : items.length === 0 ? (
        <Typography.Text type="secondary">{answer.query === query ? t('slash.empty') : t('common.loading')}</Typography.Text>
      ) : (
        items.map((hit, index) => (
          <div
            key={`${hit.kind}:${hit.id}`}
            role="option"
            aria-selected={index === current}
            className={`slash-menu__item${index === current ? ' slash-menu__item--active' : ''}`}
            data-testid="slash-menu-item"
            // mousedown, not click: the text area would lose focus and close the menu first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(hit);
            }}
            onMouseEnter={() => setActive(index)}
          >
            <Tag variant="filled" color={hit.kind === 'canned' ? 'blue' : hit.kind === 'faq' ? 'green' : 'purple'}>
              {t(`slash.kind.${hit.kind}`)}
            </Tag>
            <span className="slash-menu__title">
              {hit.shortcut ? <code>/{hit.shortcut}</code> : null} {hit.title}
            </span>
            <span className="slash-menu__body">{hit.body}</span>
          </div>
        ))
      )}
    </div>
  );
}
