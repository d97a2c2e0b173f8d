/** Packs a Float32Array as base64 — about 4× smaller than a JSON number list and loads with one copy. */
export function encodeFloat32(values: Float32Array): string {
  return encodeBytes(values);
}

/** Inverse of {@link encodeFloat32}. */
export function decodeFloat32(encoded: string): Float32Array {
  return decodeInto(encoded, (n) => new Float32Array(n));
}

/** Packs an Int32Array (indices, counts) as base64, like {@link encodeFloat32}. */
export function encodeInt32(values: Int32Array): string {
  return encodeBytes(values);
}

/** Inverse of {@link encodeInt32}. */
export function decodeInt32(encoded: string): Int32Array {
  return decodeInto(encoded, (n) => new Int32Array(n));
}

function encodeBytes(values: Float32Array | Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

// Four bytes per element in both types; copying into a fresh array keeps it aligned.
function decodeInto<T extends Float32Array | Int32Array>(encoded: string, allocate: (length: number) => T): T {
  const bytes = Buffer.from(encoded, 'base64');
  const out = allocate(bytes.byteLength / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}
