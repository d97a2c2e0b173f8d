/**
 * How every browser test starts Debian's Chromium. Reduced motion turns the console's antd animations off
 * (the console honours prefers-reduced-motion): a click that landed while a popover was still zooming in was
 * lost on a loaded CI machine.
 */
export const HEADLESS_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--force-prefers-reduced-motion'];
