/** What a party could get for a call: camera and microphone, the microphone alone, or nothing. */
export type CallMediaMode = 'video' | 'audio' | 'none';

/**
 * Asks for the camera and microphone (only now, when the visitor pressed 接听); when that is
 * refused or there is no camera, falls back to the microphone alone; when that fails too, to
 * none, and the caller ends the call with a message while the chat goes on.
 * @example const { stream, mode } = await acquireCallMedia(navigator.mediaDevices, 'video');
 */
export async function acquireCallMedia(devices: Pick<MediaDevices, 'getUserMedia'> | undefined, kind: 'video' | 'audio'): Promise<{ stream: MediaStream | null; mode: CallMediaMode }> {
  if (!devices) return { stream: null, mode: 'none' };
  if (kind === 'video') {
    try {
      return { stream: await devices.getUserMedia({ audio: true, video: { width: { ideal: 640 }, height: { ideal: 480 } } }), mode: 'video' };
    } catch {
      // Denied, or no camera: try the microphone alone.
    }
  }
  try {
    return { stream: await devices.getUserMedia({ audio: true }), mode: 'audio' };
  } catch {
    return { stream: null, mode: 'none' };
  }
}
