export { type CertificateSet, makeCertificates, type PemFiles } from './certificates.js';
export { damageTailBatch } from './damage-batch.js';
export { metricValue, parsePrometheusText, type Sample, samplesOf } from './prometheus-text.js';
export { SeededRandom } from './seeded-random.js';
export { mountSmallDisk, type SmallDisk } from './small-disk.js';
export { TempDirs } from './temp-dirs.js';
export { makeTestCertificates, type TestCertificates } from './test-certificates.js';
export { TEST_SEED_VARIABLE, testSeed } from './test-seed.js';
