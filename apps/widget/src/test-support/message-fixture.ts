// Moved to @zhida/client (#15); this path stays so the widget's tests keep importing it from here.
export * from '@zhida/client/test-support/message-fixture';
