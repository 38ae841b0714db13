// Public API of the .rm5 reader: pure functions from bytes/text to typed analyses.
export * from './types.ts';
export { decodeRm5Bytes, decodeWindows1252, declaredEncoding, decoderLabel } from './decode.ts';
export { parseRm5, parseRm5Document, parseRm5Review, parseRm5Tree, Rm5ParseError, textOf } from './parse.ts';
export { parseJavaDouble, parseYesNo } from './numbers.ts';
export { rm5OutcomeToAnalysisInput, outcomeRows, studyNames, type Rm5ConversionResult, type Rm5StudyNames } from './to-analysis-input.ts';
export * from './compare.ts';
export * from './analyze-review.ts';
export { rm5ReferenceProblems, lineOf, type Rm5Problem } from './validate.ts';
