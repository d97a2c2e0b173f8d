import { describe, expect, it } from 'vitest';
import { acquireCallMedia } from './call-media.js';

const stream = {} as MediaStream;

describe('call media with fallbacks', () => {
  it('takes camera and microphone when both are granted', async () => {
    expect(await acquireCallMedia({ getUserMedia: async () => stream }, 'video')).toEqual({ stream, mode: 'video' });
  });

  it('falls back to the microphone alone when the camera is denied or missing', async () => {
    const asked: MediaStreamConstraints[] = [];
    const devices = {
      getUserMedia: async (c?: MediaStreamConstraints) => {
        asked.push(c ?? {});
        if (c?.video) throw new DOMException('Permission denied', 'NotAllowedError');
        return stream;
      },
    };
    expect(await acquireCallMedia(devices, 'video')).toEqual({ stream, mode: 'audio' });
    expect(asked).toHaveLength(2);
  });

  it('gives up with no media when neither is available, so the chat goes on', async () => {
    const devices = { getUserMedia: async () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError')) };
    expect(await acquireCallMedia(devices, 'video')).toEqual({ stream: null, mode: 'none' });
    expect(await acquireCallMedia(undefined, 'video')).toEqual({ stream: null, mode: 'none' });
  });
});
