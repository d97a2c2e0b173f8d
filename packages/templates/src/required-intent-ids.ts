import type { TemplateId } from './template-id.js';

/** Intents every template carries, whatever the industry. */
export const commonIntentIds = ['greeting', 'thanks', 'goodbye', 'human_agent'] as const;

/**
 * The fixed intent ids of each shipped template. Flows, analytics and tests refer to
 * these ids, so renaming one is a breaking change; tenants may add their own.
 */
export const requiredIntentIds: Record<TemplateId, readonly string[]> = {
  ecommerce: [
    'order_status', 'logistics_delay', 'return_request', 'refund_status', 'exchange_request', 'invoice_request',
    'modify_address', 'cancel_order', 'product_inquiry', 'coupon_issue', 'complaint', 'ticket_status', ...commonIntentIds,
  ],
  finance: [
    'balance_query', 'card_loss_report', 'password_reset', 'transfer_issue', 'credit_card_bill', 'loan_inquiry',
    'account_open', 'fraud_report', 'complaint', 'ticket_status', ...commonIntentIds,
  ],
  government: [
    'policy_inquiry', 'appointment_booking', 'material_upload', 'progress_query', 'certificate_request', 'complaint', 'ticket_status',
    ...commonIntentIds,
  ],
  telecom: [
    'bill_query', 'plan_change', 'data_usage', 'broadband_fault', 'number_porting', 'sim_replacement', 'complaint', 'ticket_status',
    ...commonIntentIds,
  ],
};
