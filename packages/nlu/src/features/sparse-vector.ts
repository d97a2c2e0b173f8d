/** A sparse feature vector: parallel arrays of ascending feature indices and their values. */
export type SparseVector = { indices: Int32Array; values: Float32Array };
