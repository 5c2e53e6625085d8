export { residentIdCheckChar, residentIdProblem, mobilePhoneProblem } from './resident-id';
export { maskIdNumber, maskPhone, maskName } from './mask';
export { readPersonal, REVEAL, type PersonalRead } from './personal-read';
export { auditReasonProblem, requireRevealReason, AUDIT_REASON_MAX } from './audit-reason';
export { createAuditLog, AuditChainError, type AuditEntry, type AuditLog } from './audit-log';
export { sealAuditBacklog, sealAuditBacklogAtStart, type AuditBacklogResult } from './audit-backlog';
export { verifyAuditChain, type AuditChainReport, type ChainPoint, type VerifyOptions } from './audit-verify';
export { auditRowHash, canonicalAuditRow, AUDIT_CHAIN_FORMAT, GENESIS_HASH, type AuditRow, type AuditRowContent } from './audit-chain';
export { auditSqlOfPg, type AuditDb, type AuditSql } from './audit-sql';
export { SecretKey } from './secret-key';
export {
  createPersonalDataCipher,
  keyRingProblems,
  KEY_BYTES,
  KEY_ID_PATTERN,
  PersonalDataCipherError,
  type PersonalDataCipher,
  type PersonalDataKeyRing,
} from './personal-data-cipher';
export {
  auditChainKeyEnv,
  generatePersonalDataKeyEnv,
  personalDataCipherOf,
  personalDataEnv,
  personalDataKeyProblems,
  type PersonalDataConfig,
} from './personal-data-keys';
export { loadConfigWithPersonalDataKeys } from './personal-data-config';
export { runEncryptionPass, type EncryptionPassResult, type EncryptionPassSteps } from './encryption-pass';
