import { Result, Tabs, Typography } from 'antd';
import { useMemo } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { AuditChainCard } from './audit-chain-card.js';
import { DataSubjectPanel } from './data-subject-panel.js';
import { PrivacyApi } from './privacy-api.js';
import { PrivacyNoticeCard } from './privacy-notice-card.js';
import { PrivacyRequestsTable } from './privacy-requests-table.js';
import { RetentionCard } from './retention-card.js';

/** 隐私 (PIPL): the notice visitors accept, retention per data class, data subjects' requests and consents, the audit chain. Admins only. */
export function PrivacyPage() {
  const user = useSignedInUser();
  const { api } = useSession();
  const { t } = useI18n();
  const privacy = useMemo(() => new PrivacyApi(api), [api]);
  // The navigation hides the entry; this covers a typed or shared #/privacy link.
  if (!roleCan(user.role, 'privacy.manage')) return <Result status="403" subTitle={t('privacy.forbidden')} data-testid="privacy-forbidden" />;
  return (
    <div className="privacy-page" data-testid="privacy-page" style={{ padding: 24, maxWidth: 1100 }}>
      <Typography.Title level={3}>{t('privacy.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('privacy.intro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'subjects', label: <span data-testid="privacy-tab-subjects">{t('privacy.tab.subjects')}</span>, children: <DataSubjectPanel privacy={privacy} /> },
          { key: 'requests', label: <span data-testid="privacy-tab-requests">{t('privacy.tab.requests')}</span>, children: <PrivacyRequestsTable privacy={privacy} /> },
          { key: 'notice', label: <span data-testid="privacy-tab-notice">{t('privacy.tab.notice')}</span>, children: <PrivacyNoticeCard privacy={privacy} /> },
          { key: 'retention', label: <span data-testid="privacy-tab-retention">{t('privacy.tab.retention')}</span>, children: <RetentionCard privacy={privacy} /> },
          { key: 'audit', label: <span data-testid="privacy-tab-audit">{t('privacy.tab.audit')}</span>, children: <AuditChainCard privacy={privacy} /> },
        ]}
      />
    </div>
  );
}
