// Compressed sparse rows: the feature matrix of a screening set. Record r's non-zero
// features are indices[indptr[r] .. indptr[r+1]) with the matching values.

export interface SparseMatrix {
  readonly rows: number;
  readonly columns: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}
