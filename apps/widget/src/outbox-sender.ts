// Moved to @zhida/client (#15); this path stays so the widget's imports keep working.
export * from '@zhida/client/outbox-sender';
