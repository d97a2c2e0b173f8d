import type * as OnDemand from './widget-on-demand.js';

export type OnDemandModule = typeof OnDemand;

declare global {
  interface Window {
    ZhidaWidgetOnDemand?: OnDemandModule;
  }
}

/** The file name of the on-demand bundle, served next to widget.js. */
export const ON_DEMAND_FILE = 'widget-on-demand.js';

/**
 * Loads widget-on-demand.js with a classic `<script>` (the host page may not allow modules or eval) at most once at a
 * time; a failed load is forgotten, so the next use tries again.
 *
 * @example
 * const load = onDemandScript(new URL(ON_DEMAND_FILE, ownScript.src).href);
 * const { startVideoCall } = await load();
 */
export function onDemandScript(src: string): () => Promise<OnDemandModule> {
  let loading: Promise<OnDemandModule> | null = null;
  return () => {
    if (window.ZhidaWidgetOnDemand) return Promise.resolve(window.ZhidaWidgetOnDemand);
    loading ??= new Promise<OnDemandModule>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.async = true;
      script.addEventListener('load', () => {
        if (window.ZhidaWidgetOnDemand) return resolve(window.ZhidaWidgetOnDemand);
        loading = null;
        reject(new Error(`Zhida widget: ${src} loaded but did not define ZhidaWidgetOnDemand.`));
      });
      script.addEventListener('error', () => {
        loading = null;
        script.remove();
        reject(new Error(`Zhida widget: cannot load ${src}.`));
      });
      document.head.append(script);
    });
    return loading;
  };
}
