export { nodeReadOnlyFileSystem, type ReadOnlyFile, type ReadOnlyFileSystem } from './read-only-file-system.js';
export { verifyDataDir } from './verify-data-dir.js';
export type {
  DataDirVerification,
  PartitionVerification,
  SegmentSummary,
  Severity,
  TopicVerification,
  VerifyProblem,
} from './verify-report.js';
