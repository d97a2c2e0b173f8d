import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const bundlePath = fileURLToPath(new URL('../dist/widget.js', import.meta.url));
const demoPath = fileURLToPath(new URL('../dist/demo.html', import.meta.url));
const onDemandPath = fileURLToPath(new URL('../dist/widget-on-demand.js', import.meta.url));
const BUDGET_BYTES = 60 * 1024;

/** Reads the built bundle; `npm test` builds before running vitest, so a missing file is a real failure. */
function readBundle(path = bundlePath): string {
  if (!existsSync(path)) throw new Error(`${path} is missing — run \`npm run build -w apps/widget\` first.`);
  return readFileSync(path, 'utf8');
}

describe('the shipped widget bundle', () => {
  it(`stays within the ${BUDGET_BYTES / 1024} KB gzip budget a third-party page can afford`, () => {
    const gzipped = gzipSync(readBundle(), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('is a classic script that runs from a plain <script> tag, not an ES module', () => {
    const bundle = readBundle();
    expect(bundle.trimStart().startsWith('(function')).toBe(true);
    expect(bundle).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('does not reach for Node globals that browsers lack', () => {
    expect(readBundle()).not.toMatch(/\bprocess\.env\b/);
  });

  it('never assigns markup, so no message text can be parsed as HTML', () => {
    expect(readBundle()).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML/);
  });

  it('ships the demo shop page next to the bundle', () => {
    expect(existsSync(demoPath)).toBe(true);
    expect(readFileSync(demoPath, 'utf8')).toContain('/widget.js');
  });

  it('loads calls and voice on demand from a classic script that sets window.ZhidaWidgetOnDemand, without Node globals', () => {
    const onDemand = readBundle(onDemandPath);
    expect(onDemand.trimStart()).toMatch(/^var ZhidaWidgetOnDemand\s*=\s*\(function/);
    expect(onDemand).not.toMatch(/^\s*(import|export)\s/m);
    expect(onDemand).not.toMatch(/\bprocess\.env\b/);
    expect(onDemand).not.toMatch(/\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML/);
    for (const name of ['startVideoCall', 'createHoldToTalk', 'createAudioPlayer']) expect(onDemand).toContain(name);
    // The call and the microphone live only there, so every page view does not pay for them.
    expect(readBundle()).not.toContain('RTCPeerConnection');
    expect(readBundle()).not.toContain('createScriptProcessor');
    expect(onDemand).toContain('RTCPeerConnection');
    expect(onDemand).toContain('createScriptProcessor');
  });
});
