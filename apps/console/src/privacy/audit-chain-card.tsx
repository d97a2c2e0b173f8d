import { Alert, Button, Card, List, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { AuditChainResult, PrivacyApi } from './privacy-api.js';

/** Recomputes the tenant's audit hash chain on demand and shows each break. */
export function AuditChainCard({ privacy }: { privacy: PrivacyApi }) {
  const { t, locale } = useI18n();
  const [result, setResult] = useState<AuditChainResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const verify = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await privacy.verifyAudit());
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card title={t('privacy.audit.title')} data-testid="privacy-audit-card">
      <Typography.Paragraph type="secondary">{t('privacy.audit.help')}</Typography.Paragraph>
      <Button type="primary" onClick={() => void verify()} loading={running} data-testid="privacy-audit-verify">
        {t('privacy.audit.verify')}
      </Button>
      {error && <Alert style={{ marginTop: 16 }} type="error" showIcon title={error} />}
      {result && (
        <div style={{ marginTop: 16 }} data-testid="privacy-audit-result" data-intact={String(result.intact)}>
          <Alert
            type={result.intact ? 'success' : 'error'}
            showIcon
            title={result.intact ? t('privacy.audit.intact', { count: result.checked }) : t('privacy.audit.broken', { count: result.breaks.length })}
            description={`${result.firstSeq !== null ? t('privacy.audit.range', { first: result.firstSeq, last: result.lastSeq ?? result.firstSeq }) + ' · ' : ''}${t('privacy.audit.verifiedAt', { at: formatDateTime(result.verifiedAt, locale) })}`}
          />
          {result.breaks.length > 0 && <List size="small" dataSource={result.breaks} renderItem={(b) => <List.Item>{`${b.problem}: ${b.message}`}</List.Item>} />}
        </div>
      )}
    </Card>
  );
}
