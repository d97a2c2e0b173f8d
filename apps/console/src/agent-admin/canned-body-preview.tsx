import { Tooltip } from 'antd';
import { useI18n } from '../i18n/i18n-context.js';
import { splitCannedBody } from './canned-variables.js';

/** The reply body with its variables highlighted, and the ones nothing fills flagged in red. */
export function CannedBodyPreview({ body }: { body: string }) {
  const { t } = useI18n();
  return (
    <span className="agent-admin__canned-body" data-testid="canned-preview">
      {splitCannedBody(body).map((part, index) =>
        part.kind === 'text' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'variable' ? (
          <Tooltip key={index} title={t(`agentAdmin.canned.variable.${part.name}`)}>
            <mark className="agent-admin__variable">{part.text}</mark>
          </Tooltip>
        ) : (
          <Tooltip key={index} title={t('agentAdmin.canned.unknownVariable')}>
            <mark className="agent-admin__variable agent-admin__variable--unknown">{part.text}</mark>
          </Tooltip>
        ),
      )}
    </span>
  );
}
