/** Bytes per btoa() call: large enough to be quick, small enough for String.fromCharCode's argument limit. */
const CHUNK = 0x8000;

/**
 * A file's bytes as base64, for the JSON body of a ticket upload.
 *
 * @example await blobToBase64(new Blob(['hi'])) // 'aGk='
 */
export async function blobToBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}
